/**
 * The carrier network's KYC Match 0.4.0 against CAMARA's test plan for it (KnowYourCustomerMatch r1.2,
 * kyc-match.feature), one test per scenario named by its tag, as a provider is certified: 2-legged
 * client-credentials tokens. Scenarios left out are listed in conformance/README.md with the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { databaseVariants } from '../../../../test/support/databases.ts';
import { OWNER, type Simulated, startSimulated } from './harness.ts';

const KYC = '/kyc-match/v0.4/match';

/** A valid value for every property of KYC_MatchRequestBody that has a …Match result. */
const VALID_VALUES: Record<string, string> = {
  idDocument: OWNER.idNumber,
  idDocumentType: 'national_id_card',
  idDocumentExpiryDate: '2030-05-17',
  name: OWNER.fullName,
  givenName: 'An',
  familyName: 'Nguyễn',
  nameKanaHankaku: 'ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ',
  nameKanaZenkaku: 'グエン　ヴァン　アン',
  middleNames: 'Văn Minh',
  familyNameAtBirth: 'Nguyễn',
  address: '12 Phố Huế, Hai Bà Trưng, Hà Nội',
  streetName: 'Phố Huế',
  streetNumber: '12',
  postalCode: '100000',
  region: 'Hà Nội',
  locality: 'Hai Bà Trưng',
  country: 'VN',
  houseNumberExtension: 'B',
  birthdate: OWNER.birthDate,
  email: 'an.nguyen@example.vn',
  gender: 'MALE',
  cityOfBirth: 'Hà Nội',
  countryOfBirth: 'VN',
  nationality: 'VN',
};

/** What a Vietnamese carrier's subscription record holds (name, birth date, ID document); the rest is not on file. */
const HELD = [
  'idDocument',
  'idDocumentType',
  'name',
  'givenName',
  'familyName',
  'middleNames',
  'birthdate',
  'nationality',
];
const NOT_HELD = Object.keys(VALID_VALUES).filter((p) => !HELD.includes(p));

/** Valid values that differ from the owner's record. */
const OTHER_VALUES: Record<string, string> = {
  idDocument: '001090054321',
  idDocumentType: 'passport',
  name: 'Nguyễn Văn Minh Anh',
  givenName: 'Anh',
  familyName: 'Trần',
  middleNames: 'Văn Mạnh',
  birthdate: '1990-05-18',
  nationality: 'LA',
};

