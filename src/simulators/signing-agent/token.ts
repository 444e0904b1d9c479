/**
 * The USB token, through PKCS#11 (`pkcs11js` on SoftHSM2): what a real agent does with the CA's driver.
 * Keys are made on the token and never leave it (sensitive, not extractable); a certificate is a
 * CKO_CERTIFICATE object with the same CKA_ID as its key pair (the SHA-1 of the public key, as CA tools set
 * it); the issuing CA certificates are stored too (category "authority") so the agent can send the chain.
 *
 * Every call here is synchronous (pkcs11js's blocking forms): a login, the signature and the logout run in
 * one turn of the event loop, so two WebSocket clients can never interleave inside one login.
 */
import { createHash, createPublicKey } from 'node:crypto';
import * as asn1js from 'asn1js';
import pkcs11js from 'pkcs11js';

export type KeyKind = 'ec' | 'rsa';

export interface StoredCertificate {
  /** CKA_ID, hex: links the certificate to its key pair; the agent's `certificateId`. */
  id: string;
  label: string;
  der: Uint8Array;
  authority: boolean;
}

export interface StoredKey {
  id: string;
  label: string;
  kind: KeyKind;
}

/** The PIN was refused by the token (CKR_PIN_INCORRECT). */
export class PinIncorrectError extends Error {
  override readonly name = 'PinIncorrectError';
}

