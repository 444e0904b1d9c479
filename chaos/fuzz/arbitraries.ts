/**
 * The values the fuzzer sends, as fast-check arbitraries. Each value carries a `kind`: a short,
 * data-free name of what was generated, which is all a failure report ever shows of the input.
 */
import fc from 'fast-check';
import prefixData from '../../src/domain/data/mobile-prefixes.json' with { type: 'json' };
import { PROVINCES } from '../../src/domain/provinces.ts';

export interface Labelled<T> {
  value: T;
  kind: string;
}

const labelled = <T>(kind: string, arb: fc.Arbitrary<T>): fc.Arbitrary<Labelled<T>> =>
  arb.map((value) => ({ value, kind }));

const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const pad2 = (n: number) => String(n).padStart(2, '0');

// Real province codes and the mobile prefixes of every carrier, from the project's reference data.
const PROVINCE_CODES = PROVINCES.map((province) => province.code);
const MOBILE_PREFIXES = Object.keys(prefixData.prefixes);

const birthParts = fc.record({
  year: fc.integer({ min: 1900, max: 2030 }),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
});

export const idNumber = fc.oneof(
  labelled(
    'cccd',
    fc
      .tuple(fc.constantFrom(...PROVINCE_CODES), fc.integer({ min: 0, max: 9 }), digits(2), digits(6))
      .map(([province, centuryGender, year, serial]) => `${province}${centuryGender}${year}${serial}`),
  ),
  labelled('cmnd', digits(9)),
  labelled(
    'id-spaced',
    digits(12).map((d) => `${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8)}`),
  ),
  labelled(
    'id-short',
    fc.integer({ min: 1, max: 11 }).chain((n) => digits(n)),
  ),
  labelled(
    'id-long',
    fc.integer({ min: 13, max: 40 }).chain((n) => digits(n)),
  ),
  labelled(
    'id-fullwidth',
    digits(12).map((d) => d.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c)))),
  ),
);

export const phoneNumber = fc
  .tuple(fc.constantFrom(...MOBILE_PREFIXES), digits(7))
  .chain(([prefix, rest]) => {
    const national = `${prefix}${rest}`;
    const subscriber = national.slice(1);
    return fc.constantFrom(
      { kind: 'phone-national', value: national },
      { kind: 'phone-e164', value: `+84${subscriber}` },
      { kind: 'phone-84', value: `84${subscriber}` },
      { kind: 'phone-0084', value: `0084${subscriber}` },
      { kind: 'phone-spaced', value: `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}` },
      { kind: 'phone-dotted', value: `${national.slice(0, 4)}.${national.slice(4, 7)}.${national.slice(7)}` },
      {
        kind: 'phone-dashed',
        value: `(+84) ${subscriber.slice(0, 2)}-${subscriber.slice(2, 5)}-${subscriber.slice(5)}`,
      },
      { kind: 'phone-old-11-digit', value: `016${rest}${rest.slice(0, 1)}` },
      { kind: 'phone-landline', value: `024${rest}` },
      { kind: 'phone-short', value: national.slice(0, 6) },
    );
  });

export const birthDate = fc.oneof(
  labelled(
    'date-dmy',
    birthParts.map(({ year, month, day }) => `${pad2(day)}/${pad2(month)}/${year}`),
  ),
  labelled(
    'date-iso',
    birthParts.map(({ year, month, day }) => `${year}-${pad2(month)}-${pad2(day)}`),
  ),
  labelled(
    'date-dmy-unpadded',
    birthParts.map(({ year, month, day }) => `${day}/${month}/${year}`),
  ),
  labelled(
    'date-leap',
    fc.constantFrom('29/02/2000', '29/02/1900', '2001-02-29', '31/04/1990', '00/00/0000'),
  ),
  labelled(
    'date-iso-time',
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  ),
  labelled('date-text', fc.constantFrom('hôm qua', '1/1/1', '99999-01-01', '1990/01/01', '01.01.1990')),
);

const SURNAMES = [
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
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Thanh', 'Quốc', 'Xuân', 'Thu'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hằng',
  'Hưng',
  'Khoa',
  'Lan',
  'Long',
  'Mai',
  'Nga',
  'Phương',
  'Quân',
  'Sơn',
  'Thảo',
  'Tuấn',
  'Uyên',
  'Việt',
  'Yến',
];

