/**
 * PostID's userinfo read into a federated identity (docs/methods.md "Vietnam Post"): `SoCMND` (the ID number as
 * declared, 12 or 9 digits), `HoVaTen`, `NgayThangNamSinh` (YYYYMMDD), `GioiTinh` (Nam | Nữ), `SoDienThoai`
 * (0xxxxxxxxx), `TrangThaiPheDuyet` (CHO_DUYET | DA_DUYET | TU_CHOI), `loAs` (per claim, with `src: "VNPOST"`).
 * An answer without a usable ID number, name or approval state is not an identity: undefined (the adapter says
 * PostID answered what it cannot read). Values are never logged here.
 */

import { parseIdNumber } from '../../domain/id-number.ts';
import type { AssuranceLevel, IdentityClaim } from '../../domain/identity-claims.ts';
import { validateFullName } from '../../domain/name.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import type {
  FederatedApproval,
  FederatedIdentity,
} from '../../usecases/ports/federated-identity-provider.ts';

const APPROVALS: Record<string, FederatedApproval> = {
  DA_DUYET: 'approved',
  CHO_DUYET: 'pending',
  TU_CHOI: 'rejected',
};

const CLAIM_OF: Record<string, IdentityClaim> = {
  SoCMND: 'idNumber',
  HoVaTen: 'fullName',
  NgayThangNamSinh: 'birthDate',
  SoDienThoai: 'phoneNumber',
};

/** Where PostID says nothing about levels: its published rule (approved: 3, phone 2; otherwise declared: 1). */
function defaultLevels(approval: FederatedApproval): Partial<Record<IdentityClaim, AssuranceLevel>> {
  const checked = approval === 'approved' ? 3 : 1;
  return { idNumber: checked, fullName: checked, birthDate: checked, phoneNumber: 2 };
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function birthDateOf(value: unknown): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text(value));
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1
    ? `${year}-${month}-${day}`
    : null;
}

function levelsOf(loAs: unknown, approval: FederatedApproval) {
  if (!Array.isArray(loAs)) return defaultLevels(approval);
  const levels: Partial<Record<IdentityClaim, AssuranceLevel>> = {};
  for (const entry of loAs) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { claim, level, src } = entry as Record<string, unknown>;
    const ours = typeof claim === 'string' ? CLAIM_OF[claim] : undefined;
    const value = Number(level);
    if (!ours || src !== 'VNPOST' || ![1, 2, 3].includes(value)) continue;
    levels[ours] = value as AssuranceLevel;
  }
  return levels;
}

export function readPostIdIdentity(
  subject: string,
  userinfo: Record<string, unknown>,
): FederatedIdentity | undefined {
  const approval = APPROVALS[text(userinfo.TrangThaiPheDuyet)];
  const idNumber = parseIdNumber(text(userinfo.SoCMND));
  const fullName = validateFullName(text(userinfo.HoVaTen));
  if (!approval || !idNumber.ok || !fullName.ok || !subject) return undefined;
  const phone = normalizeMobileNumber(text(userinfo.SoDienThoai));
  const sex = text(userinfo.GioiTinh).normalize('NFC');
  const reason = text(userinfo.LyDoTuChoi).slice(0, 500);
  return {
    subject,
    idNumber: idNumber.value.number,
    fullName: fullName.value,
    birthDate: birthDateOf(userinfo.NgayThangNamSinh),
    phoneNumber: phone.ok ? phone.value.e164 : null,
    sex: sex === 'Nam' ? 'M' : sex === 'Nữ' ? 'F' : null,
    approval,
    rejectionReason: approval === 'rejected' && reason ? reason : null,
    levels: levelsOf(userinfo.loAs, approval),
  };
}
