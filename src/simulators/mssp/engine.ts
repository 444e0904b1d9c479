/**
 * What the MSSP does, without SOAP: SIM subscribers (with or without the signature service), signature
 * transactions in asynchronous mode, the SIM Toolkit prompt each one puts on the phone, the SIM PIN counter
 * (three wrong PINs in a row block the signature PIN until the subscriber is created again) and the expiry of
 * a transaction the citizen never answered (TimeOut, at most the 2-minute window), all on the injected clock.
 */
import { randomBytes } from 'node:crypto';
import { signCms } from '../signing-agent/cms.ts';
import {
  type IssueCertificate,
  makeCertifiedKey,
  pemToDer,
  type SigningKey,
  sha256,
  signDigest,
} from './keys.ts';

/** The status codes of ETSI TS 102 204 this MSSP answers with (clause 6.2.5, table of status codes). */
export const STATUS = {
  REQUEST_OK: 100,
  WRONG_PARAM: 101,
  MISSING_PARAM: 102,
  UNAUTHORIZED_ACCESS: 104,
  UNKNOWN_CLIENT: 105,
  EXPIRED_TRANSACTION: 208,
  USER_CANCEL: 401,
  PIN_NR_BLOCKED: 402,
  NO_KEY_FOUND: 404,
  SIGNATURE: 500,
  VALID_SIGNATURE: 502,
  OUTSTANDING_TRANSACTION: 504,
  INTERNAL_ERROR: 900,
} as const;
export type StatusName = keyof typeof STATUS;
export const STATUS_NAME = Object.fromEntries(
  Object.entries(STATUS).map(([name, code]) => [code, name]),
) as Record<number, StatusName>;

export type MssFormat = 'PKCS7' | 'PKCS1';

/** Seconds a transaction waits for the citizen at most (a request may ask for less with TimeOut). */
export const SIGNATURE_WINDOW_SECONDS = 120;
export const PIN_TRIES = 3;

export interface Subscriber {
  msisdn: string;
  idNumber: string;
  fullName: string;
  pin: string;
  wrongPins: number;
  blocked: boolean;
  /** Absent: the SIM has no signature service (no key on it). */
  key?: SigningKey;
}

export type TransactionState = 'pending' | 'signed' | 'cancelled' | 'blocked' | 'expired';

export interface Transaction {
  id: string;
  msisdn: string;
  data: Uint8Array;
  displayText: string;
  format: MssFormat;
  createdAt: Date;
  expiresAt: Date;
  state: TransactionState;
  /** PKCS#7: DER CMS SignedData; PKCS#1: the bare signature. */
  signature?: Uint8Array;
  /** DER of the SIM's certificate, then its issuing CA. */
  certificates?: Uint8Array[];
}

export interface SimPrompt {
  requestId: string;
  text: string;
  at: string;
}

export type PromptAnswer = { pin: string } | { cancel: true };
export type PromptOutcome =
  | { outcome: 'signed' }
  | { outcome: 'wrong_pin'; triesLeft: number }
  | { outcome: 'blocked' }
  | { outcome: 'cancelled' }
  | { outcome: 'not_found' };

export interface MsspEngineOptions {
  now: () => Date;
  issue: IssueCertificate;
  random?: (bytes: number) => Uint8Array;
}

export type MsspEngine = ReturnType<typeof createMsspEngine>;

