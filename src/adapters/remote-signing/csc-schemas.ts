/**
 * The answers of the Cloud Signature Consortium API v2 the hub reads (CSC API v2.0: 11.1 info, 8.3 OAuth 2.0
 * token, 11.4 credentials/list, 11.5 credentials/info, 11.6 credentials/authorize, 11.9 signatures/signHash,
 * 10.1 errors), as TypeBox schemas written from the specification, plus the asynchronous authorisation check
 * (credentials/authorizeCheck) the simulators and providers use for the approval in their app. The CSC publishes
 * no OpenAPI file. Checked as a client reads: every field the hub uses must be there with its type; fields a
 * provider adds are let through (the simulators' own schemas, src/simulators/remote-signing/schemas.ts, are the
 * server side and refuse them).
 */
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';

const Base64 = Type.String({ pattern: '^[A-Za-z0-9+/]+={0,2}$', minLength: 4 });

export const CscError = Compile(
  Type.Object({ error: Type.String({ minLength: 1 }), error_description: Type.Optional(Type.String()) }),
);

export const CscInfo = Compile(
  Type.Object({
    specs: Type.String(),
    name: Type.String(),
    authType: Type.Array(Type.String()),
    oauth2: Type.Optional(Type.String({ minLength: 1 })),
    methods: Type.Array(Type.String()),
  }),
);

export const CscToken = Compile(
  Type.Object({
    access_token: Type.String({ minLength: 1 }),
    token_type: Type.String({ pattern: '^[Bb]earer$' }),
    expires_in: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
);

export const CscCredentialList = Compile(
  Type.Object({ credentialIDs: Type.Array(Type.String({ minLength: 1 })) }),
);

export const CscCredentialInfo = Compile(
  Type.Object({
    key: Type.Object({
      status: Type.Union([Type.Literal('enabled'), Type.Literal('disabled')]),
      algo: Type.Array(Type.String(), { minItems: 1 }),
    }),
    cert: Type.Object({
      status: Type.Optional(Type.String()),
      certificates: Type.Array(Base64, { minItems: 1 }),
    }),
  }),
);

export const CscAuthorize = Compile(
  Type.Object({
    responseID: Type.String({ minLength: 1 }),
    expiresIn: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
);

export const CscAuthorizeCheck = Compile(
  Type.Union([
    Type.Object({ status: Type.Literal('pending') }),
    Type.Object({ status: Type.Literal('approved'), SAD: Type.String({ minLength: 1 }) }),
  ]),
);

export const CscSignHash = Compile(Type.Object({ signatures: Type.Array(Base64, { minItems: 1 }) }));

/** The OIDs the hub asks for: SHA-256 hashes signed with RSA PKCS#1 v1.5. */
export const CSC_OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;
