/**
 * PostID's pure parts, fast: the claims released per approval state and scope, the activation codes (single use,
 * expiry by the injected clock, tries counted before comparing), what sign-up accepts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActivationCodes } from '../../src/simulators/postid/activation-codes.ts';
import { acrOf, claimsOf } from '../../src/simulators/postid/claims.ts';
import { validateSignUp } from '../../src/simulators/postid/sign-up.ts';
import type { PostIdAccount } from '../../src/simulators/postid/store.ts';

const account = (overrides: Partial<PostIdAccount> = {}): PostIdAccount => ({
  subject: '7a3c1f5e-0000-4000-8000-000000000001',
  username: 'citizen',
  passwordHash: 'x',
  fullName: 'Nguyễn Văn An',
  sex: 'M',
  birthDate: '1990-01-02',
  idNumber: '001090000123',
  phoneNumber: '+84912345678',
  address: 'Hà Nội',
  activated: true,
  status: 'pending',
  postOffice: null,
  decidedAt: null,
  rejectionReason: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

describe('PostID claims', () => {
  it('approved: level 3 with the approval day for the identity, 2 for the phone, acr LoA3', () => {
    const approved = account({
      status: 'approved',
      decidedAt: new Date('2026-03-04T10:00:00Z'),
      postOffice: 'BC',
    });
    const claims = claimsOf(approved, new Set(['openid', 'profile', 'phone']));
    assert.deepEqual(claims, {
      sub: approved.subject,
      SoCMND: '001090000123',
      HoVaTen: 'Nguyễn Văn An',
      NgayThangNamSinh: '19900102',
      GioiTinh: 'Nam',
      TrangThaiPheDuyet: 'DA_DUYET',
      SoDienThoai: '0912345678',
      loAs: [
        { claim: 'SoCMND', level: 3, src: 'VNPOST', validDate: '2026-03-04' },
        { claim: 'HoVaTen', level: 3, src: 'VNPOST', validDate: '2026-03-04' },
        { claim: 'NgayThangNamSinh', level: 3, src: 'VNPOST', validDate: '2026-03-04' },
        { claim: 'SoDienThoai', level: 2, src: 'VNPOST' },
      ],
    });
    assert.equal(acrOf(approved), 'LoA3');
  });

  it('pending and rejected: declared (level 1), no validDate, acr LoA1; scopes limit what is released', () => {
    for (const status of ['pending', 'rejected'] as const) {
      const claims = claimsOf(account({ status, sex: 'F' }), new Set(['openid', 'profile']));
      assert.equal(claims.GioiTinh, 'Nữ');
      assert.equal(claims.SoDienThoai, undefined, 'no phone without the phone scope');
      assert.deepEqual(
        (claims.loAs as Array<{ level: number; validDate?: string }>).map((l) => [l.level, l.validDate]),
        [
          [1, undefined],
          [1, undefined],
          [1, undefined],
        ],
      );
      assert.equal(acrOf(account({ status })), 'LoA1');
    }
    assert.deepEqual(claimsOf(account(), new Set(['openid'])), { sub: account().subject });
  });

  it("rejected: the clerk's reason as LyDoTuChoi (profile scope only); never on another state", () => {
    const reason = 'Ảnh trên CCCD không khớp';
    const rejected = account({ status: 'rejected', rejectionReason: reason, decidedAt: new Date() });
    assert.equal(claimsOf(rejected, new Set(['openid', 'profile'])).LyDoTuChoi, reason);
    assert.equal(claimsOf(rejected, new Set(['openid', 'phone'])).LyDoTuChoi, undefined);
    assert.equal(claimsOf(account({ status: 'rejected' }), new Set(['profile'])).LyDoTuChoi, undefined);
    for (const status of ['pending', 'approved'] as const)
      assert.equal(
        claimsOf(account({ status, rejectionReason: reason }), new Set(['profile'])).LyDoTuChoi,
        undefined,
        status,
      );
  });
});

describe('PostID activation codes', () => {
  it('a code works once; a wrong one counts; five wrong lock it; a new code replaces it', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const codes = new ActivationCodes(
      () => now,
      () => '123456',
    );
    codes.issue('s');
    assert.equal(codes.check('s', '654321'), 'wrong');
    assert.equal(codes.check('s', '123456'), 'ok');
    assert.equal(codes.check('s', '123456'), 'expired', 'used up');
    codes.issue('s');
    for (let i = 0; i < 5; i++) assert.equal(codes.check('s', '000000'), 'wrong');
    assert.equal(codes.check('s', '123456'), 'locked');
    codes.issue('s');
    now = new Date(now.getTime() + 10 * 60_000);
    assert.equal(codes.check('s', '123456'), 'expired', 'ten minutes later');
  });
});

describe('PostID sign-up', () => {
  const entries = {
    username: 'Le.Van.A',
    password: 'abcdefg1',
    fullName: '  lê   văn a ',
    sex: 'M',
    birthDate: '02/01/1990',
    idNumber: '123456789',
    phoneNumber: '+84 912 345 678',
    address: ' 1  Tràng Tiền ',
  };
  it('accepts any well-formed identity (a 9-digit CMND too) and normalises it', () => {
    const result = validateSignUp(entries, new Date('2026-01-01T00:00:00Z'));
    assert.ok(result.ok);
    assert.equal(result.value.username, 'le.van.a');
    assert.equal(result.value.fullName, 'lê văn a');
    assert.equal(result.value.birthDate, '1990-01-02');
    assert.equal(result.value.phoneNumber, '+84912345678');
    assert.equal(result.value.address, '1 Tràng Tiền');
  });
  it('names each malformed field', () => {
    const result = validateSignUp(
      { ...entries, password: 'onlyletters', birthDate: '2030-01-01', idNumber: '99912345678', sex: 'X' },
      new Date('2026-01-01T00:00:00Z'),
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => e.field),
      ['password', 'sex', 'birthDate', 'idNumber'],
    );
  });
});
