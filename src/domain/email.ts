/**
 * Email addresses a citizen declares on a form. Nothing proves them (no code is sent to them), so an account
 * keeps one as an unverified contact: the shape is all that can be checked here. Look-ups compare the
 * lower-case form (how people type the domain varies; providers treat the local part alike in practice),
 * while the address is kept as the citizen typed it.
 */
import { err, ok, type Result } from './result.ts';

export interface EmailAddress {
  /** As typed, without surrounding spaces. */
  address: string;
  /** Lower-case: what a blind index of the address is made of. */
  lookupForm: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;
/** RFC 5321's limit on a path, less its angle brackets. */
const MAX_LENGTH = 254;

export function parseEmail(raw: string): Result<EmailAddress, 'EMAIL_INVALID'> {
  const address = raw.trim();
  if (address.length > MAX_LENGTH || !EMAIL.test(address)) return err('EMAIL_INVALID');
  return ok({ address, lookupForm: address.toLowerCase() });
}
