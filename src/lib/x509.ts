/**
 * The X.509 and CMS libraries, set up once for the process on Node's WebCrypto: `@peculiar/x509` (which needs
 * reflect-metadata loaded before it) and pkijs (whose engine is process-wide). Import them from here.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
pkijs.setEngine(
  'node',
  new pkijs.CryptoEngine({
    name: 'node',
    crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'],
  }),
);

export { pkijs, x509 };
export const subtle = webcrypto.subtle;

/** An exact ArrayBuffer of the bytes (pkijs reads whole buffers, so a view into a larger one would mislead it). */
export const exactBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
