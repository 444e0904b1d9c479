/**
 * The agent's JSON protocol (PROTOCOL.md), independent of the WebSocket that carries it: one request
 * `{ id, method, params }` in, one answer `{ id, result }` or `{ id, error: { code, message, triesLeft? } }` out.
 * Parameters are checked before anything touches the token; the PIN and the data are never logged.
 */
import { type CertificateInfo, chainOf, describeCertificate, holderCertificates } from './certificates.ts';
import { signCms } from './cms.ts';
import type { PinCounter } from './pin-counter.ts';
import { PinIncorrectError, type Pkcs11Token } from './token.ts';

export type ErrorCode =
  | 'TOKEN_NOT_PRESENT'
  | 'CERTIFICATE_NOT_FOUND'
  | 'PIN_INCORRECT'
  | 'PIN_LOCKED'
  | 'BAD_REQUEST'
  | 'AGENT_ERROR';

export type Answer =
  | { id: string | null; result: unknown }
  | { id: string | null; error: { code: ErrorCode; message: string; triesLeft?: number } };

export const AGENT_NAME = 'DVC Signing Agent (simulator)';
export const AGENT_VERSION = '1.0.0';

/** Data to sign: a challenge or a document digest, never a whole document (1 MiB of base64 at most). */
const MAX_DATA_BASE64 = 1_398_104;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface AgentState {
  /** The "USB token" is plugged in (a dev switch unplugs it). */
  present: boolean;
}

/** What the protocol needs of the token (Pkcs11Token; a fake in unit tests). */
export type TokenPort = Pick<Pkcs11Token, 'label' | 'certificates' | 'keys' | 'signDigest'>;

export interface ProtocolOptions {
  /** Undefined when SoftHSM2 is not installed: the agent runs as with no token plugged in. */
  token: TokenPort | undefined;
  pins: PinCounter;
  state: AgentState;
  now: () => Date;
  /** One line per request: method, outcome, milliseconds (never the parameters). */
  log: (line: string) => void;
}

class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly triesLeft?: number,
  ) {
    super(message);
  }
}

export function createProtocol(options: ProtocolOptions) {
  const token = () => {
    if (!options.state.present || !options.token)
      throw new Refusal('TOKEN_NOT_PRESENT', 'No token is plugged in.');
    return options.token;
  };
  const holderCertificatesOf = (t: TokenPort) =>
    holderCertificates(t.certificates(), new Set(t.keys().map((k) => k.id)));

  const methods: Record<string, (params: Record<string, unknown>) => unknown> = {
    getInfo: () => ({
      name: AGENT_NAME,
      version: AGENT_VERSION,
      tokenPresent: options.state.present && options.token !== undefined,
      tokenLabel: options.state.present && options.token ? options.token.label : null,
    }),
    listCertificates: (): CertificateInfo[] => holderCertificatesOf(token()).map(describeCertificate),
    signCms: (params) => {
      const { certificateId, pin, data } = params;
      if (typeof certificateId !== 'string' || !/^[0-9a-f]{2,128}$/.test(certificateId))
        throw new Refusal('BAD_REQUEST', 'certificateId must be the id listCertificates gave.');
      if (typeof pin !== 'string' || pin.length === 0 || pin.length > 64)
        throw new Refusal('BAD_REQUEST', 'pin must be a string of 1 to 64 characters.');
      if (
        typeof data !== 'string' ||
        data.length === 0 ||
        data.length > MAX_DATA_BASE64 ||
        !BASE64.test(data)
      )
        throw new Refusal('BAD_REQUEST', 'data must be non-empty base64 (1 MiB at most).');
      const t = token();
      const certificate = holderCertificatesOf(t).find((c) => c.id === certificateId);
      if (!certificate)
        throw new Refusal('CERTIFICATE_NOT_FOUND', 'No certificate with that id is on the token.');
      if (options.pins.locked)
        throw new Refusal('PIN_LOCKED', 'The PIN is locked after too many wrong tries.');
      try {
        const signedData = signCms({
          data: Buffer.from(data, 'base64'),
          signerCertificate: certificate.der,
          chain: chainOf(
            certificate.der,
            t.certificates().filter((c) => c.authority),
          ),
          signingTime: options.now(),
          signDigest: (digest) => t.signDigest(certificateId, pin, digest),
        });
        options.pins.succeed();
        return { signedData: Buffer.from(signedData).toString('base64') };
      } catch (error) {
        if (!(error instanceof PinIncorrectError)) throw error;
        const triesLeft = options.pins.fail();
        if (triesLeft === 0) throw new Refusal('PIN_LOCKED', 'Wrong PIN; the PIN is now locked.');
        throw new Refusal('PIN_INCORRECT', 'Wrong PIN.', triesLeft);
      }
    },
  };

  /** Answers one message (the WebSocket frame's text). */
  return function answer(text: string): Answer {
    const started = performance.now();
    let id: string | null = null;
    let method = 'unknown';
    const done = (outcome: string, result: Answer) => {
      options.log(`${method} → ${outcome} (${(performance.now() - started).toFixed(1)} ms)`);
      return result;
    };
    try {
      const request = parse(text, (knownId) => {
        id = knownId;
      });
      const handler = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
      if (!handler) throw new Refusal('BAD_REQUEST', 'Unknown method.');
      method = request.method;
      return done('ok', { id, result: handler(request.params) });
    } catch (error) {
      if (error instanceof Refusal)
        return done(error.code, {
          id,
          error: {
            code: error.code,
            message: error.message,
            ...(error.triesLeft !== undefined && { triesLeft: error.triesLeft }),
          },
        });
      options.log(`${method} failed: ${error instanceof Error ? error.message : String(error)}`);
      return done('AGENT_ERROR', {
        id,
        error: { code: 'AGENT_ERROR', message: 'The agent could not do that.' },
      });
    }
  };
}

/** Reads a request; `onId` learns its id as soon as it is known, so a refusal of the rest can name it. */
function parse(
  text: string,
  onId: (id: string) => void,
): { id: string; method: string; params: Record<string, unknown> } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Refusal('BAD_REQUEST', 'The message is not JSON.');
  }
  const request = value as { id?: unknown; method?: unknown; params?: unknown } | null;
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    throw new Refusal('BAD_REQUEST', 'The message must be a JSON object.');
  if (typeof request.id !== 'string' || request.id.length === 0 || request.id.length > 100)
    throw new Refusal('BAD_REQUEST', 'id must be a string of 1 to 100 characters.');
  onId(request.id);
  if (typeof request.method !== 'string') throw new Refusal('BAD_REQUEST', 'method must be a string.');
  const params = request.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new Refusal('BAD_REQUEST', 'params must be a JSON object.');
  return { id: request.id, method: request.method, params: params as Record<string, unknown> };
}
