/**
 * What makes one portal differ from another: its names, its colour, its services. Everything else (sign-in
 * through the hub, sessions, pages) is the kit's.
 */
import type { Language } from '../../lib/language.ts';

export type FieldSpec =
  | { name: string; kind: 'choice'; options: string[] }
  | { name: string; kind: 'count'; min: number; max: number }
  | { name: string; kind: 'text'; maxLength: number; multiline?: boolean };

export interface FieldTexts {
  label: string;
  hint?: string;
  /** Labels of a choice's options, by option value. */
  options?: Record<string, string>;
}

export interface ServiceTexts {
  title: string;
  lead: string;
  fields: Record<string, FieldTexts>;
}

/** A sample public service: a request form that needs the assurance level `acr`. */
export interface ServiceDefinition {
  slug: string;
  acr: 'LoA2';
  fields: FieldSpec[];
  texts: Record<Language, ServiceTexts>;
}

export interface PortalTexts {
  name: string;
  tagline: string;
}

export interface PortalDefinition {
  /** The client id it has at the hub in dev, and the prefix of its cookies. */
  id: string;
  /** Its port in dev: the hub's PORT plus this. */
  portOffset: number;
  /** Header colour: white text on it must reach 4.5:1. */
  accent: string;
  texts: Record<Language, PortalTexts>;
  services: ServiceDefinition[];
}
