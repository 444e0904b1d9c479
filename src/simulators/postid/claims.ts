/**
 * The claims PostID releases about an account, in the portal's claim set as the real PostID maps them
 * (methods.md §2): `SoCMND`, `HoVaTen`, `NgayThangNamSinh` (YYYYMMDD), `GioiTinh`, `SoDienThoai` (0xxxxxxxxx),
 * `TrangThaiPheDuyet`, and `loAs`: per claim the assurance level with `src: "VNPOST"`. A counter-approved
 * identity is level 3 (ID number, name, birth date) with the approval date as `validDate`; before approval (or
 * after a rejection) they are only declared, level 1. The phone is level 2 either way: the SMS code proved it.
 * A rejected account also carries the clerk's reason, `LyDoTuChoi`, so a service can tell the citizen what to
 * bring back to the counter.
 */
import type { ApprovalStatus } from './schema.ts';
import type { PostIdAccount } from './store.ts';

export const SCOPE_CLAIMS = {
  openid: ['sub', 'acr'],
  profile: ['SoCMND', 'HoVaTen', 'NgayThangNamSinh', 'GioiTinh', 'TrangThaiPheDuyet', 'LyDoTuChoi', 'loAs'],
  phone: ['SoDienThoai'],
} as const;

export const APPROVAL_STATE: Record<ApprovalStatus, 'CHO_DUYET' | 'DA_DUYET' | 'TU_CHOI'> = {
  pending: 'CHO_DUYET',
  approved: 'DA_DUYET',
  rejected: 'TU_CHOI',
};

/** `acr`: the account's assurance, LoA3 once a clerk approved it, LoA1 otherwise. */
export const acrOf = (account: Pick<PostIdAccount, 'status'>) =>
  account.status === 'approved' ? 'LoA3' : 'LoA1';

export interface LevelOfAssurance {
  claim: string;
  level: number;
  src: 'VNPOST';
  validDate?: string;
}

export function claimsOf(account: PostIdAccount, scopes: ReadonlySet<string>): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: account.subject };
  const approved = account.status === 'approved';
  const validDate = approved && account.decidedAt ? account.decidedAt.toISOString().slice(0, 10) : undefined;
  const loAs: LevelOfAssurance[] = [];
  if (scopes.has('profile')) {
    Object.assign(claims, {
      SoCMND: account.idNumber,
      HoVaTen: account.fullName,
      NgayThangNamSinh: account.birthDate.replaceAll('-', ''),
      GioiTinh: account.sex === 'M' ? 'Nam' : 'Nữ',
      TrangThaiPheDuyet: APPROVAL_STATE[account.status],
    });
    if (account.status === 'rejected' && account.rejectionReason) claims.LyDoTuChoi = account.rejectionReason;
    for (const claim of ['SoCMND', 'HoVaTen', 'NgayThangNamSinh'])
      loAs.push({ claim, level: approved ? 3 : 1, src: 'VNPOST', ...(validDate && { validDate }) });
  }
  if (scopes.has('phone')) {
    claims.SoDienThoai = `0${account.phoneNumber.slice(3)}`;
    loAs.push({ claim: 'SoDienThoai', level: 2, src: 'VNPOST' });
  }
  if (scopes.has('profile')) claims.loAs = loAs;
  return claims;
}
