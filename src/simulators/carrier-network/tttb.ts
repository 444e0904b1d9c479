/**
 * The carriers' 1414 service: `TTTB` (any case, spaces around) answers the sender's own subscription data
 * in unaccented Vietnamese; `TTTB <ID number>` lists the numbers registered to that ID, masked; anything
 * else gets a short guide to the syntax.
 */
import { formatDdMmYyyy } from '../../domain/dates.ts';
import { maskPhone } from '../../domain/phone.ts';
import type { Registry, Subscriber } from './registry.ts';

const ID_TYPE_NAMES: Record<Subscriber['idType'], string> = {
  CCCD: 'Can cuoc cong dan',
  CMND: 'Chung minh nhan dan',
  CAN_CUOC: 'The can cuoc',
  PASSPORT: 'Ho chieu',
};

export const TTTB_GUIDE =
  'Cu phap khong dung. Soan TTTB gui 1414 de kiem tra thong tin thue bao, hoac TTTB <so giay to> de xem cac so dang ky theo giay to.';

/** Removes Vietnamese diacritics so the answer fits the GSM alphabet. */
export function unaccented(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export async function answerTttb(
  registry: Pick<Registry, 'byPhone' | 'byIdNumber'>,
  fromE164: string,
  text: string,
): Promise<string> {
  const words = text.trim().split(/\s+/);
  if (words[0]?.toUpperCase() !== 'TTTB' || words.length > 2) return TTTB_GUIDE;
  if (words.length === 2) {
    const idNumber = words[1]!;
    if (!/^\d{9}$|^\d{12}$/.test(idNumber)) return TTTB_GUIDE;
    const numbers = await registry.byIdNumber(idNumber);
    if (numbers.length === 0)
      return `Khong co thue bao nao dang ky bang giay to ${idNumber.slice(0, 3)}***${idNumber.slice(-3)}.`;
    return `Giay to ${idNumber.slice(0, 3)}***${idNumber.slice(-3)} dang dung ${numbers.length} so: ${numbers.map((s) => maskPhone(s.phoneNumber)).join(', ')}.`;
  }
  const subscriber = await registry.byPhone(fromE164);
  if (!subscriber)
    return 'Thue bao chua dang ky thong tin. Vui long den diem giao dich cua nha mang de dang ky.';
  return unaccented(
    [
      `Ho ten: ${subscriber.fullName}`,
      `Ngay sinh: ${formatDdMmYyyy(subscriber.birthDate)}`,
      `So giay to: ${subscriber.idNumber}`,
      `Ngay cap: ${formatDdMmYyyy(subscriber.idIssueDate)}`,
      `Noi cap: ${subscriber.idIssuePlace}`,
      `Loai giay to: ${ID_TYPE_NAMES[subscriber.idType]}`,
    ].join('\n'),
  );
}
