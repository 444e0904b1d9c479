/**
 * The carrier network's SIM Swap 2.1.0 `check` against CAMARA's test plan for it (SimSwap r3.3,
 * sim-swap-checkSimSwap.feature), one test per scenario named by its tag, with 2-legged tokens.
 * Scenarios left out are listed in conformance/README.md with the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseVariants } from '../../../../test/support/databases.ts';
import { DAY, HOUR, type Simulated, startSimulated } from './harness.ts';

const CHECK = '/sim-swap/v2/check';

for (const variant of databaseVariants) {
  describe(`SIM Swap 2.1.0 checkSimSwap test plan (${variant.name})`, { skip: variant.skip }, () => {
    let sim: Simulated;
    let drop: () => Promise<void>;

    before(async () => {
      const opened = await variant.open();
      drop = opened.drop;
      sim = await startSimulated(opened.database);
    });
    after(async () => {
      await sim?.close();
      await drop?.();
    });

    const ago = (ms: number) => new Date(sim.now().getTime() - ms);
    const swappedAgo = (ms: number) => sim.subscriber({ simChangedAt: ago(ms) });
    const neverSwapped = (activatedMsAgo: number) => sim.subscriber({ activatedAt: ago(activatedMsAgo) });
    const swapped = async (body: Record<string, unknown>) =>
      sim.expectSuccess('checkSimSwap', await sim.post(CHECK, body)).swapped;

    it('check_sim_swap_1_generic_success_scenario', async () => {
      const body = sim.expectSuccess(
        'checkSimSwap',
        await sim.post(CHECK, { phoneNumber: await neverSwapped(DAY) }),
      );
      assert.equal(typeof body.swapped, 'boolean');
    });

    it('check_sim_swap_2_valid_sim_swap_no_max_age', async () => {
      assert.equal(await swapped({ phoneNumber: await swappedAgo(239 * HOUR) }), true);
      assert.equal(await swapped({ phoneNumber: await swappedAgo(HOUR) }), true);
    });

    for (const hours of [260, 120, 24, 12]) {
      it(`check_sim_swap_3_valid_sim_swap_max_age: ${hours} hours`, async () => {
        const phoneNumber = await swappedAgo(hours * HOUR - 60_000);
        assert.equal(await swapped({ phoneNumber, maxAge: hours }), true);
        assert.equal(await swapped({ phoneNumber, maxAge: Math.min(2400, hours * 10) }), true);
      });
    }

    it('check_sim_swap_4_more_than_240_hours', async () => {
      assert.equal(await swapped({ phoneNumber: await swappedAgo(241 * HOUR) }), false);
    });

    it('check_sim_swap_5_out_of_max_age', async () => {
      const phoneNumber = await swappedAgo(50 * HOUR);
      assert.equal(await swapped({ phoneNumber, maxAge: 49 }), false);
      assert.equal(await swapped({ phoneNumber, maxAge: 50 }), true);
    });

    it('check_sim_swap_6_no_sim_swap_no_max_age', async () => {
      assert.equal(await swapped({ phoneNumber: await neverSwapped(241 * HOUR) }), false);
    });

    for (const hours of [260, 120, 24, 12]) {
      it(`check_sim_swap_7_no_sim_swap_with_max_age: ${hours} hours`, async () => {
        const phoneNumber = await neverSwapped(hours * HOUR + HOUR);
        assert.equal(await swapped({ phoneNumber, maxAge: hours - 1 }), false);
      });
    }

    it('check_sim_swap_401.1_no_authorization_header', async () => {
      const answer = await sim.post(CHECK, { phoneNumber: await neverSwapped(DAY) }, { bearer: null });
      sim.expectError('checkSimSwap', answer, 401, 'UNAUTHENTICATED');
    });

    it('check_sim_swap_401.2_expired_access_token', async () => {
      const phoneNumber = await neverSwapped(DAY);
      const answer = await sim.post(CHECK, { phoneNumber }, { bearer: await sim.expiredToken() });
      sim.expectError('checkSimSwap', answer, 401, 'UNAUTHENTICATED');
    });

    it('check_sim_swap_401.3_invalid_access_token', async () => {
      const answer = await sim.post(CHECK, { phoneNumber: await neverSwapped(DAY) }, { bearer: 'forged' });
      sim.expectError('checkSimSwap', answer, 401, 'UNAUTHENTICATED');
    });

    it('check_sim_swap_400.1_invalid_max_age', async () => {
      const phoneNumber = await neverSwapped(DAY);
      for (const maxAge of ['24', 0, -1, 12.5, null, true]) {
        const answer = await sim.post(CHECK, { phoneNumber, maxAge });
        sim.expectError('checkSimSwap', answer, 400, 'INVALID_ARGUMENT');
      }
    });

    it('check_sim_swap_400.2_invalid_max_age_value', async () => {
      const phoneNumber = await neverSwapped(DAY);
      for (const maxAge of [100_000, 2401]) {
        const answer = await sim.post(CHECK, { phoneNumber, maxAge });
        sim.expectError('checkSimSwap', answer, 400, 'OUT_OF_RANGE');
      }
      assert.equal(await swapped({ phoneNumber, maxAge: 2400 }), false, 'the upper bound itself is in range');
    });

    it('check_sim_swap_C02.01_phone_number_not_schema_compliant', async () => {
      for (const phoneNumber of ['0961000001', '+84-961-000-001', 84961000001]) {
        const answer = await sim.post(CHECK, { phoneNumber });
        sim.expectError('checkSimSwap', answer, 400, 'INVALID_ARGUMENT');
      }
    });

    it('check_sim_swap_C02.02_phone_number_not_found', async () => {
      for (const phoneNumber of ['+84969999999', '+84912345678']) {
        const answer = await sim.post(CHECK, { phoneNumber });
        sim.expectError('checkSimSwap', answer, 404, 'IDENTIFIER_NOT_FOUND');
      }
    });

    it('check_sim_swap_C02.04_missing_phone_number', async () => {
      sim.expectError('checkSimSwap', await sim.post(CHECK, { maxAge: 24 }), 422, 'MISSING_IDENTIFIER');
      sim.expectError('checkSimSwap', await sim.post(CHECK, {}), 422, 'MISSING_IDENTIFIER');
    });

    it('check_sim_swap_C02.05_phone_number_not_supported', async () => {
      const answer = await sim.post(CHECK, { phoneNumber: await sim.subscriber({ status: 'inactive' }) });
      sim.expectError('checkSimSwap', answer, 422, 'SERVICE_NOT_APPLICABLE');
    });
  });
}