export function createMsspEngine(options: MsspEngineOptions) {
  const { now } = options;
  const random = options.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const subscribers = new Map<string, Subscriber>();
  const transactions = new Map<string, Transaction>();
  /** Transaction ids per phone: a phone's prompts are read without walking every transaction (benchmarks). */
  const byPhone = new Map<string, Set<string>>();

  /** A pending transaction past its time is expired from then on, whoever looks first. */
  const settle = (transaction: Transaction) => {
    if (transaction.state === 'pending' && now().getTime() >= transaction.expiresAt.getTime())
      transaction.state = 'expired';
    return transaction;
  };
  const forget = () => {
    const before = now().getTime() - 15 * 60_000;
    for (const [id, t] of transactions) {
      // Insertion order is creation order: the first one still young ends the sweep.
      if (t.expiresAt.getTime() >= before) break;
      transactions.delete(id);
      const ids = byPhone.get(t.msisdn);
      ids?.delete(id);
      if (ids?.size === 0) byPhone.delete(t.msisdn);
    }
  };

  const sign = (subscriber: Subscriber, transaction: Transaction) => {
    const key = subscriber.key!;
    const chain = pemToDer(key.chainPem);
    const [certificate] = pemToDer(key.certificatePem);
    transaction.certificates = [certificate!, ...chain];
    transaction.signature =
      transaction.format === 'PKCS1'
        ? signDigest(key.privateKey, sha256(transaction.data))
        : signCms({
            data: transaction.data,
            signerCertificate: certificate!,
            chain,
            signingTime: now(),
            signDigest: (digest) => ({ kind: 'rsa', signature: signDigest(key.privateKey, digest) }),
          });
    transaction.state = 'signed';
  };

  return {
    /** Creates (or creates again: a new key and certificate, the PIN counter reset) a SIM subscriber. */
    async addSubscriber(input: {
      msisdn: string;
      idNumber: string;
      fullName: string;
      pin: string;
      service?: boolean;
    }): Promise<Subscriber> {
      const key =
        input.service === false
          ? undefined
          : await makeCertifiedKey(options.issue, { idNumber: input.idNumber, fullName: input.fullName });
      const subscriber: Subscriber = {
        msisdn: input.msisdn,
        idNumber: input.idNumber,
        fullName: input.fullName,
        pin: input.pin,
        wrongPins: 0,
        blocked: false,
        ...(key && { key }),
      };
      subscribers.set(input.msisdn, subscriber);
      return subscriber;
    },

    subscriber: (msisdn: string) => subscribers.get(msisdn),
    subscribers: () => [...subscribers.values()],

    /** Answers the request at once: accepted (the prompt is on the phone), or the status code of a refusal. */
    startSignature(input: {
      msisdn: string;
      data: Uint8Array;
      displayText: string;
      format: MssFormat;
      timeoutSeconds?: number;
    }): { ok: true; transaction: Transaction } | { ok: false; status: number } {
      forget();
      const subscriber = subscribers.get(input.msisdn);
      if (!subscriber) return { ok: false, status: STATUS.UNKNOWN_CLIENT };
      if (!subscriber.key) return { ok: false, status: STATUS.NO_KEY_FOUND };
      const seconds = Math.min(input.timeoutSeconds ?? SIGNATURE_WINDOW_SECONDS, SIGNATURE_WINDOW_SECONDS);
      const createdAt = now();
      const transaction: Transaction = {
        id: `T${Buffer.from(random(12)).toString('hex')}`,
        msisdn: input.msisdn,
        data: input.data,
        displayText: input.displayText,
        format: input.format,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + seconds * 1000),
        // A blocked signature PIN answers every later request at once, as the SIM would.
        state: subscriber.blocked ? 'blocked' : 'pending',
      };
      transactions.set(transaction.id, transaction);
      const ids = byPhone.get(input.msisdn) ?? new Set<string>();
      byPhone.set(input.msisdn, ids.add(transaction.id));
      return { ok: true, transaction };
    },

    transaction(id: string): Transaction | undefined {
      const transaction = transactions.get(id);
      return transaction && settle(transaction);
    },

    /** The SIM Toolkit prompts waiting on a phone, oldest first. */
    prompts(msisdn: string): SimPrompt[] {
      return [...(byPhone.get(msisdn) ?? [])]
        .map((id) => transactions.get(id)!)
        .filter((t) => settle(t).state === 'pending')
        .map((t) => ({ requestId: t.id, text: t.displayText, at: t.createdAt.toISOString() }));
    },

    /** The citizen answers a prompt on the phone: the PIN (wrong: asked again, blocked at the third) or Cancel. */
    answer(msisdn: string, requestId: string, answer: PromptAnswer): PromptOutcome {
      const transaction = transactions.get(requestId);
      const subscriber = subscribers.get(msisdn);
      if (
        !transaction ||
        !subscriber ||
        transaction.msisdn !== msisdn ||
        settle(transaction).state !== 'pending'
      )
        return { outcome: 'not_found' };
      if ('cancel' in answer) {
        transaction.state = 'cancelled';
        return { outcome: 'cancelled' };
      }
      if (answer.pin !== subscriber.pin) {
        subscriber.wrongPins += 1;
        if (subscriber.wrongPins >= PIN_TRIES) {
          subscriber.blocked = true;
          transaction.state = 'blocked';
          return { outcome: 'blocked' };
        }
        return { outcome: 'wrong_pin', triesLeft: PIN_TRIES - subscriber.wrongPins };
      }
      subscriber.wrongPins = 0;
      sign(subscriber, transaction);
      return { outcome: 'signed' };
    },
  };
}
