/**
 * The synthetic population: person #n is a pure function of a fixed seed and n, so every simulator, every
 * database and every machine sees the same people. Names follow real Vietnamese frequencies (Nguyễn is more
 * than a third of the country); 12-digit ID numbers agree with province, sex and birth year as
 * src/domain/id-number.ts checks; people born before 2000 often still hold an old 9-digit CMND.
 */
import { makePersonalIdNumber, type Sex } from '../../domain/id-number.ts';
import { PROVINCES } from '../../domain/provinces.ts';
import { seededRandom } from '../seeded-random.ts';

export interface Person {
  index: number;
  /** 12-digit personal identification number (CCCD / Căn cước). */
  idNumber: string;
  /** The 9-digit CMND the person held before, linked to the CCCD by the registry. */
  oldIdNumber?: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  province: { code: string; name: string };
}

/** Changing it changes everybody: tests and demo data rely on the people it gives. */
export const POPULATION_SEED = 0x5eed_2026;

/** ID serials and CMND numbers stay unique only below this many people. */
export const MAX_POPULATION = 1_000_000;

type Weighted = ReadonlyArray<readonly [string, number]>;

// Shares of the most common family names (per cent, rounded), the rest spread over less common ones.
const FAMILY: Weighted = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3],
  ['Huỳnh', 2],
  ['Phan', 4.5],
  ['Vũ', 2],
  ['Võ', 2],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 1],
  ['Trương', 1],
  ['Mai', 0.8],
  ['Trịnh', 0.8],
  ['Đoàn', 0.7],
  ['Lương', 0.6],
  ['Cao', 0.5],
  ['Tạ', 0.4],
  ['Lâm', 0.5],
  ['Quách', 0.3],
  ['Văn', 0.3],
  ['Tôn Nữ', 0.1],
];
const MIDDLE: Record<Sex, readonly string[]> = {
  male: [
    'Văn',
    'Văn',
    'Văn',
    'Hữu',
    'Đức',
    'Minh',
    'Quốc',
    'Thành',
    'Công',
    'Gia',
    'Xuân',
    'Quang',
    'Đình',
    'Trọng',
    'Anh',
    'Hoàng',
    'Tuấn',
    'Nhật',
  ],
  female: [
    'Thị',
    'Thị',
    'Thị',
    'Ngọc',
    'Thu',
    'Thanh',
    'Phương',
    'Bảo',
    'Mỹ',
    'Khánh',
    'Hồng',
    'Thuỳ',
    'Kim',
    'Minh',
    'Hoài',
    'Diệu',
    'Bích',
    'Thảo',
  ],
};
const GIVEN: Record<Sex, readonly string[]> = {
  male: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Duy',
    'Đạt',
    'Hải',
    'Hiếu',
    'Hoàng',
    'Hùng',
    'Huy',
    'Khang',
    'Khánh',
    'Khoa',
    'Kiên',
    'Long',
    'Lộc',
    'Minh',
    'Nam',
    'Nghĩa',
    'Phong',
    'Phúc',
    'Quân',
    'Quang',
    'Sơn',
    'Tài',
    'Thắng',
    'Thịnh',
    'Toàn',
    'Trung',
    'Tuấn',
    'Tùng',
    'Việt',
    'Vinh',
    'Vũ',
    'Đông',
    'Hưng',
    'Lực',
  ],
  female: [
    'Anh',
    'Châu',
    'Chi',
    'Dung',
    'Giang',
    'Hà',
    'Hằng',
    'Hạnh',
    'Hoa',
    'Hoà',
    'Huyền',
    'Hương',
    'Lan',
    'Liên',
    'Linh',
    'Loan',
    'Mai',
    'Ngân',
    'Ngọc',
    'Nhung',
    'Oanh',
    'Phương',
    'Quỳnh',
    'Tâm',
    'Thảo',
    'Thuý',
    'Trang',
    'Trâm',
    'Uyên',
    'Vân',
    'Vy',
    'Yến',
    'Nguyệt',
    'Xuân',
  ],
};
/** A second middle name, as in "Nguyễn Thị Thu Hà" or "Trần Văn Minh Quân". */
const SECOND_MIDDLE_SHARE = 0.15;
/** Share of people born before 2000 whose old CMND the registry still links. */
const OLD_CMND_SHARE = 0.4;

