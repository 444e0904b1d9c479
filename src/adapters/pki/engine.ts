/** The X.509 and CMS libraries the adapters use, set up once on Node's WebCrypto (src/lib/x509.ts). */
export { exactBuffer, pkijs, subtle, x509 } from '../../lib/x509.ts';
