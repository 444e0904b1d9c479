/**
 * The Cloud Signature Consortium API v2 messages this simulator speaks, as TypeBox schemas written from the
 * specification (CSC API v2.0, sections 11.1 info, 8.3 OAuth 2.0 token, 11.4 credentials/list, 11.5
 * credentials/info, 11.6 credentials/authorize, 11.9 signatures/signHash, 10.1 errors). The CSC publishes no
 * OpenAPI file, so these are the contract: every request is checked against them, and the tests check every
 * answer. The asynchronous credential authorisation (operationMode "A", a responseID polled with
 * credentials/authorizeCheck) is how the approval in the provider's app reaches the caller.
 */
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';

const Base64 = Type.String({ pattern: '^[A-Za-z0-9+/]+={0,2}$', minLength: 4 });
const Oid = Type.String({ pattern: '^[0-2](\\.\\d+)+$' });

export const ErrorResponse = Type.Object(
  { error: Type.String({ minLength: 1 }), error_description: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

export const InfoRequest = Type.Object(
  { lang: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export const InfoResponse = Type.Object(
  {
    specs: Type.String(),
    name: Type.String(),
    logo: Type.String(),
    region: Type.String({ minLength: 2, maxLength: 2 }),
    lang: Type.String(),
    description: Type.String(),
    authType: Type.Array(
      Type.Union([
        Type.Literal('external'),
        Type.Literal('basic'),
        Type.Literal('digest'),
        Type.Literal('oauth2code'),
        Type.Literal('oauth2client'),
      ]),
    ),
    oauth2: Type.Optional(Type.String()),
    asynchronousOperationMode: Type.Optional(Type.Boolean()),
    methods: Type.Array(Type.String()),
    signAlgorithms: Type.Optional(Type.Object({ algos: Type.Array(Oid) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

/** OAuth 2.0 client credentials (RFC 6749 §4.4), form-encoded; the client may authenticate with HTTP Basic instead. */
export const TokenRequest = Type.Object(
  {
    grant_type: Type.Literal('client_credentials'),
    client_id: Type.Optional(Type.String()),
    client_secret: Type.Optional(Type.String()),
    scope: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export const TokenResponse = Type.Object(
  {
    access_token: Type.String({ minLength: 16 }),
    token_type: Type.Literal('Bearer'),
    expires_in: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

const CertificatesChoice = Type.Union([Type.Literal('none'), Type.Literal('single'), Type.Literal('chain')]);

export const CredentialInfoBody = Type.Object(
  {
    credentialID: Type.Optional(Type.String()),
    description: Type.Optional(Type.String({ maxLength: 255 })),
    signatureQualifier: Type.Optional(Type.String()),
    key: Type.Object(
      {
        status: Type.Union([Type.Literal('enabled'), Type.Literal('disabled')]),
        algo: Type.Array(Oid, { minItems: 1 }),
        len: Type.Integer({ minimum: 1 }),
        curve: Type.Optional(Oid),
      },
      { additionalProperties: false },
    ),
    cert: Type.Object(
      {
        status: Type.Optional(
          Type.Union([
            Type.Literal('valid'),
            Type.Literal('expired'),
            Type.Literal('revoked'),
            Type.Literal('suspended'),
          ]),
        ),
        certificates: Type.Optional(Type.Array(Base64)),
        issuerDN: Type.Optional(Type.String()),
        serialNumber: Type.Optional(Type.String()),
        subjectDN: Type.Optional(Type.String()),
        validFrom: Type.Optional(Type.String({ pattern: '^\\d{14}Z$' })),
        validTo: Type.Optional(Type.String({ pattern: '^\\d{14}Z$' })),
      },
      { additionalProperties: false },
    ),
    auth: Type.Object(
      { mode: Type.Union([Type.Literal('implicit'), Type.Literal('explicit'), Type.Literal('oauth2code')]) },
      { additionalProperties: false },
    ),
    scal: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2')])),
    multisign: Type.Integer({ minimum: 1 }),
    lang: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const ListRequest = Type.Object(
  {
    userID: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    credentialInfo: Type.Optional(Type.Boolean()),
    certificates: Type.Optional(CertificatesChoice),
    certInfo: Type.Optional(Type.Boolean()),
    authInfo: Type.Optional(Type.Boolean()),
    onlyValid: Type.Optional(Type.Boolean()),
    lang: Type.Optional(Type.String()),
    clientData: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export const ListResponse = Type.Object(
  {
    credentialIDs: Type.Array(Type.String()),
    credentialInfos: Type.Optional(Type.Array(CredentialInfoBody)),
    onlyValid: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const InfoCredentialRequest = Type.Object(
  {
    credentialID: Type.String({ minLength: 1 }),
    certificates: Type.Optional(CertificatesChoice),
    certInfo: Type.Optional(Type.Boolean()),
    authInfo: Type.Optional(Type.Boolean()),
    lang: Type.Optional(Type.String()),
    clientData: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export const InfoCredentialResponse = CredentialInfoBody;

export const AuthorizeRequest = Type.Object(
  {
    credentialID: Type.String({ minLength: 1 }),
    numSignatures: Type.Integer({ minimum: 1, maximum: 10 }),
    hashes: Type.Array(Base64, { minItems: 1, maxItems: 10 }),
    hashAlgorithmOID: Type.Optional(Oid),
    authData: Type.Optional(
      Type.Array(Type.Object({ id: Type.String(), value: Type.String() }, { additionalProperties: false })),
    ),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    operationMode: Type.Optional(Type.Union([Type.Literal('A'), Type.Literal('S')])),
    clientData: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
/** Asynchronous mode: the authorisation waits for the user in the provider's app. */
export const AuthorizeResponse = Type.Object(
  { responseID: Type.String({ minLength: 16 }), expiresIn: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const AuthorizeCheckRequest = Type.Object(
  { responseID: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
export const AuthorizeCheckResponse = Type.Union([
  Type.Object({ status: Type.Literal('pending') }, { additionalProperties: false }),
  Type.Object(
    {
      status: Type.Literal('approved'),
      SAD: Type.String({ minLength: 16 }),
      expiresIn: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
]);

export const SignHashRequest = Type.Object(
  {
    credentialID: Type.String({ minLength: 1 }),
    SAD: Type.String({ minLength: 1 }),
    hashes: Type.Array(Base64, { minItems: 1, maxItems: 10 }),
    hashAlgorithmOID: Type.Optional(Oid),
    signAlgo: Oid,
    signAlgoParams: Type.Optional(Base64),
    operationMode: Type.Optional(Type.Literal('S')),
    clientData: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export const SignHashResponse = Type.Object(
  { signatures: Type.Array(Base64, { minItems: 1 }) },
  { additionalProperties: false },
);

export type ListRequest = Static<typeof ListRequest>;
export type InfoCredentialRequest = Static<typeof InfoCredentialRequest>;
export type AuthorizeRequest = Static<typeof AuthorizeRequest>;
export type AuthorizeCheckRequest = Static<typeof AuthorizeCheckRequest>;
export type SignHashRequest = Static<typeof SignHashRequest>;
export type CredentialInfo = Static<typeof CredentialInfoBody>;

/** Compiled checkers, one per message: what the routes (requests) and the tests (answers) validate with. */
export const CSC = {
  error: Compile(ErrorResponse),
  infoRequest: Compile(InfoRequest),
  info: Compile(InfoResponse),
  tokenRequest: Compile(TokenRequest),
  token: Compile(TokenResponse),
  listRequest: Compile(ListRequest),
  list: Compile(ListResponse),
  credentialInfoRequest: Compile(InfoCredentialRequest),
  credentialInfo: Compile(InfoCredentialResponse),
  authorizeRequest: Compile(AuthorizeRequest),
  authorize: Compile(AuthorizeResponse),
  authorizeCheckRequest: Compile(AuthorizeCheckRequest),
  authorizeCheck: Compile(AuthorizeCheckResponse),
  signHashRequest: Compile(SignHashRequest),
  signHash: Compile(SignHashResponse),
};

/** The first thing wrong with a message, in words, or undefined when it is valid. */
export function problemOf(checker: (typeof CSC)[keyof typeof CSC], value: unknown): string | undefined {
  if (checker.Check(value)) return undefined;
  const [first] = checker.Errors(value);
  const path = (first as { instancePath?: string } | undefined)?.instancePath ?? '';
  return first ? `${path || 'body'} ${first.message}` : 'invalid message';
}
