/**
 * The owner-registered-SIM check, as the registration journey needs it. The adapter finds the serving
 * carrier (number portability first, prefix second) and asks it over CAMARA KYC Match and SIM Swap.
 */
import type { CarrierId } from '../../domain/carriers.ts';

export type { CarrierId };

export interface OwnerCheckRequest {
  /** E.164, e.g. +84912345678 */
  phoneNumber: string;
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

export type OwnerCheckDecision =
  | { outcome: 'owner'; carrier: CarrierId }
  | {
      outcome: 'not_owner';
      carrier: CarrierId;
      /** Which facts failed, for audit and metrics; never shown field by field to the citizen. */
      reasons: Array<'id_number' | 'name' | 'birth_date' | 'inactive' | 'recent_sim_swap'>;
      /**
       * With `recent_sim_swap`: when the latest SIM change stops counting (the change plus the carrier
       * check's window), so the citizen can be told when to come back.
       */
      simChangeWaitEndsAt?: Date;
    }
  | { outcome: 'unknown_number' }
  | { outcome: 'carrier_unavailable'; carrier?: CarrierId };

export interface CarrierCheck {
  checkOwner(request: OwnerCheckRequest, context?: { requestId?: string }): Promise<OwnerCheckDecision>;
  /** Resolves when the carrier side can be reached (readiness). */
  ping(): Promise<void>;
}