function pickWeighted(random: () => number, list: Weighted): string {
  let roll = random() * list.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of list) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return list[list.length - 1]![0];
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

// Multipliers coprime with 10^6 and 10^7: n ↦ (n × k + c) mod 10^m is a bijection, so numbers never repeat.
const scramble = (n: number, multiplier: number, offset: number, modulus: number) =>
  ((((n % modulus) * multiplier + offset) % modulus) + modulus) % modulus;

export function person(index: number): Person {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_POPULATION)
    throw new RangeError(`person index must be an integer in [0, ${MAX_POPULATION})`);
  const random = seededRandom(POPULATION_SEED ^ Math.imul(index + 1, 2654435761));
  const sex: Sex = random() < 0.5 ? 'female' : 'male';
  const family = pickWeighted(random, FAMILY);
  const middle = pick(random, MIDDLE[sex]);
  const secondMiddle =
    random() < SECOND_MIDDLE_SHARE
      ? pick(
          random,
          MIDDLE[sex].filter((m) => m !== middle && m !== 'Thị' && m !== 'Văn'),
        )
      : undefined;
  const given = pick(
    random,
    GIVEN[sex].filter((g) => g !== middle && g !== secondMiddle),
  );
  const fullName = [family, middle, secondMiddle, given].filter(Boolean).join(' ');
  // Adults and teenagers old enough to register: born 1945-2009, day of month up to 28 keeps every date real.
  const year = 1945 + Math.floor(random() * 65);
  const birthDate = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const province = pick(random, PROVINCES);
  const idNumber = makePersonalIdNumber({
    provinceCode: province.code,
    sex,
    birthDate,
    serial: scramble(index, 7919, 104_729, 1_000_000),
  });
  const hadCmnd = year < 2000 && random() < OLD_CMND_SHARE;
  const oldIdNumber = hadCmnd
    ? `${String(10 + (index % 80)).padStart(2, '0')}${String(scramble(index, 7927, 1_234_567, 10_000_000)).padStart(7, '0')}`
    : undefined;
  return {
    index,
    idNumber,
    ...(oldIdNumber && { oldIdNumber }),
    fullName,
    birthDate,
    sex,
    province: { code: province.code, name: province.name },
  };
}

// Prefixes of the three largest carriers' blocks and a few others, from src/domain/data/mobile-prefixes.json.
const MOBILE_PREFIXES = [
  '096',
  '097',
  '098',
  '086',
  '032',
  '035',
  '091',
  '094',
  '088',
  '083',
  '090',
  '093',
  '089',
  '077',
  '092',
  '056',
  '099',
  '087',
];

/**
 * How many distinct numbers `personalMobileNumber` gives: one per index below this, which leaves room for
 * extra SIMs (a carrier's subscribers beyond the population) after the people's own numbers.
 */
export const DISTINCT_MOBILE_NUMBERS = MOBILE_PREFIXES.length * 10_000_000;

/**
 * The mobile number person #n gave to public registries (E.164): the same number wherever a simulator
 * needs one, unique per person. Whether a given registry holds it is that registry's business.
 */
export function personalMobileNumber(index: number): string {
  const prefix = MOBILE_PREFIXES[index % MOBILE_PREFIXES.length]!;
  const subscriber = scramble(Math.floor(index / MOBILE_PREFIXES.length), 7919, 3_141_592, 10_000_000);
  return `+84${prefix.slice(1)}${String(subscriber).padStart(7, '0')}`;
}
