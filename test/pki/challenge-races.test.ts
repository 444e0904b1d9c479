/**
 * A challenge is used once under races, on the in-memory store and on Redis: of many concurrent
 * verifications of the same signed challenge, exactly one reaches verification and succeeds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ephemeralVariants } from '../support/ephemeral-stores.ts';
import { signCms } from './support/cms.ts';
import { startPkiWorld } from './support/pki-world.ts';

for (const variant of ephemeralVariants) {
  describe(`challenge races (${variant.name})`, { skip: variant.skip }, () => {
    it('lets exactly one of 12 concurrent verifications of one signed challenge through', async () => {
      const world = await startPkiWorld({ store: (clock) => variant.open(clock) });
      try {
        const issued = await world.pki.issue({ idNumber: '001090000041' });
        const challenge = await world.signatures.issueChallenge();
        assert.ok(challenge.ok);
        const signedData = await signCms(issued, Buffer.from(challenge.value.nonce, 'base64'));
        const outcomes = await Promise.all(
          Array.from({ length: 12 }, () =>
            world.signatures.verifySignedChallenge({ challengeId: challenge.value.challengeId, signedData }),
          ),
        );
        const codes = outcomes.map((o) => (o.ok ? 'ok' : o.failure.code)).sort();
        assert.deepEqual(codes, ['CHALLENGE_INVALID', ...Array(10).fill('CHALLENGE_INVALID'), 'ok'].sort());
      } finally {
        await world.close();
      }
    });
  });
}
