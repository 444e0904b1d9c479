/**
 * What the hub tells a portal about an account, per scope (hub.md "Claims"): the real hub's claim names, every
 * value a string except `loAs`. Pure: the caller decrypts the account first and passes the granted scopes.
 */
import { parseIdNumber } from '../../domain/id-number.ts';
import type { ClaimEvidence, IdentityClaim } from '../../domain/identity-claims.ts';

/** An account as the claims need it, decrypted. */
export interface ClaimsSubject {
  /** Opaque and stable: the account's random UUID (never the ID number, which is personal data). */
  sub: string;
  kind: 'citizen' | 'organisation';
  /** The ID number (citizen) or the tax code (organisation). */
  idNumber: string;
  /** The old 9-digit CMND, when the account knows it. */
  oldIdNumber?: string;
  /** The full name (citizen) or the organisation's registered name. */
  fullName: string;
  /** `YYYY-MM-DD`, when the method proved it. */
  birthDate?: string;
  /** From the source (`M` | `F`) where the ID number cannot tell (a 9-digit CMND). */
  sex?: 'M' | 'F';
  /** E.164 (`+84…`), when the account has a verified phone. */
  phoneNumber?: string;
  evidence: readonly ClaimEvidence[];
}

export interface LevelOfAssurance {
  claim: string;
  level: number;
  src: string;
}

export type HubClaims = Record<string, string | LevelOfAssurance[]>;

/** The scopes the hub knows, each with the claims it releases (`loAs` always rides with `profile`). */
export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: ['HoVaTen', 'NgayThangNamSinh', 'GioiTinh', 'LoaiTaiKhoan', 'loAs'],
  citizen_id: ['SoDinhDanh', 'SoCMND'],
  phone: ['SoDienThoai'],
  organisation: ['MaSoDoanhNghiep', 'TenDoanhNghiep'],
} as const satisfies Record<string, readonly string[]>;

const HUB_NAME_OF: Record<IdentityClaim, string> = {
  idNumber: 'SoDinhDanh',
  fullName: 'HoVaTen',
  birthDate: 'NgayThangNamSinh',
  phoneNumber: 'SoDienThoai',
  taxCode: 'MaSoDoanhNghiep',
  organisationName: 'TenDoanhNghiep',
};

export function claimsOf(subject: ClaimsSubject, scopes: ReadonlySet<string>): HubClaims {
  if (subject.kind === 'organisation') return organisationClaims(subject, scopes);
  const claims: HubClaims = { sub: subject.sub };
  if (scopes.has('profile')) Object.assign(claims, profileClaims(subject));
  if (scopes.has('citizen_id')) {
    claims.SoDinhDanh = subject.idNumber;
    if (subject.oldIdNumber) claims.SoCMND = subject.oldIdNumber;
  }
  if (scopes.has('phone') && subject.phoneNumber) claims.SoDienThoai = nationalPhone(subject.phoneNumber);
  return claims;
}

/**
 * An organisation is no person: no name, birth date, sex, personal ID or phone of a citizen; its tax code and
 * name under `organisation`, and `LoaiTaiKhoan` "2" with the evidence under `profile`.
 */
function organisationClaims(subject: ClaimsSubject, scopes: ReadonlySet<string>): HubClaims {
  const claims: HubClaims = { sub: subject.sub };
  if (scopes.has('profile')) {
    claims.LoaiTaiKhoan = '2';
    claims.loAs = levelsOfAssurance(subject);
  }
  if (scopes.has('organisation')) {
    claims.MaSoDoanhNghiep = subject.idNumber;
    claims.TenDoanhNghiep = normalisedName(subject.fullName);
  }
  return claims;
}

function profileClaims(subject: ClaimsSubject): HubClaims {
  const claims: HubClaims = {
    HoVaTen: normalisedName(subject.fullName),
    ...(subject.birthDate && { NgayThangNamSinh: subject.birthDate.replaceAll('-', '') }),
    LoaiTaiKhoan: '1',
    loAs: levelsOfAssurance(subject),
  };
  const sex = sexOf(subject.idNumber) ?? (subject.sex && (subject.sex === 'M' ? 'Nam' : 'Nữ'));
  if (sex) claims.GioiTinh = sex;
  return claims;
}

const normalisedName = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim();

const levelsOfAssurance = (subject: ClaimsSubject): LevelOfAssurance[] =>
  subject.evidence.map((evidence) => ({
    claim: HUB_NAME_OF[evidence.claim],
    level: evidence.level,
    src: evidence.source,
  }));

/** From the 12-digit number's century-and-sex digit; unknown for a 9-digit CMND. */
function sexOf(idNumber: string): 'Nam' | 'Nữ' | undefined {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok || !parsed.value.sex) return undefined;
  return parsed.value.sex === 'male' ? 'Nam' : 'Nữ';
}

/** `0xxxxxxxxx`, as Vietnamese forms write a mobile number. */
function nationalPhone(e164: string): string {
  return e164.startsWith('+84') ? `0${e164.slice(3)}` : e164;
}
