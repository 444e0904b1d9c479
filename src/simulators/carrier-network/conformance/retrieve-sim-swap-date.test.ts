/**
 * The carrier network's SIM Swap 2.1.0 `retrieve-date` against CAMARA's test plan for it (SimSwap r3.3,
 * sim-swap-retrieveSimSwapDate.feature), one test per scenario named by its tag, with 2-legged tokens.
 * The simulated carrier keeps SIM changes for a monitored period of 120 days. Scenarios left out are
 * listed in conformance/README.md with the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseVariants } from '../../../../test/support/databases.ts';
import { MONITORED_PERIOD_DAYS } from '../camara-routes.ts';
import { DAY, HOUR, type Simulated, startSimulated } from './harness.ts';

const RETRIEVE = '/sim-swap/v2/retrieve-date';

for (const variant of databaseVariants) {
  describe(`SIM Swap 2.1.0 retrieveSimSwapDate test plan (${variant.name})`, { skip: variant.skip }, () => {
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
    const retrieve = async (phoneNumber: string) =>
      sim.expectSuccess('retrieveSimSwapDate', await sim.post(RETRIEVE, { phoneNumber }));

    it('retrieve_sim_swap_date_1_generic_success_scenario', async () => {
      await retrieve(await sim.subscriber({ simChangedAt: ago(5 * DAY) }));
      await retrieve(await sim.subscriber({ activatedAt: ago(500 * DAY) }));
    });

    it('retrieve_sim_swap_date_2_valid_sim_swap', async () => {
      const swappedAt = ago(3 * HOUR);
      const body = await retrieve(await sim.subscriber({ simChangedAt: swappedAt }));
      assert.equal(Date.parse(body.latestSimChange as string), swappedAt.getTime());
    });

    it('retrieve_sim_swap_date_3_no_sim_swap_returns_activation_date (within the monitored period)', async () => {
      const activatedAt = ago(30 * DAY);
      const body = await retrieve(await sim.subscriber({ activatedAt }));
      assert.equal(Date.parse(body.latestSimChange as string), activatedAt.getTime());
    });

    it('retrieve_sim_swap_date_5_no_sim_swap_or_activation_date_due_to_legal_constrain', async () => {
      const beyond = (MONITORED_PERIOD_DAYS + 1) * DAY;
      const swappedLongAgo = await sim.subscriber({
        simChangedAt: ago(beyond),
        activatedAt: ago(2 * beyond),
      });
      const activatedLongAgo = await sim.subscriber({ activatedAt: ago(beyond) });
      for (const phoneNumber of [swappedLongAgo, activatedLongAgo])
        assert.deepEqual(await retrieve(phoneNumber), {
          latestSimChange: null,
          monitoredPeriod: MONITORED_PERIOD_DAYS,
        });
      const edge = await sim.subscriber({ simChangedAt: ago(MONITORED_PERIOD_DAYS * DAY) });
      assert.equal(
        typeof (await retrieve(edge)).latestSimChange,
        'string',
        'the window includes its last day',
      );
    });

    it('retrieve_sim_swap_date_401.1_no_authorization_header', async () => {
      const answer = await sim.post(RETRIEVE, { phoneNumber: await sim.subscriber() }, { bearer: null });
      sim.expectError('retrieveSimSwapDate', answer, 401, 'UNAUTHENTICATED');
    });

    it('retrieve_sim_swap_date_401.2_expired_access_token', async () => {
      const phoneNumber = await sim.subscriber();
      const answer = await sim.post(RETRIEVE, { phoneNumber }, { bearer: await sim.expiredToken() });
      sim.expectError('retrieveSimSwapDate', answer, 401, 'UNAUTHENTICATED');
    });

    it('retrieve_sim_swap_date_401.3_invalid_access_token', async () => {
      const answer = await sim.post(RETRIEVE, { phoneNumber: await sim.subscriber() }, { bearer: 'forged' });
      sim.expectError('retrieveSimSwapDate', answer, 401, 'UNAUTHENTICATED');
    });

    it('retrieve_sim_swap_date_C02.01_phone_number_not_schema_compliant', async () => {
      for (const phoneNumber of ['0961000001', '+84 961 000 001', 84961000001]) {
        const answer = await sim.post(RETRIEVE, { phoneNumber });
        sim.expectError('retrieveSimSwapDate', answer, 400, 'INVALID_ARGUMENT');
      }
    });

    it('retrieve_sim_swap_date_C02.02_phone_number_not_found', async () => {
      const answer = await sim.post(RETRIEVE, { phoneNumber: '+84969999999' });
      sim.expectError('retrieveSimSwapDate', answer, 404, 'IDENTIFIER_NOT_FOUND');
    });

    it('retrieve_sim_swap_date_C02.04_missing_phone_number', async () => {
      sim.expectError('retrieveSimSwapDate', await sim.post(RETRIEVE, {}), 422, 'MISSING_IDENTIFIER');
    });

    it('retrieve_sim_swap_date_C02.05_phone_number_not_supported', async () => {
      const answer = await sim.post(RETRIEVE, { phoneNumber: await sim.subscriber({ status: 'inactive' }) });
      sim.expectError('retrieveSimSwapDate', answer, 422, 'SERVICE_NOT_APPLICABLE');
    });
  });
}
