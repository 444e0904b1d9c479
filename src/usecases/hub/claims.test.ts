import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makePersonalIdNumber } from '../../domain/id-number.ts';
import { vouchedBy } from '../../domain/identity-claims.ts';
import { type ClaimsSubject, claimsOf } from './claims.ts';

const subject = (overrides: Partial<ClaimsSubject> = {}): ClaimsSubject => ({
  sub: '5f0c1e0a-9a57-4d2b-8b35-0c3f2a9e7d11',
  kind: 'citizen',
  idNumber: makePersonalIdNumber({ provinceCode: '001', sex: 'male', birthDate: '1990-05-17', serial: 42 }),
  fullName: 'Trần  Văn\u0020An',
  birthDate: '1990-05-17',
  phoneNumber: '+84912345678',
  evidence: vouchedBy('CARRIER', 2, ['idNumber', 'fullName', 'birthDate', 'phoneNumber']),
  ...overrides,
});

describe('the hub claims of an account, per scope', () => {
  it('openid alone: sub and nothing personal', () => {
    assert.deepEqual(claimsOf(subject(), new Set(['openid'])), { sub: subject().sub });
  });

  it('profile: the name as registered in single spaces, YYYYMMDD, the sex from the ID number, account type, loAs', () => {
    const claims = claimsOf(subject(), new Set(['openid', 'profile']));
    assert.deepEqual(claims, {
      sub: subject().sub,
      HoVaTen: 'Trần Văn An',
      NgayThangNamSinh: '19900517',
      GioiTinh: 'Nam',
      LoaiTaiKhoan: '1',
      loAs: [
        { claim: 'SoDinhDanh', level: 2, src: 'CARRIER' },
        { claim: 'HoVaTen', level: 2, src: 'CARRIER' },
        { claim: 'NgayThangNamSinh', level: 2, src: 'CARRIER' },
        { claim: 'SoDienThoai', level: 2, src: 'CARRIER' },
      ],
    });
  });

  it('GioiTinh is Nữ for a female digit, and absent for an old 9-digit CMND', () => {
    const female = makePersonalIdNumber({
      provinceCode: '079',
      sex: 'female',
      birthDate: '2001-02-03',
      serial: 7,
    });
    assert.equal(claimsOf(subject({ idNumber: female }), new Set(['profile'])).GioiTinh, 'Nữ');
    assert.equal(claimsOf(subject({ idNumber: '123456789' }), new Set(['profile'])).GioiTinh, undefined);
  });

  it('citizen_id: the 12-digit number, and SoCMND only when known', () => {
    const scopes = new Set(['citizen_id']);
    assert.deepEqual(claimsOf(subject(), scopes), { sub: subject().sub, SoDinhDanh: subject().idNumber });
    assert.equal(claimsOf(subject({ oldIdNumber: '012345678' }), scopes).SoCMND, '012345678');
  });

  it('phone: the verified phone as 0xxxxxxxxx, absent without one', () => {
    assert.equal(claimsOf(subject(), new Set(['phone'])).SoDienThoai, '0912345678');
    assert.equal(claimsOf(subject({ phoneNumber: undefined }), new Set(['phone'])).SoDienThoai, undefined);
  });

  it('every value is a string except loAs', () => {
    const claims = claimsOf(subject(), new Set(['openid', 'profile', 'citizen_id', 'phone']));
    for (const [name, value] of Object.entries(claims))
      if (name !== 'loAs') assert.equal(typeof value, 'string', name);
  });

  it('loAs follows the evidence: a social-insurance account says VSS', () => {
    const claims = claimsOf(subject({ evidence: vouchedBy('VSS', 2, ['idNumber']) }), new Set(['profile']));
    assert.deepEqual(claims.loAs, [{ claim: 'SoDinhDanh', level: 2, src: 'VSS' }]);
  });

  it('a 9-digit CMND with the sex the source gave: GioiTinh from it; no birth date, no NgayThangNamSinh', () => {
    const claims = claimsOf(
      subject({ idNumber: '123456789', sex: 'F', birthDate: undefined }),
      new Set(['profile']),
    );
    assert.equal(claims.GioiTinh, 'Nữ');
    assert.equal('NgayThangNamSinh' in claims, false);
  });

  it("an organisation: LoaiTaiKhoan 2, MaSoDoanhNghiep and TenDoanhNghiep, and none of a citizen's claims", () => {
    const organisation = subject({
      kind: 'organisation',
      idNumber: '0101234567-001',
      fullName: ' Công ty  TNHH Sông Hồng ',
      birthDate: undefined,
      phoneNumber: undefined,
      evidence: vouchedBy('CA', 3, ['taxCode', 'organisationName']),
    });
    const claims = claimsOf(
      organisation,
      new Set(['openid', 'profile', 'citizen_id', 'phone', 'organisation']),
    );
    assert.deepEqual(claims, {
      sub: organisation.sub,
      LoaiTaiKhoan: '2',
      loAs: [
        { claim: 'MaSoDoanhNghiep', level: 3, src: 'CA' },
        { claim: 'TenDoanhNghiep', level: 3, src: 'CA' },
      ],
      MaSoDoanhNghiep: '0101234567-001',
      TenDoanhNghiep: 'Công ty TNHH Sông Hồng',
    });
    assert.deepEqual(claimsOf(organisation, new Set(['openid'])), { sub: organisation.sub });
  });

  it('a citizen gets no organisation claims', () => {
    const claims = claimsOf(subject(), new Set(['organisation']));
    assert.deepEqual(claims, { sub: subject().sub });
  });
});
