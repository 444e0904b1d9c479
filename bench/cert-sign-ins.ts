/**
 * Certificate sign-ins in the bench (issue 15): holders of accounts who added a certificate from the test PKI
 * (signed in by password once, `POST /api/v1/me/certificates`), each signing in with it back to back: a fresh
 * challenge, the nonce signed as the local agent signs it (CMS SignedData, detached, signed attributes, EC P-256),
 * `POST /api/v1/sessions/certificate`. What the hub does per sign-in is the pipeline's: the CMS signature, the
 * chain to the trust anchor, revocation (OCSP, cached for its validity: after the first sign-in of a certificate
 * it is a cache hit), the account by the certificate's fingerprint, the session. The client's signing runs on the
 * same machine; the rate counts completed sign-ins, the p99 is the sign-in request's alone.
 */
import { type IssuedCertificate, signNonce } from '../test/api/usb-token-support.ts';
import { request } from './http.ts';
import { Jar } from './hub-flows.ts';

export interface CertificateHolder {
  issued: IssuedCertificate;
  accountId: string;
}

async function postJson(url: string, body: unknown, jar?: Jar) {
  const answer = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...jar?.header() },
    body: JSON.stringify(body),
  });
  jar?.keep(answer);
  return {
    status: answer.status,
    body: (answer.text ? JSON.parse(answer.text) : {}) as Record<string, unknown>,
  };
}

async function challengeSigned(base: string, issued: IssuedCertificate) {
  const challenge = await request(`${base}/api/v1/certificate-challenges`, { method: 'POST' });
  if (challenge.status !== 201) throw new Error(`challenge answered ${challenge.status}`);
  const { challengeId, nonce } = JSON.parse(challenge.text) as { challengeId: string; nonce: string };
  return { challengeId, signedData: await signNonce(nonce, issued) };
}

/**
 * Accounts (username = a 12-digit ID number, signed in with `password`) given a certificate each: issued by the
 * test PKI at `pkiUrl` (the dev API `/sim/ca/certificates`) and added through the hub's API.
 */
export async function certificateHolders(
  base: string,
  pkiUrl: string,
  accounts: Array<{ username: string; fullName?: string }>,
  password: string,
): Promise<CertificateHolder[]> {
  return Promise.all(
    accounts.map(async (account) => {
      const jar = new Jar();
      const signedIn = await postJson(
        `${base}/api/v1/sessions`,
        { username: account.username, password },
        jar,
      );
      if (signedIn.status !== 201) throw new Error(`bench sign-in answered ${signedIn.status}`);
      const issued = await postJson(`${pkiUrl}/sim/ca/certificates`, {
        idNumber: account.username,
        fullName: account.fullName ?? 'Nguyễn Văn Bench',
        keyType: 'ec',
      });
      if (issued.status !== 201) throw new Error(`the test PKI answered ${issued.status}`);
      const certificate = issued.body as unknown as IssuedCertificate;
      const added = await postJson(
        `${base}/api/v1/me/certificates`,
        await challengeSigned(base, certificate),
        jar,
      );
      if (added.status !== 201 && added.status !== 200)
        throw new Error(`adding the certificate answered ${added.status}: ${JSON.stringify(added.body)}`);
      return { issued: certificate, accountId: String(signedIn.body.accountId) };
    }),
  );
}

export interface CertificateSignInRun {
  signIns: number;
  failures: number;
  /** Each successful sign-in request's duration, ms (the challenge and the client's signing excluded). */
  durations: number[];
  seconds: number;
  firstError?: string;
}

/** Each holder signs in back to back for `seconds`; a failure is counted, not timed, its error kept. */
export async function runCertificateSignIns(
  base: string,
  holders: CertificateHolder[],
  seconds: number,
): Promise<CertificateSignInRun> {
  const run: CertificateSignInRun = { signIns: 0, failures: 0, durations: [], seconds: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    holders.map(async (holder) => {
      while (performance.now() < deadline) {
        try {
          const signed = await challengeSigned(base, holder.issued);
          const sent = performance.now();
          const answer = await postJson(`${base}/api/v1/sessions/certificate`, signed);
          if (answer.status !== 201 || answer.body.accountId !== holder.accountId)
            throw new Error(
              `certificate sign-in answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`,
            );
          run.durations.push(performance.now() - sent);
          run.signIns++;
        } catch (error) {
          run.failures++;
          run.firstError ??= String((error as Error).message ?? error);
        }
      }
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  return run;
}
