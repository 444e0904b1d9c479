/**
 * A deterministic population of subscribers for dev mode (seeded PRNG: the same people on every machine):
 * Vietnamese names with diacritics, 12-digit IDs consistent with birth dates, every carrier, some ported,
 * some still on 9-digit CMND, some inactive, some with a recent SIM swap; plus a few ready-to-try identities.
 */
import { CARRIER_IDS, type CarrierId } from '../../domain/carriers.ts';
import { makePersonalIdNumber } from '../../domain/id-number.ts';
import { PROVINCES } from '../../domain/provinces.ts';
import { seededRandom } from '../seeded-random.ts';
import type { SubscriberInput } from './registry.ts';

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thành', 'Công', 'Gia'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Phương', 'Bảo', 'Mỹ', 'Khánh'];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hùng',
  'Khoa',
  'Long',
  'Nam',
  'Phúc',
  'Quân',
  'Sơn',
  'Tuấn',
  'Việt',
];
const GIVEN_F = [
  'Anh',
  'Chi',
  'Dung',
  'Hà',
  'Hạnh',
  'Hoà',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Ngân',
  'Nhung',
  'Thảo',
  'Trang',
  'Yến',
];
const ISSUERS = [
  'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
  'Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư',
  'Bộ Công an',
];
const PREFIXES: Record<CarrierId, string[]> = {
  viettel: ['086', '096', '097', '098', '032', '033', '034', '035', '036', '037', '038', '039'],
  vinaphone: ['088', '091', '094', '081', '082', '083', '084', '085'],
  mobifone: ['089', '090', '093', '070', '076', '077', '078', '079'],
  vietnamobile: ['092', '052', '056', '058'],
  gmobile: ['099', '059'],
  itel: ['087'],
  wintel: ['055'],
};

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** Every (carrier, prefix) block; index i lives in block i mod n, so phones stay unique up to n × 10^7. */
const BLOCKS = CARRIER_IDS.flatMap((carrier) => PREFIXES[carrier].map((prefix) => ({ carrier, prefix })));
export const MAX_GENERATED = BLOCKS.length * 10_000_000;

/** Subscriber number `index` of the deterministic population (a unique phone per index). */
export function generatedSubscriber(index: number, now: Date): SubscriberInput {
  const random = seededRandom(index * 2654435761);
  const { carrier: allocated, prefix } = BLOCKS[index % BLOCKS.length]!;
  // 7919 is coprime with 10^7, so this spreads subscriber numbers over the block without repeating any.
  const subscriberNumber = (Math.floor(index / BLOCKS.length) * 7919 + 4_837_261) % 10_000_000;
  const phoneNumber = `+84${prefix.slice(1)}${String(subscriberNumber).padStart(7, '0')}`;
  const female = random() < 0.5;
  const fullName = `${pick(random, FAMILY)} ${pick(random, female ? MIDDLE_F : MIDDLE_M)} ${pick(random, female ? GIVEN_F : GIVEN_M)}`;
  const birth = new Date(
    Date.UTC(1950 + Math.floor(random() * 58), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
  );
  const birthDate = iso(birth);
  const onCmnd = index % 17 === 5;
  const idNumber = onCmnd
    ? String(10_000_000 + Math.floor(random() * 89_999_999)).padStart(9, '0')
    : makePersonalIdNumber({
        provinceCode: pick(random, PROVINCES).code,
        sex: female ? 'female' : 'male',
        birthDate,
        serial: index,
      });
  const ported = index % 11 === 3;
  const carrier = ported ? CARRIER_IDS[(index + 2) % 3]! : allocated;
  const issued = new Date(
    Date.UTC(2016 + Math.floor(random() * 9), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
  );
  const swappedRecently = index % 23 === 7;
  return {
    phoneNumber,
    ...(carrier !== allocated && { carrier }),
    fullName,
    birthDate,
    idType: onCmnd ? 'CMND' : issued.getUTCFullYear() >= 2024 ? 'CAN_CUOC' : 'CCCD',
    idNumber,
    idIssueDate: iso(issued),
    idIssuePlace: onCmnd ? 'Công an Thành phố Hà Nội' : pick(random, ISSUERS),
    status: index % 29 === 11 ? 'inactive' : 'active',
    simChangedAt: swappedRecently
      ? new Date(now.getTime() - 3_600_000)
      : index % 5 === 0
        ? new Date(now.getTime() - 40 * 86_400_000)
        : null,
    activatedAt: new Date(Date.UTC(2018, 0, 1) + (index % 2000) * 86_400_000),
  };
}

export interface DemoIdentity {
  shows: string;
  phoneNumber: string;
  fullName: string;
  birthDate: string;
  idNumber: string;
}

/** The first index of the population that demonstrates each case, for the start-up banner. */
export function demoIdentities(count: number, now: Date): DemoIdentity[] {
  const wanted: Array<[string, (s: SubscriberInput, i: number) => boolean]> = [
    [
      'owner-registered SIM: registration succeeds',
      (s) => s.status === 'active' && !s.carrier && !s.simChangedAt && s.idType !== 'CMND',
    ],
    [
      'ported number: the new carrier answers',
      (s) => s.status === 'active' && !!s.carrier && !s.simChangedAt && s.idType !== 'CMND',
    ],
    ['SIM still registered with a 9-digit CMND: not owner for a CCCD', (s) => s.idType === 'CMND'],
    ['inactive SIM: refused', (s) => s.status === 'inactive'],
    [
      'SIM swapped an hour ago: refused',
      (s) => !!s.simChangedAt && now.getTime() - new Date(s.simChangedAt).getTime() < 86_400_000,
    ],
  ];
  const found: DemoIdentity[] = [];
  for (const [shows, test] of wanted) {
    for (let i = 0; i < count; i++) {
      const s = generatedSubscriber(i, now);
      if (test(s, i)) {
        found.push({
          shows,
          phoneNumber: s.phoneNumber,
          fullName: s.fullName,
          birthDate: s.birthDate,
          idNumber: s.idNumber,
        });
        break;
      }
    }
  }
  return found;
}
