/**
 * What a remote-signing service does, without HTTP: its users (by ID number) and their credentials (an RSA key
 * kept by the service, certified by the test PKI), the hub's access tokens, credential authorisations waiting
 * for the user's approval in the provider's app (app PIN, Approve / Decline, a 2-minute window on the injected
 * clock), and the SAD an approval yields: bound to the credential and the hashes approved, single use, short-lived.
 */
import { randomBytes } from 'node:crypto';
import { type IssueCertificate, makeCertifiedKey, type SigningKey, signDigest } from '../mssp/keys.ts';

export const PROVIDERS = ['smartca', 'mysign'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export const APPROVAL_WINDOW_SECONDS = 120;
export const SAD_SECONDS = 300;
export const TOKEN_SECONDS = 3600;
export const APP_PIN_TRIES = 5;

export interface RemoteUser {
  provider: ProviderId;
  idNumber: string;
  fullName: string;
  phoneNumber: string;
  pin: string;
  credentialID: string;
  key: SigningKey;
  wrongPins: number;
}

export type AuthorizationState = 'pending' | 'approved' | 'declined' | 'expired';

export interface Authorization {
  responseID: string;
  provider: ProviderId;
  credentialID: string;
  phoneNumber: string;
  description: string;
  hashes: string[];
  numSignatures: number;
  createdAt: Date;
  expiresAt: Date;
  state: AuthorizationState;
  sad?: { value: string; expiresAt: Date; remaining: number };
}

export interface AppNotification {
  requestId: string;
  provider: ProviderId;
  text: string;
  at: string;
}

export type AppAnswer = { pin: string } | { cancel: true };
export type AppOutcome =
  | { outcome: 'approved' }
  | { outcome: 'wrong_pin'; triesLeft: number }
  | { outcome: 'declined' }
  | { outcome: 'not_found' };

/** Each provider's certificates come from the CA that runs it (VNPT SmartCA, Viettel MySign). */
const CA_OF = { smartca: 'vnpt', mysign: 'viettel' } as const;

export type RemoteSigningService = ReturnType<typeof createRemoteSigningService>;

export function createRemoteSigningService(options: {
  now: () => Date;
  issue: IssueCertificate;
  random?: (bytes: number) => Uint8Array;
}) {
  const { now } = options;
  const random = options.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const token = (bytes = 24) => Buffer.from(random(bytes)).toString('base64url');
  const users = new Map<string, RemoteUser>(); // `${provider}:${idNumber}`
  const credentials = new Map<string, RemoteUser>(); // credentialID
  const authorizations = new Map<string, Authorization>();
  /** Indexes so a phone's notifications and a SAD's authorisation are found without walking all of them. */
  const byPhone = new Map<string, Set<string>>();
  const bySad = new Map<string, string>();
  const accessTokens = new Map<string, { provider: ProviderId; clientId: string; expiresAt: Date }>();

  const settle = (a: Authorization) => {
    if (a.state === 'pending' && now().getTime() >= a.expiresAt.getTime()) a.state = 'expired';
    return a;
  };
  const forget = () => {
    const before = now().getTime() - 15 * 60_000;
    for (const [id, a] of authorizations) {
      // Insertion order is creation order: the first one still young ends the sweep.
      if (a.expiresAt.getTime() >= before) break;
      authorizations.delete(id);
      if (a.sad) bySad.delete(a.sad.value);
      const ids = byPhone.get(a.phoneNumber);
      ids?.delete(id);
      if (ids?.size === 0) byPhone.delete(a.phoneNumber);
    }
    for (const [value, t] of accessTokens)
      if (t.expiresAt.getTime() < now().getTime()) accessTokens.delete(value);
  };

  return {
    /** Creates (again: a new key and certificate) the user's credential at that provider. */
    async addUser(input: Omit<RemoteUser, 'credentialID' | 'key' | 'wrongPins'>): Promise<RemoteUser> {
      const previous = users.get(`${input.provider}:${input.idNumber}`);
      if (previous) credentials.delete(previous.credentialID);
      const key = await makeCertifiedKey(options.issue, input, CA_OF[input.provider]);
      const user: RemoteUser = { ...input, credentialID: token(16), key, wrongPins: 0 };
      users.set(`${input.provider}:${input.idNumber}`, user);
      credentials.set(user.credentialID, user);
      return user;
    },

    users: () => [...users.values()],

    issueToken(provider: ProviderId, clientId: string) {
      forget();
      const value = token(32);
      accessTokens.set(value, {
        provider,
        clientId,
        expiresAt: new Date(now().getTime() + TOKEN_SECONDS * 1000),
      });
      return { access_token: value, token_type: 'Bearer' as const, expires_in: TOKEN_SECONDS };
    },

    tokenValid(provider: ProviderId, value: string) {
      const found = accessTokens.get(value);
      return Boolean(found && found.provider === provider && found.expiresAt.getTime() > now().getTime());
    },

    credentialsOf: (provider: ProviderId, userID: string) => {
      const user = users.get(`${provider}:${userID}`);
      return user ? [user] : [];
    },

    credential(provider: ProviderId, credentialID: string) {
      const user = credentials.get(credentialID);
      return user && user.provider === provider ? user : undefined;
    },

    /** Puts the request on the user's phone; the caller polls it with its responseID. */
    authorize(user: RemoteUser, input: { hashes: string[]; numSignatures: number; description: string }) {
      forget();
      const createdAt = now();
      const authorization: Authorization = {
        responseID: token(18),
        provider: user.provider,
        credentialID: user.credentialID,
        phoneNumber: user.phoneNumber,
        description: input.description,
        hashes: input.hashes,
        numSignatures: input.numSignatures,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + APPROVAL_WINDOW_SECONDS * 1000),
        state: 'pending',
      };
      authorizations.set(authorization.responseID, authorization);
      const ids = byPhone.get(user.phoneNumber) ?? new Set<string>();
      byPhone.set(user.phoneNumber, ids.add(authorization.responseID));
      return authorization;
    },

    authorization(provider: ProviderId, responseID: string) {
      const found = authorizations.get(responseID);
      return found && found.provider === provider ? settle(found) : undefined;
    },

    /** Signs with the SAD: the same credential and only hashes the user approved, within its life and count. */
    signHash(user: RemoteUser, sad: string, hashes: string[]): Uint8Array[] | 'invalid_sad' {
      const found = authorizations.get(bySad.get(sad) ?? '');
      const approved = found?.credentialID === user.credentialID ? found : undefined;
      const grant = approved?.sad;
      if (
        !approved ||
        !grant ||
        grant.expiresAt.getTime() <= now().getTime() ||
        grant.remaining < hashes.length
      )
        return 'invalid_sad';
      if (!hashes.every((h) => approved.hashes.includes(h))) return 'invalid_sad';
      grant.remaining -= hashes.length;
      return hashes.map((h) => signDigest(user.key.privateKey, new Uint8Array(Buffer.from(h, 'base64'))));
    },

    /** The notifications waiting in the provider apps on a phone, oldest first. */
    notifications(phoneNumber: string): AppNotification[] {
      return [...(byPhone.get(phoneNumber) ?? [])]
        .map((id) => authorizations.get(id)!)
        .filter((a) => settle(a).state === 'pending')
        .map((a) => ({
          requestId: a.responseID,
          provider: a.provider,
          text: a.description,
          at: a.createdAt.toISOString(),
        }));
    },

    answer(phoneNumber: string, requestId: string, answer: AppAnswer): AppOutcome {
      const found = authorizations.get(requestId);
      if (!found || found.phoneNumber !== phoneNumber || settle(found).state !== 'pending')
        return { outcome: 'not_found' };
      const user = credentials.get(found.credentialID);
      if (!user) return { outcome: 'not_found' };
      if ('cancel' in answer) {
        found.state = 'declined';
        return { outcome: 'declined' };
      }
      if (answer.pin !== user.pin) {
        user.wrongPins += 1;
        if (user.wrongPins >= APP_PIN_TRIES) {
          user.wrongPins = 0;
          found.state = 'declined';
          return { outcome: 'declined' };
        }
        return { outcome: 'wrong_pin', triesLeft: APP_PIN_TRIES - user.wrongPins };
      }
      user.wrongPins = 0;
      found.state = 'approved';
      found.sad = {
        value: token(32),
        expiresAt: new Date(now().getTime() + SAD_SECONDS * 1000),
        remaining: found.numSignatures,
      };
      bySad.set(found.sad.value, found.responseID);
      return { outcome: 'approved' };
    },
  };
}