export const fullName = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN))
  .chain(([surname, middle, given]) => {
    const name = `${surname} ${middle} ${given}`;
    return fc.constantFrom(
      { kind: 'name-nfc', value: name },
      { kind: 'name-nfd', value: name.normalize('NFD') },
      { kind: 'name-upper', value: name.toUpperCase() },
      { kind: 'name-no-diacritics', value: name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd') },
      { kind: 'name-extra-spaces', value: `  ${surname}   ${middle}\t${given} ` },
      { kind: 'name-one-word', value: given },
      { kind: 'name-with-digits', value: `${name} 2` },
    );
  });

export const otpCode = fc.oneof(
  labelled('code-6', digits(6)),
  labelled(
    'code-spaced',
    digits(6).map((d) => `${d.slice(0, 3)} ${d.slice(3)}`),
  ),
  labelled('code-short', digits(5)),
  labelled('code-letters', fc.string({ unit: fc.constantFrom(...'abcXYZ-'), minLength: 1, maxLength: 16 })),
);

/** Password-shaped text. Never reported: the kind says only its shape. */
export const password = fc.oneof(
  labelled(
    'password-strong',
    fc.constantFrom('Sông#Hồng2024xanh', 'correct horse battery staple 9!', 'Đà-Lạt_mù_sương_1987'),
  ),
  labelled('password-weak', fc.constantFrom('123456', 'password', 'matkhau', 'a')),
  labelled(
    'password-long',
    fc.integer({ min: 100, max: 1024 }).map((n) => 'x1#'.repeat(n).slice(0, n)),
  ),
  labelled('password-unicode', fc.string({ unit: 'grapheme', minLength: 8, maxLength: 40 })),
);

export const opaqueId = fc.oneof(
  labelled(
    'id-base64url',
    fc
      .base64String({ minLength: 24, maxLength: 24 })
      .map((s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')),
  ),
  labelled('id-uuid', fc.uuid()),
  labelled('id-empty', fc.constant('')),
);

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\ufeff', '\u2060'];
const RTL = ['\u202e', '\u200f', '\u061c', 'مرحبا', 'שלום'];

/** Strings that break careless code: control characters, bidi overrides, lone surrogates, sheer size. */
export const edgeString = fc.oneof(
  labelled('empty', fc.constant('')),
  labelled('whitespace', fc.constantFrom(' ', '\t', '\n', '\r\n', '\u00a0', '\u3000')),
  labelled(
    'nul',
    fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`),
  ),
  labelled(
    'control',
    fc.string({
      unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 20,
    }),
  ),
  labelled(
    'zero-width',
    fc.array(fc.constantFrom(...ZERO_WIDTH), { minLength: 1, maxLength: 12 }).map((a) => a.join('')),
  ),
  labelled(
    'rtl',
    fc.array(fc.constantFrom(...RTL), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
  ),
  labelled('lone-surrogate', fc.constantFrom('\ud800', '\udfff', 'a\ud83db', '\udc00\ud800')),
  labelled('emoji', fc.constantFrom('👨‍👩‍👧‍👦', '🇻🇳', '🏳️‍🌈', 'Nguyễn 🙂')),
  labelled('unicode', fc.string({ unit: 'binary', maxLength: 40 })),
  labelled(
    'huge',
    fc.integer({ min: 100, max: 1500 }).map((n) => 'Ạ'.repeat(n)),
  ),
  labelled('sql', fc.constantFrom("' or 1=1 --", "'); drop table accounts; --", '\\x00', '$$;')),
  labelled('html', fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '&#0;')),
  labelled('format', fc.constantFrom('%s%s%s%n', '{0}', `\${7*7}`, '{{7*7}}', '\\u0000')),
  labelled('numeric-text', fc.constantFrom('NaN', 'Infinity', '-0', '1e309', '0x1f', '9'.repeat(400))),
);

/** JSON values where strings go. */
export const wrongType = fc.oneof(
  labelled('null', fc.constant(null)),
  labelled('boolean', fc.boolean()),
  labelled('number', fc.oneof(fc.integer(), fc.double(), fc.constant(1e308), fc.constant(-0))),
  labelled('array', fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 })),
  labelled('object', fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 })),
  labelled('nested', fc.jsonValue({ maxDepth: 4 })),
);

/** A valid-looking value for a field, by its name; anything unknown gets some text. */
export function valueFor(field: string): fc.Arbitrary<Labelled<unknown>> {
  const lower = field.toLowerCase();
  if (lower === 'idnumber' || lower === 'username') return idNumber;
  if (lower === 'phonenumber') return phoneNumber;
  if (lower === 'birthdate') return birthDate;
  if (lower === 'fullname') return fullName;
  if (lower === 'code') return otpCode;
  if (lower.includes('password')) return password;
  if (lower === 'consent')
    return fc.constantFrom({ kind: 'consent-true', value: true }, { kind: 'consent-yes', value: 'yes' });
  if (lower.endsWith('id')) return opaqueId;
  if (lower === 'captchaanswer')
    return labelled('captcha-answer', fc.string({ unit: 'grapheme-ascii', minLength: 4, maxLength: 6 }));
  return labelled('text', fc.string({ maxLength: 20 }));
}

/** A value for a field: usually valid-looking, sometimes an edge string, sometimes the wrong JSON type. */
export function fuzzedValueFor(field: string, json: boolean): fc.Arbitrary<Labelled<unknown>> {
  return fc.oneof(
    { weight: 6, arbitrary: valueFor(field) },
    { weight: 3, arbitrary: edgeString },
    { weight: json ? 2 : 0, arbitrary: wrongType },
  );
}

export const acceptLanguage = fc.oneof(
  labelled('lang-vi', fc.constant('vi')),
  labelled('lang-en', fc.constant('en-US,en;q=0.9')),
  labelled(
    'lang-weights',
    fc.constantFrom('en;q=0, vi;q=0', 'en;q=NaN', 'vi;q=-1,en;q=1e999', '*', 'xx-YY', ';;;,,,'),
  ),
  labelled(
    'lang-long',
    fc.integer({ min: 100, max: 2500 }).map((n) => 'en;q=0.5,'.repeat(n)),
  ),
  labelled('lang-latin1', fc.constant('vi-\u00e9\u00ff')),
);

export const cookieJarNoise = fc.oneof(
  labelled(
    'cookie-garbage',
    fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, '')),
  ),
  labelled(
    'cookie-forged-session',
    opaqueId.map((id) => `sid=${encodeURIComponent(String(id.value))}`),
  ),
  labelled(
    'cookie-forged-journey',
    opaqueId.map((id) => `reg=${id.value}; rec=${id.value}`),
  ),
  labelled(
    'cookie-bad-encoding',
    fc.constantFrom('sid=%E0%A4%A', 'flash=%zz', 'lang=%00', 'sid="unterminated', 'a=b;;;=;'),
  ),
  labelled(
    'cookie-forged-flash',
    fc.base64String({ maxLength: 200 }).map((s) => `flash=${s}`),
  ),
  labelled('cookie-odd-lang', fc.constantFrom('lang=xx', 'lang=', 'lang=en; lang=vi', 'lang=__proto__')),
  labelled(
    'cookie-huge',
    fc.integer({ min: 1000, max: 12_000 }).map((n) => `sid=${'a'.repeat(n)}`),
  ),
);

/** Path segments for `{id}`-style parameters. */
export const pathParam = fc.oneof(
  {
    weight: 5,
    arbitrary: opaqueId.map((id) => ({ kind: id.kind, value: encodeURIComponent(String(id.value)) })),
  },
  {
    weight: 3,
    arbitrary: labelled(
      'hostile-segment',
      fc.constantFrom(
        '..',
        '../..',
        '..%2f..%2fetc%2fpasswd',
        '%00',
        'a%00b',
        '%2e%2e',
        '%',
        '%zz',
        '%ff%fe',
        '%u0000',
        ';',
        '*',
        '.',
        '%20',
        '__proto__',
        'constructor',
      ),
    ),
  },
  {
    weight: 1,
    arbitrary: labelled(
      'long-segment',
      fc.integer({ min: 65, max: 7000 }).map((n) => 'x'.repeat(n)),
    ),
  },
  {
    weight: 1,
    arbitrary: labelled(
      'encoded-unicode',
      edgeString.map((s) => encodeURIComponent(String(s.value).replace(/[\ud800-\udfff]/g, ''))),
    ),
  },
);

export const queryString = fc.oneof(
  { weight: 6, arbitrary: labelled('no-query', fc.constant('')) },
  {
    weight: 3,
    arbitrary: labelled(
      'hostile-query',
      fc.constantFrom(
        '?',
        '?a',
        '?a=1&a=2&a=3',
        '?__proto__[x]=1',
        '?constructor[prototype][x]=1',
        '?%00=%00',
        '?x=%zz',
        '?next=//evil.example',
        '?next=%0d%0aSet-Cookie:x=1',
        '?next=/%00',
        '?next=/%C3%A9',
        '?journey=recovery&carrier=viettel&retry=1e309',
        '?retry=-1&carrier=__proto__',
      ),
    ),
  },
  {
    weight: 1,
    arbitrary: labelled(
      'long-query',
      fc.integer({ min: 100, max: 6000 }).map((n) => `?q=${'z'.repeat(n)}`),
    ),
  },
  {
    weight: 1,
    arbitrary: labelled(
      'encoded-query',
      fc
        .dictionary(
          fc.string({ maxLength: 6 }),
          edgeString.map((s) => String(s.value)),
          { maxKeys: 3 },
        )
        .map((d) => `?${new URLSearchParams(d)}`),
    ),
  },
);
