/**
 * Property (and, for the signature value, every byte exhaustively): any single-byte change in the signed data (the challenge's bytes) or in the signature value is
 * refused, for EC and RSA keys, with and without signed attributes. Real test-PKI certificates, the real
 * verifier (pkijs).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { exactBuffer, pkijs } from '../../src/adapters/pki/engine.ts';
import { createSignatureVerifier } from '../../src/adapters/pki/signature-verifier.ts';
import { signCms } from './support/cms.ts';
import { type PkiWorld, startPkiWorld } from './support/pki-world.ts';

/** The CMS with one byte of its signer's signature value XORed with `mask`. */
function withSignatureByteChanged(signedData: Uint8Array, index: number, mask: number): Uint8Array {
  const info = pkijs.ContentInfo.fromBER(exactBuffer(signedData));
  const cms = new pkijs.SignedData({ schema: info.content });
  const signerInfo = cms.signerInfos[0]!;
  const bytes = new Uint8Array(signerInfo.signature.valueBlock.valueHexView).slice();
  bytes[index % bytes.length]! ^= mask;
  signerInfo.signature = new asn1js.OctetString({ valueHex: bytes });
  const changed = new pkijs.ContentInfo({ contentType: info.contentType, content: cms.toSchema(true) });
  return new Uint8Array(changed.toSchema().toBER(false));
}

function signatureLength(signedData: Uint8Array): number {
  const info = pkijs.ContentInfo.fromBER(exactBuffer(signedData));
  return new pkijs.SignedData({ schema: info.content }).signerInfos[0]!.signature.valueBlock.valueHexView
    .length;
}

describe('tampering property', () => {
  let world: PkiWorld;
  before(async () => {
    world = await startPkiWorld();
  });
  after(() => world.close());

  const verifier = createSignatureVerifier();
  const cases = [
    { keyType: 'ec', signedAttributes: true },
    { keyType: 'ec', signedAttributes: false },
    { keyType: 'rsa', signedAttributes: true },
    { keyType: 'rsa', signedAttributes: false },
  ] as const;

  for (const { keyType, signedAttributes } of cases) {
    it(`${keyType}, ${signedAttributes ? 'with' : 'without'} signed attributes: one changed byte is always refused`, async () => {
      const issued = await world.pki.issue({ idNumber: '001090077777', keyType });
      const nonce = new Uint8Array(randomBytes(32));
      const signedData = await signCms(issued, nonce, { signedAttributes });
      assert.equal((await verifier.verifyCms(signedData, nonce)).outcome, 'verified');

      const byte = fc.integer({ min: 0, max: 1023 });
      const mask = fc.integer({ min: 1, max: 255 });
      await fc.assert(
        fc.asyncProperty(byte, mask, async (index, xor) => {
          const content = nonce.slice();
          content[index % content.length]! ^= xor;
          return (await verifier.verifyCms(signedData, content)).outcome === 'invalid';
        }),
        { numRuns: 60 },
      );
      // Every byte of the signature value, with masks that turn DER tags and lengths into their neighbours.
      const length = signatureLength(signedData);
      for (let index = 0; index < length; index++)
        // An RSA signature is one big number, no structure to slip through: one mask per byte is enough there.
        for (const xor of keyType === 'ec' ? [0x01, 0x08, 0x28, 0x80, 0xff] : [0x01]) {
          const changed = withSignatureByteChanged(signedData, index, xor);
          assert.equal(
            (await verifier.verifyCms(changed, nonce)).outcome,
            'invalid',
            `byte ${index} ^ ${xor}`,
          );
        }
      await fc.assert(
        fc.asyncProperty(byte, mask, async (index, xor) => {
          const changed = withSignatureByteChanged(signedData, index, xor);
          return (await verifier.verifyCms(changed, nonce)).outcome === 'invalid';
        }),
        { numRuns: 60 },
      );
    });
  }
});
