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
  idNumber: string;
  /** The old 9-digit CMND, when the account knows it. */
  oldIdNumber?: string;
  fullName: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
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
};

export function claimsOf(subject: ClaimsSubject, scopes: ReadonlySet<string>): HubClaims {
  const claims: HubClaims = { sub: subject.sub };
  if (scopes.has('profile')) Object.assign(claims, profileClaims(subject));
  if (scopes.has('citizen_id')) {
    claims.SoDinhDanh = subject.idNumber;
    if (subject.oldIdNumber) claims.SoCMND = subject.oldIdNumber;
  }
  if (scopes.has('phone') && subject.phoneNumber) claims.SoDienThoai = nationalPhone(subject.phoneNumber);
  return claims;
}

function profileClaims(subject: ClaimsSubject): HubClaims {
  const claims: HubClaims = {
    HoVaTen: subject.fullName.normalize('NFC').replace(/\s+/g, ' ').trim(),
    NgayThangNamSinh: subject.birthDate.replaceAll('-', ''),
    LoaiTaiKhoan: subject.kind === 'citizen' ? '1' : '2',
    loAs: subject.evidence.map((evidence) => ({
      claim: HUB_NAME_OF[evidence.claim],
      level: evidence.level,
      src: evidence.source,
    })),
  };
  const sex = sexOf(subject.idNumber);
  if (sex) claims.GioiTinh = sex;
  return claims;
}

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