// Category values of CKA_CERTIFICATE_CATEGORY (PKCS#11 2.40 §4.6.2).
const CATEGORY_TOKEN_USER = 1;
const CATEGORY_AUTHORITY = 2;
// DER of the OID prime256v1 (P-256), the CKA_EC_PARAMS of the citizen's key.
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');
// DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): CKM_RSA_PKCS signs DigestInfo, not the bare digest.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export class Pkcs11Token {
  private constructor(
    private readonly p11: pkcs11js.PKCS11,
    private readonly session: Buffer,
    readonly label: string,
    readonly serialNumber: string,
  ) {}

  /** Loads the module, finds the token by its label and opens a read/write session on it. */
  static open(modulePath: string, label: string): Pkcs11Token {
    const p11 = new pkcs11js.PKCS11();
    p11.load(modulePath);
    p11.C_Initialize();
    try {
      for (const slot of p11.C_GetSlotList(true)) {
        const info = p11.C_GetTokenInfo(slot);
        if (info.label.trim() !== label) continue;
        const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
        return new Pkcs11Token(p11, session, label, info.serialNumber.trim());
      }
    } catch (error) {
      p11.C_Finalize();
      throw error;
    }
    p11.C_Finalize();
    throw new Error(`no token labelled "${label}" in ${modulePath}`);
  }

  /** Every certificate object on the token (they are public objects: no PIN needed to read them). */
  certificates(): StoredCertificate[] {
    return this.find([{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]).map((handle) => {
      const [value, id, label, category] = this.p11.C_GetAttributeValue(this.session, handle, [
        { type: pkcs11js.CKA_VALUE },
        { type: pkcs11js.CKA_ID },
        { type: pkcs11js.CKA_LABEL },
        { type: pkcs11js.CKA_CERTIFICATE_CATEGORY },
      ]);
      return {
        der: exact(value!.value as Buffer),
        id: (id!.value as Buffer).toString('hex'),
        label: (label!.value as Buffer).toString('utf8'),
        authority: readUlong(category!.value as Buffer) === CATEGORY_AUTHORITY,
      };
    });
  }

  /** The key pairs' public halves (readable without the PIN), by CKA_ID. */
  keys(): StoredKey[] {
    return this.find([{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY }]).map((handle) => {
      const [id, label, keyType] = this.p11.C_GetAttributeValue(this.session, handle, [
        { type: pkcs11js.CKA_ID },
        { type: pkcs11js.CKA_LABEL },
        { type: pkcs11js.CKA_KEY_TYPE },
      ]);
      return {
        id: (id!.value as Buffer).toString('hex'),
        label: (label!.value as Buffer).toString('utf8'),
        kind: readUlong(keyType!.value as Buffer) === pkcs11js.CKK_EC ? 'ec' : 'rsa',
      };
    });
  }

  /** The public key of a key pair as SPKI PEM (what the CA certifies). */
  publicKeyPem(id: string): string {
    const [handle] = this.find([
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') },
    ]);
    if (!handle) throw new Error(`no public key ${id} on the token`);
    return this.spkiPem(handle);
  }

  /** Makes a key pair on the token (the private half never leaves it); its CKA_ID is the SHA-1 of its SPKI. */
  generateKeyPair(kind: KeyKind, label: string, pin: string): StoredKey {
    return this.loggedIn(pin, () => {
      const common = [
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_LABEL, value: label },
      ];
      const pair = this.p11.C_GenerateKeyPair(
        this.session,
        { mechanism: kind === 'ec' ? pkcs11js.CKM_EC_KEY_PAIR_GEN : pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN },
        [
          ...common,
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
          { type: pkcs11js.CKA_VERIFY, value: true },
          ...(kind === 'ec'
            ? [{ type: pkcs11js.CKA_EC_PARAMS, value: P256_PARAMS }]
            : [
                { type: pkcs11js.CKA_MODULUS_BITS, value: 2048 },
                { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
              ]),
        ],
        [
          ...common,
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
          { type: pkcs11js.CKA_PRIVATE, value: true },
          { type: pkcs11js.CKA_SENSITIVE, value: true },
          { type: pkcs11js.CKA_EXTRACTABLE, value: false },
          { type: pkcs11js.CKA_SIGN, value: true },
        ],
      );
      const spki = createPublicKey(this.spkiPem(pair.publicKey)).export({ type: 'spki', format: 'der' });
      const id = createHash('sha1').update(spki).digest();
      for (const handle of [pair.publicKey, pair.privateKey])
        this.p11.C_SetAttributeValue(this.session, handle, [{ type: pkcs11js.CKA_ID, value: id }]);
      return { id: id.toString('hex'), label, kind };
    });
  }

  /** Stores a certificate: the holder's (with its key pair's CKA_ID) or an issuing CA's (authority). */
  storeCertificate(certificate: {
    der: Uint8Array;
    id: string;
    label: string;
    authority: boolean;
    subject: Uint8Array;
    issuer: Uint8Array;
    serialNumber: Uint8Array;
  }): void {
    this.p11.C_CreateObject(this.session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: false },
      { type: pkcs11js.CKA_LABEL, value: certificate.label },
      { type: pkcs11js.CKA_ID, value: Buffer.from(certificate.id, 'hex') },
      {
        type: pkcs11js.CKA_CERTIFICATE_CATEGORY,
        value: certificate.authority ? CATEGORY_AUTHORITY : CATEGORY_TOKEN_USER,
      },
      { type: pkcs11js.CKA_SUBJECT, value: Buffer.from(certificate.subject) },
      { type: pkcs11js.CKA_ISSUER, value: Buffer.from(certificate.issuer) },
      { type: pkcs11js.CKA_SERIAL_NUMBER, value: Buffer.from(certificate.serialNumber) },
      { type: pkcs11js.CKA_VALUE, value: Buffer.from(certificate.der) },
    ]);
  }

  /** Removes a certificate object (a certificate replaced by a new one for the same key). */
  removeCertificate(der: Uint8Array): void {
    for (const handle of this.find([
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_VALUE, value: Buffer.from(der) },
    ]))
      this.p11.C_DestroyObject(this.session, handle);
  }

  /**
   * Logs in with the PIN and signs a SHA-256 digest with the key `id`: CKM_ECDSA (SoftHSM 2.6.1 has no
   * CKM_ECDSA_SHA256) gives r‖s; CKM_RSA_PKCS signs the DigestInfo. Throws PinIncorrectError.
   */
  signDigest(id: string, pin: string, digest: Uint8Array): { kind: KeyKind; signature: Uint8Array } {
    return this.loggedIn(pin, () => {
      const [handle] = this.find([
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') },
      ]);
      if (!handle) throw new Error(`no private key ${id} on the token`);
      const [keyType] = this.p11.C_GetAttributeValue(this.session, handle, [{ type: pkcs11js.CKA_KEY_TYPE }]);
      const kind: KeyKind = readUlong(keyType!.value as Buffer) === pkcs11js.CKK_EC ? 'ec' : 'rsa';
      const input = kind === 'ec' ? Buffer.from(digest) : Buffer.concat([SHA256_DIGEST_INFO, digest]);
      this.p11.C_SignInit(
        this.session,
        { mechanism: kind === 'ec' ? pkcs11js.CKM_ECDSA : pkcs11js.CKM_RSA_PKCS },
        handle,
      );
      // pkcs11js answers with a view into the output buffer: copy it to an exact one (implementation notes).
      return { kind, signature: exact(this.p11.C_Sign(this.session, input, Buffer.alloc(512))) };
    });
  }

  close(): void {
    try {
      this.p11.C_CloseSession(this.session);
    } finally {
      this.p11.C_Finalize();
    }
  }

  private loggedIn<T>(pin: string, work: () => T): T {
    try {
      this.p11.C_Login(this.session, pkcs11js.CKU_USER, pin);
    } catch (error) {
      if (error instanceof Error && /CKR_PIN_INCORRECT|CKR_PIN_LEN_RANGE/.test(error.message))
        throw new PinIncorrectError('the token refused the PIN');
      throw error;
    }
    try {
      return work();
    } finally {
      this.p11.C_Logout(this.session);
    }
  }

  private find(template: pkcs11js.Template): Buffer[] {
    this.p11.C_FindObjectsInit(this.session, template);
    try {
      return this.p11.C_FindObjects(this.session, 1000);
    } finally {
      this.p11.C_FindObjectsFinal(this.session);
    }
  }

  private spkiPem(publicKey: Buffer): string {
    const [keyType] = this.p11.C_GetAttributeValue(this.session, publicKey, [
      { type: pkcs11js.CKA_KEY_TYPE },
    ]);
    if (readUlong(keyType!.value as Buffer) === pkcs11js.CKK_EC) {
      const [point] = this.p11.C_GetAttributeValue(this.session, publicKey, [
        { type: pkcs11js.CKA_EC_POINT },
      ]);
      // CKA_EC_POINT is the DER OCTET STRING around the uncompressed point 04‖X‖Y.
      const parsed = asn1js.fromBER(exact(point!.value as Buffer));
      const raw = (parsed.result as asn1js.OctetString).valueBlock.valueHexView;
      const jwk = { kty: 'EC', crv: 'P-256', x: b64u(raw.slice(1, 33)), y: b64u(raw.slice(33, 65)) };
      return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    }
    const [modulus, exponent] = this.p11.C_GetAttributeValue(this.session, publicKey, [
      { type: pkcs11js.CKA_MODULUS },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT },
    ]);
    const jwk = { kty: 'RSA', n: b64u(modulus!.value as Buffer), e: b64u(exponent!.value as Buffer) };
    return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
  }
}

const exact = (view: Uint8Array): Uint8Array => new Uint8Array(view);
const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** A CK_ULONG attribute as pkcs11js returns it: native-endian bytes (little-endian on x86-64 and arm64). */
function readUlong(value: Buffer): number {
  if (value.length === 0) return 0;
  return value.length >= 8 ? Number(value.readBigUInt64LE(0)) : value.readUInt32LE(0);
}
