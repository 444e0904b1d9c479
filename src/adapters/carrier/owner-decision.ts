/**
 * Turns a carrier's CAMARA answers (KYC Match and SIM Swap check) into one owner-check decision.
 * Pure: the HTTP side only classifies each answer; every rule about what they mean together is here.
 */
import type { CarrierId, OwnerCheckDecision } from '../../usecases/ports/carrier-check.ts';

export type NotOwnerReason = Extract<OwnerCheckDecision, { outcome: 'not_owner' }>['reasons'][number];

/** The carrier's answer to KYC Match, or why there is none. */
export type KycAnswer =
  /** 200: CAMARA MatchResult strings ('true' | 'false' | 'not_available'), absent when not returned. */
  | { kind: 'match'; idDocumentMatch?: unknown; nameMatch?: unknown; birthdateMatch?: unknown }
  /** 404 IDENTIFIER_NOT_FOUND: the carrier has no such subscriber. */
  | { kind: 'not_found' }
  /** 422 SERVICE_NOT_APPLICABLE: the line exists but is not in service. */
  | { kind: 'not_applicable' }
  /** 403 KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH: operators that check the ID first stop there. */
  | { kind: 'id_document_mismatch' }
  | { kind: 'failed' };

/** The carrier's answer to SIM Swap check, or why there is none. */
export type SimSwapAnswer =
  /** `waitEndsAt`, with a swap: when it stops counting (the change plus the window asked about). */
  | { kind: 'checked'; swapped: boolean; waitEndsAt?: Date }
  | { kind: 'not_found' }
  | { kind: 'not_applicable' }
  | { kind: 'failed' };

const REASON_ORDER: readonly NotOwnerReason[] = [
  'id_number',
  'name',
  'birth_date',
  'inactive',
  'recent_sim_swap',
];

/**
 * Rules, in order: the carrier not knowing the number (KYC 404) makes it unknown; any fact that failed
 * makes it not the owner, even if the other call failed (a refusal needs no second opinion); owner needs
 * every fact to be an explicit "true" and an explicit "not swapped"; anything else could not be decided.
 */
export function decideOwner(carrier: CarrierId, kyc: KycAnswer, swap: SimSwapAnswer): OwnerCheckDecision {
  if (kyc.kind === 'not_found') return { outcome: 'unknown_number' };

  const reasons = new Set<NotOwnerReason>();
  if (kyc.kind === 'match') {
    // "not_available" (nothing on file) or a missing field proves nothing, so it cannot pass either.
    if (kyc.idDocumentMatch !== 'true') reasons.add('id_number');
    if (kyc.nameMatch !== 'true') reasons.add('name');
    if (kyc.birthdateMatch !== 'true') reasons.add('birth_date');
  } else if (kyc.kind === 'id_document_mismatch') reasons.add('id_number');
  else if (kyc.kind === 'not_applicable') reasons.add('inactive');
  if (swap.kind === 'checked' && swap.swapped) reasons.add('recent_sim_swap');
  else if (swap.kind === 'not_applicable') reasons.add('inactive');

  if (reasons.size > 0)
    return {
      outcome: 'not_owner',
      carrier,
      reasons: REASON_ORDER.filter((r) => reasons.has(r)),
      ...(swap.kind === 'checked' &&
        swap.swapped &&
        swap.waitEndsAt && { simChangeWaitEndsAt: swap.waitEndsAt }),
    };
  if (kyc.kind === 'match' && swap.kind === 'checked') return { outcome: 'owner', carrier };
  // SIM Swap not knowing the number settles it only when KYC Match could not say otherwise.
  if (swap.kind === 'not_found' && kyc.kind === 'failed') return { outcome: 'unknown_number' };
  return { outcome: 'carrier_unavailable', carrier };
}
