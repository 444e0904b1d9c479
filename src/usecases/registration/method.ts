/**
 * The seam every registration method plugs into (Ory Kratos's strategies, Logto's verification records):
 * a method validates its own entries and proves the citizen's identity against its authoritative source;
 * the shared journey does the rest the same way for all of them (per-IP limit, captcha, one account per
 * citizen, the code, the password, the account, audit and metrics).
 *
 * Methods that end in an SMS code to a phone their source vouches for (mobile subscriber, social
 * insurance) implement `CodeRegistrationMethod`; the journey then runs `startWithCode` for them.
 */
import type { Failure, Outcome, RequestContext } from '../outcome.ts';
import type { VerifiedIdentity } from './verified-identity.ts';

export type Proof =
  | { proven: true; identity: VerifiedIdentity; partner: string }
  | {
      proven: false;
      failure: Failure;
      /** The partner that refused or failed, for metrics and the audit trail. */
      partner?: string;
      /** What the partner found, for the audit trail only (never shown to anybody). */
      detail?: string;
    };

export interface CodeRegistrationMethod<Input, Entries extends { idNumber: string }> {
  /** The method's id: `mobile`, `social-insurance`, ... (URL segment, metric and audit label). */
  id: string;
  /** Every entry checked at once; field errors in one `VALIDATION_FAILED`. */
  validate(input: Input, today: Date): Outcome<Entries>;
  prove(entries: Entries, context: RequestContext): Promise<Proof>;
}

/** The entries every citizen method asks for, besides its own, and the captcha. */
export interface CitizenEntries {
  idNumber: string;
  fullName: string;
  birthDate: string;
}

export interface CaptchaAnswer {
  captchaId: string;
  captchaAnswer: string;
}
