import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordingMetrics } from '../../../test/support/registration-fakes.ts';
import {
  type BusinessRecord,
  type BusinessRegistry,
  BusinessRegistryUnavailableError,
} from '../ports/business-registry.ts';
import { createVerifyOrganisation } from './verify-organisation.ts';

const context = { requestId: 'r', clientIp: '203.0.113.1' };

function registryOf(records: Record<string, BusinessRecord>, down = false) {
  const asked: string[] = [];
  const registry: BusinessRegistry = {
    async lookUp(taxCode) {
      asked.push(taxCode);
      if (down) throw new BusinessRegistryUnavailableError();
      return records[taxCode] ?? null;
    },
    ping: async () => {},
  };
  return { registry, asked };
}

const verifier = (registry: BusinessRegistry, metrics = new RecordingMetrics()) =>
  createVerifyOrganisation({ businessRegistry: registry, metrics, now: () => new Date() });

describe('verifyOrganisation', () => {
  const records: Record<string, BusinessRecord> = {
    '0101234567': {
      name: 'Công ty TNHH Sông Hồng',
      status: 'active',
      representativeIdNumber: '001090012345',
    },
    '0101234567-002': { name: 'Chi nhánh Hà Đông', status: 'active' },
    '0109999999': { name: 'Công ty Cổ phần Bình Minh', status: 'suspended' },
    '0108888888': { name: 'Doanh nghiệp tư nhân An Phát', status: 'closed' },
  };

  it('an active business: its registered name and legal representative', async () => {
    const { registry, asked } = registryOf(records);
    const metrics = new RecordingMetrics();
    assert.deepEqual(await verifier(registry, metrics)(' 0101234567 ', context), {
      ok: true,
      value: {
        taxCode: '0101234567',
        name: 'Công ty TNHH Sông Hồng',
        representativeIdNumber: '001090012345',
      },
    });
    assert.deepEqual(asked, ['0101234567']);
    assert.deepEqual(metrics.partnerCalls, [{ call: 'business_lookup', outcome: 'active' }]);
    const branch = await verifier(registry)('0101234567-002', context);
    assert.ok(branch.ok && branch.value.name === 'Chi nhánh Hà Đông');
  });

  it('suspended, closed or unknown: ORGANISATION_NOT_ACTIVE', async () => {
    const { registry } = registryOf(records);
    for (const taxCode of ['0109999999', '0108888888', '0100000000'])
      assert.deepEqual(await verifier(registry)(taxCode, context), {
        ok: false,
        failure: { code: 'ORGANISATION_NOT_ACTIVE' },
      });
  });

  it('a malformed tax code is refused before the registry is asked', async () => {
    const { registry, asked } = registryOf(records);
    const refused = await verifier(registry)('0101', context);
    assert.equal(!refused.ok && refused.failure.code, 'VALIDATION_FAILED');
    assert.deepEqual(asked, []);
  });

  it('the registry down: BUSINESS_REGISTRY_UNAVAILABLE with a Retry-After', async () => {
    const { registry } = registryOf(records, true);
    assert.deepEqual(await verifier(registry)('0101234567', context), {
      ok: false,
      failure: { code: 'BUSINESS_REGISTRY_UNAVAILABLE', retryAfterSeconds: 30 },
    });
  });
});
