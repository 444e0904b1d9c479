/**
 * The signature pipeline with its adapters: trust anchors from TRUST_ANCHORS (production) and, in dev, the
 * test PKI's root; OCSP/CRL through the partner guard with REVOCATION_TIMEOUT_MS per call.
 */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createRevocationChecker } from '../adapters/pki/revocation-checker.ts';
import { createSignatureVerifier } from '../adapters/pki/signature-verifier.ts';
import { anchorsFromPem, createTrustPaths } from '../adapters/pki/trust-paths.ts';
import type { Config } from '../config/config.ts';
import type { DevSimulators } from '../dev-simulators.ts';
import type { Clock } from '../usecases/ports/clock.ts';
import type { EphemeralStore } from '../usecases/ports/ephemeral-store.ts';
import { cryptoRandom } from '../usecases/ports/random.ts';
import { createSignatures, DEFAULT_SIGNATURE_RULES } from '../usecases/signatures/index.ts';

export function buildSignatures(options: {
  config: Config;
  simulators: DevSimulators | undefined;
  store: EphemeralStore;
  clock: Clock;
  logger: Logger;
  registry: Registry;
}) {
  const { config, simulators, clock } = options;
  const anchors = anchorsFromPem([
    ...config.signatures.trustAnchorsPem,
    ...(simulators ? [simulators.testPki.rootPem()] : []),
  ]);
  if (anchors.length === 0)
    options.logger.warn('no trust anchors (TRUST_ANCHORS): every certificate will be refused as untrusted');
  return createSignatures({
    store: options.store,
    clock,
    random: cryptoRandom,
    verifier: createSignatureVerifier(),
    trust: createTrustPaths({ anchors }),
    revocation: createRevocationChecker({
      timeoutMs: config.signatures.revocationTimeoutMs,
      now: () => clock.now(),
      logger: options.logger,
      registry: options.registry,
    }),
    rules: {
      ...DEFAULT_SIGNATURE_RULES,
      challengesPerIpPer10Minutes: config.signatures.challengesPer10Minutes,
    },
  });
}
