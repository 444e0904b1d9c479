/**
 * How a feature declares its texts, and how the index puts the features together. A feature gives its
 * Vietnamese texts and its English ones; English is typed against Vietnamese, so a text missing from
 * either language, or one the other lacks, is a compile error in that feature's file.
 */
import type { Language } from '../language.ts';

type Texts = { [key: string]: string | Texts };

/** The keys of a catalog with every text widened to `string`: what the other language must match. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

export interface Bilingual<T> {
  vi: T;
  en: SameKeys<T>;
}

type PageShape = Record<string, Record<string, string>>;
type ApiShape = {
  problems?: Record<string, { title: string; detail: string }>;
  /** A refusal code's texts by reason, said instead of the code's (SUBSCRIBER_NOT_OWNER's reasons). */
  problemReasons?: Record<string, { title: string; detail: string }>;
  fields?: Record<string, string>;
};

/** Sections of page texts (`ctx.m.<section>.<key>`). */
export function definePageTexts<T extends PageShape>(texts: {
  vi: T;
  en: NoInfer<SameKeys<T>>;
}): Bilingual<T> {
  return texts;
}

/** Problem titles and details (`problems.<CODE>`) and field-error texts (`fields.<CODE>`) of the API. */
export function defineApiTexts<T extends ApiShape>(texts: { vi: T; en: NoInfer<SameKeys<T>> }): Bilingual<T> {
  return texts;
}

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The catalog the features make together: the union of their sections and keys. */
export type Assembled<Parts extends readonly Bilingual<Texts>[]> = SameKeys<
  Intersection<Parts[number]['vi']>
>;

/**
 * Merges the features' texts language by language. Features may add keys to the same section (each
 * brings its own field errors, say) but never the same text twice: that is a mistake caught at start-up.
 */
export function assemble<const Parts extends readonly Bilingual<Texts>[]>(
  parts: Parts,
): Record<Language, Assembled<Parts>> {
  const merged = (language: Language) =>
    parts.reduce<Texts>((catalog, part) => mergeInto(catalog, part[language] as Texts, ''), {});
  return { vi: merged('vi'), en: merged('en') } as Record<Language, Assembled<Parts>>;
}

function mergeInto(target: Texts, source: Texts, path: string): Texts {
  for (const [key, value] of Object.entries(source)) {
    const at = path ? `${path}.${key}` : key;
    const existing = target[key];
    if (typeof value === 'string' || typeof existing === 'string') {
      if (existing !== undefined) throw new Error(`the text "${at}" is defined by two features`);
      target[key] = value;
    } else {
      target[key] = mergeInto(existing ?? {}, value, at);
    }
  }
  return target;
}
