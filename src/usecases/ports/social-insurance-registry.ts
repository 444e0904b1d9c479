/**
 * Vietnam Social Security's record registry, as the social-insurance registration method needs it: does
 * a record match all four facts the citizen typed, and which phone does that record hold.
 */
export interface InsuranceRecordQuery {
  /** Mã số BHXH, 10 digits. */
  socialInsuranceNumber: string;
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

export type InsuranceRecordAnswer =
  /** `phoneNumber`: the record's mobile number as E.164, or null when it holds no usable one. */
  | { outcome: 'match'; phoneNumber: string | null }
  /** No record with that number, or one of the other facts differs: the registry does not say which. */
  | { outcome: 'no_match' }
  /** The registry could not be asked or did not answer usably. */
  | { outcome: 'unavailable' };

export interface SocialInsuranceRegistry {
  /** Never throws. */
  match(query: InsuranceRecordQuery, context: { requestId: string }): Promise<InsuranceRecordAnswer>;
  /** Rejects while the registry is known to be failing (readiness). */
  ping(): Promise<void>;
}