for (const variant of databaseVariants) {
  describe(`KYC Match 0.4.0 test plan (${variant.name})`, { skip: variant.skip }, () => {
    let sim: Simulated;
    let drop: () => Promise<void>;
    let owner: string;

    before(async () => {
      const opened = await variant.open();
      drop = opened.drop;
      sim = await startSimulated(opened.database);
      owner = await sim.subscriber();
    });
    after(async () => {
      await sim?.close();
      await drop?.();
    });

    const ask = async (body: Record<string, unknown>) =>
      sim.expectSuccess('KYC_Match', await sim.post(KYC, { phoneNumber: owner, ...body }));

    it('KYC_Match_1_success_request_response', async () => {
      await ask({ idDocument: OWNER.idNumber, name: OWNER.fullName });
    });

    for (const property of Object.keys(VALID_VALUES)) {
      it(`KYC_Match_2_success_specific_property: ${property}`, async () => {
        const base = property === 'idDocument' ? { name: OWNER.fullName } : { idDocument: OWNER.idNumber };
        const body = await ask({ ...base, [property]: VALID_VALUES[property] });
        assert.ok(
          ['true', 'false', 'not_available'].includes(body[`${property}Match`] as string),
          `${property}Match in ${JSON.stringify(body)}`,
        );
      });
    }

    // Optional (score): supported for the name and its parts, the only text the record holds.
    for (const property of ['name', 'givenName', 'familyName', 'middleNames']) {
      it(`KYC_Match_3_success_specific_property_score: ${property}`, async () => {
        const body = await ask({ idDocument: OWNER.idNumber, [property]: OTHER_VALUES[property] });
        assert.equal(body[`${property}Match`], 'false');
        const score = body[`${property}MatchScore`];
        assert.ok(
          Number.isInteger(score) && (score as number) >= 0 && (score as number) <= 99,
          String(score),
        );
      });
    }

    for (const property of HELD) {
      it(`KYC_Match_4_perfect_match_no_scores_returned: ${property}`, async () => {
        const body = await ask({ [property]: VALID_VALUES[property] });
        assert.equal(body[`${property}Match`], 'true');
        assert.ok(!(`${property}MatchScore` in body), JSON.stringify(body));
      });
    }

    it('KYC_Match_4/5: a property not on file can be neither a perfect match nor a mismatch', async () => {
      const body = await ask(Object.fromEntries(NOT_HELD.map((p) => [p, VALID_VALUES[p]])));
      for (const property of NOT_HELD) assert.equal(body[`${property}Match`], 'not_available', property);
      assert.ok(!Object.keys(body).some((key) => key.endsWith('Score')), JSON.stringify(body));
    });

    for (const property of HELD) {
      it(`KYC_Match_5_success_specific_property_false: ${property}`, async () => {
        const body = await ask({ [property]: OTHER_VALUES[property] });
        assert.equal(body[`${property}Match`], 'false');
      });
    }

    it('KYC_Match_6_success_multiple_optional_parameter_combinations', async () => {
      await fc.assert(
        fc.asyncProperty(fc.subarray(Object.keys(VALID_VALUES), { minLength: 1 }), async (properties) => {
          const body = await ask(Object.fromEntries(properties.map((p) => [p, VALID_VALUES[p]])));
          assert.deepEqual(
            Object.keys(body)
              .filter((key) => key.endsWith('Match'))
              .sort(),
            properties.map((p) => `${p}Match`).sort(),
            'exactly the requested properties come back',
          );
        }),
        { numRuns: 20 },
      );
    });

    it('KYC_Match_401.1_expired_access_token', async () => {
      const bearer = await sim.expiredToken();
      const answer = await sim.post(KYC, { phoneNumber: owner, name: OWNER.fullName }, { bearer });
      sim.expectError('KYC_Match', answer, 401, 'UNAUTHENTICATED');
    });

    it('KYC_Match_401.2_invalid_access_token', async () => {
      const answer = await sim.post(
        KYC,
        { phoneNumber: owner, name: OWNER.fullName },
        { bearer: 'not-a-token' },
      );
      sim.expectError('KYC_Match', answer, 401, 'UNAUTHENTICATED');
    });

    it('KYC_Match_401.3_no_header_authorization', async () => {
      const answer = await sim.post(KYC, { phoneNumber: owner, name: OWNER.fullName }, { bearer: null });
      sim.expectError('KYC_Match', answer, 401, 'UNAUTHENTICATED');
    });

    it('KYC_Match_400.1_no_request_body', async () => {
      sim.expectError(
        'KYC_Match',
        await sim.post(KYC, undefined, { raw: undefined }),
        400,
        'INVALID_ARGUMENT',
      );
      sim.expectError('KYC_Match', await sim.post(KYC, undefined, { raw: '' }), 400, 'INVALID_ARGUMENT');
    });

    it('KYC_Match_400.2_empty_request_body (0.4.0: at least one property to match, else INVALID_PARAM_COMBINATION)', async () => {
      const answer = await sim.post(KYC, {});
      sim.expectError('KYC_Match', answer, 400, 'KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION');
    });

    it('KYC_Match_400.3_invalid_argument', async () => {
      for (const wrong of [
        { birthdate: '17/05/1990' },
        { gender: 'M' },
        { email: 'not-an-email' },
        { idDocumentType: 'cccd' },
        { name: 42 },
      ]) {
        const answer = await sim.post(KYC, { phoneNumber: owner, idDocument: OWNER.idNumber, ...wrong });
        sim.expectError('KYC_Match', answer, 400, 'INVALID_ARGUMENT');
      }
      sim.expectError('KYC_Match', await sim.post(KYC, [], { raw: '[]' }), 400, 'INVALID_ARGUMENT');
      sim.expectError('KYC_Match', await sim.post(KYC, {}, { raw: '{"name":' }), 400, 'INVALID_ARGUMENT');
    });

    it('KYC_Match_10_invalid_param_combination', async () => {
      const answer = await sim.post(KYC, { phoneNumber: owner });
      sim.expectError('KYC_Match', answer, 400, 'KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION');
    });

    it('KYC_Match_C02.01_phone_number_not_schema_compliant', async () => {
      for (const phoneNumber of ['0961000001', '+84 96 100 0001', '84961000001', '+0961000001']) {
        const answer = await sim.post(KYC, { phoneNumber, name: OWNER.fullName });
        sim.expectError('KYC_Match', answer, 400, 'INVALID_ARGUMENT');
      }
    });

    it('KYC_Match_C02.02_phone_number_not_found', async () => {
      for (const phoneNumber of ['+84969999999', '+84912345678', '+33612345678']) {
        const answer = await sim.post(KYC, { phoneNumber, name: OWNER.fullName });
        sim.expectError('KYC_Match', answer, 404, 'IDENTIFIER_NOT_FOUND');
      }
    });

    it('KYC_Match_C02.04_missing_phone_number', async () => {
      const answer = await sim.post(KYC, { idDocument: OWNER.idNumber, name: OWNER.fullName });
      sim.expectError('KYC_Match', answer, 422, 'MISSING_IDENTIFIER');
    });

    it('KYC_Match_C02.05_phone_number_not_supported', async () => {
      const inactive = await sim.subscriber({ status: 'inactive' });
      const answer = await sim.post(KYC, { phoneNumber: inactive, name: OWNER.fullName });
      sim.expectError('KYC_Match', answer, 422, 'SERVICE_NOT_APPLICABLE');
    });
  });
}
