/**
 * The population registry's data-sharing service, as the journeys need it: which 12-digit ID number
 * (CCCD) a number belongs to, and the old 9-digit CMND numbers linked to it, so a citizen whose carrier
 * or insurance record still holds the old number can be recognised; and the full name as the registry
 * spells it, with its diacritics, so an account keeps that spelling rather than what was typed.
 */
export type PopulationAnswer =
  /** `idNumber`: the current 12-digit number; `oldIdNumbers`: the older numbers linked to it. */
  | { outcome: 'found'; idNumber: string; oldIdNumbers: string[]; fullName: string }
  | { outcome: 'not_found' }
  /** The registry could not be asked or did not answer usably; nothing is known about the citizen. */
  | { outcome: 'unavailable' };

export interface PopulationRegistry {
  /** By the 12-digit number or a linked old CMND; never throws. */
  lookup(idNumber: string, context: { requestId: string }): Promise<PopulationAnswer>;
  /** Rejects while the registry is known to be failing (readiness). */
  ping(): Promise<void>;
}
