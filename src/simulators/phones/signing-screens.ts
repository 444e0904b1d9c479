/**
 * The virtual phone's signing screens (methods.md, "SIM signature" and "Remote (personal) signature"): the SIM
 * Toolkit prompt a mobile-signature request puts on the SIM (text with the display code, SIM PIN, OK / Cancel)
 * and the notification a remote-signing provider's app shows (provider, text, app PIN, Approve / Decline). JSON
 * for tests and benchmarks, and the same actions as plain forms on the phone's page (no JavaScript needed).
 * The phones know the partners only through these two small interfaces.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import { langOf, type PhoneLang, PROVIDER_NAMES, phoneTexts } from './signing-texts.ts';

export type ScreenAnswer = { pin: string } | { cancel: true };
export type ScreenOutcome =
  | { outcome: 'signed' | 'approved' | 'blocked' | 'cancelled' | 'declined' | 'not_found' }
  | { outcome: 'wrong_pin'; triesLeft: number };

export interface SimToolkitScreen {
  pending(phone: string): Array<{ requestId: string; text: string; at: string }>;
  answer(phone: string, requestId: string, answer: ScreenAnswer): ScreenOutcome;
}
export interface SigningAppScreen {
  pending(phone: string): Array<{ requestId: string; provider: string; text: string; at: string }>;
  answer(phone: string, requestId: string, answer: ScreenAnswer): ScreenOutcome;
}
export interface SigningScreens {
  simToolkit?: SimToolkitScreen;
  signingApp?: SigningAppScreen;
}

const PIN = /^\d{4,8}$/;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Reads `{ pin }` / `{ cancel: true }` from JSON, or `pin=…` / `cancel=true` from a form. */
function answerOf(body: unknown): ScreenAnswer | 'invalid' {
  const fields = (body ?? {}) as Record<string, unknown>;
  if (fields.cancel === true || fields.cancel === 'true') return { cancel: true };
  const pin = typeof fields.pin === 'string' ? fields.pin.trim() : '';
  return PIN.test(pin) ? { pin } : 'invalid';
}

export async function signingScreenRoutes(app: FastifyInstance, screens: SigningScreens) {
  const phoneOf = (raw: string, reply: FastifyReply) => {
    const parsed = normalizeMobileNumber(decodeURIComponent(raw));
    if (parsed.ok) return parsed.value.e164;
    void reply.code(400).send({ error: 'not a Vietnamese mobile number' });
    return undefined;
  };
  const isForm = (request: FastifyRequest) =>
    (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

  const mount = (name: 'sim-toolkit' | 'signing-app', screen: SimToolkitScreen | SigningAppScreen) => {
    app.get<{ Params: { phone: string } }>(
      `/sim/phones/:phone/${name}`,
      { schema: { hide: true } },
      async (request, reply) => {
        const phone = phoneOf(request.params.phone, reply);
        if (!phone) return reply;
        return screen.pending(phone);
      },
    );
    app.post<{ Params: { phone: string; requestId: string }; Querystring: { lang?: string } }>(
      `/sim/phones/:phone/${name}/:requestId`,
      { schema: { hide: true } },
      async (request, reply) => {
        const phone = phoneOf(request.params.phone, reply);
        if (!phone) return reply;
        const answer = answerOf(request.body);
        const result: ScreenOutcome | { outcome: 'pin_invalid' } =
          answer === 'invalid'
            ? { outcome: 'pin_invalid' }
            : screen.answer(phone, request.params.requestId, answer);
        if (isForm(request)) {
          // Post/redirect/get: the phone's page says what happened.
          const query = new URLSearchParams({ lang: langOf(request.query.lang), result: result.outcome });
          if (result.outcome === 'wrong_pin') query.set('triesLeft', String(result.triesLeft));
          return reply.redirect(`/sim/phones/${encodeURIComponent(phone)}?${query}#${name}`, 303);
        }
        if (result.outcome === 'pin_invalid')
          return reply.code(422).send({ error: 'pin is 4 to 8 digits, or cancel: true' });
        if (result.outcome === 'not_found')
          return reply.code(404).send({ error: 'no such pending request on this phone' });
        return result;
      },
    );
  };
  if (screens.simToolkit) mount('sim-toolkit', screens.simToolkit);
  if (screens.signingApp) mount('signing-app', screens.signingApp);
}

/** What the last action did, from the redirect's query, as a status line. */
function resultLine(lang: PhoneLang, query: { result?: string; triesLeft?: string }) {
  const t = phoneTexts(lang);
  const messages: Record<string, string> = {
    signed: t.signed,
    approved: t.approved,
    blocked: t.blocked,
    cancelled: t.cancelled,
    declined: t.declined,
    not_found: t.gone,
    pin_invalid: t.pinInvalid,
    wrong_pin: t.wrongPin(Number(query.triesLeft) || 0),
  };
  const message = query.result ? messages[query.result] : undefined;
  return message ? `<p class="notice" role="status">${escapeHtml(message)}</p>` : '';
}

/** The signing screens' part of the phone's page: every pending request with its forms. */
export function signingScreensHtml(
  screens: SigningScreens,
  phone: string,
  lang: PhoneLang,
  query: { result?: string; triesLeft?: string },
) {
  const t = phoneTexts(lang);
  const base = `/sim/phones/${encodeURIComponent(phone)}`;
  const time = (at: string) =>
    `<time datetime="${escapeHtml(at)}">${escapeHtml(at.replace('T', ' ').slice(0, 19))} UTC</time>`;
  const forms = (
    kind: 'sim-toolkit' | 'signing-app',
    requestId: string,
    pinLabel: string,
    ok: string,
    cancel: string,
  ) => {
    const action = `${base}/${kind}/${encodeURIComponent(requestId)}?lang=${lang}`;
    const id = `${kind}-pin-${escapeHtml(requestId)}`;
    return `<form method="post" action="${action}"><label for="${id}">${escapeHtml(pinLabel)}</label>
<input id="${id}" name="pin" type="password" inputmode="numeric" autocomplete="off" pattern="[0-9]{4,8}" minlength="4" maxlength="8" required>
<button type="submit">${escapeHtml(ok)}</button></form>
<form method="post" action="${action}" class="secondary"><input type="hidden" name="cancel" value="true"><button type="submit">${escapeHtml(cancel)}</button></form>`;
  };
  const sections: string[] = [resultLine(lang, query)];
  if (screens.simToolkit) {
    const prompts = screens.simToolkit.pending(phone);
    if (prompts.length > 0)
      sections.push(`<section id="sim-toolkit" aria-labelledby="sim-toolkit-title" class="screen"><h2 id="sim-toolkit-title">${escapeHtml(t.simToolkit)}</h2>
${prompts
  .map(
    (
      p,
    ) => `<article class="prompt"><p class="prompt-text">${escapeHtml(p.text)}</p><p class="meta">${escapeHtml(t.requestedAt)} ${time(p.at)}</p>
${forms('sim-toolkit', p.requestId, t.simPin, t.ok, t.cancel)}</article>`,
  )
  .join('')}</section>`);
  }
  if (screens.signingApp) {
    const notifications = screens.signingApp.pending(phone);
    if (notifications.length > 0)
      sections.push(`<section id="signing-app" aria-labelledby="signing-app-title" class="screen"><h2 id="signing-app-title">${escapeHtml(t.signingApp)}</h2>
${notifications
  .map(
    (
      n,
    ) => `<article class="prompt"><p class="provider">${escapeHtml(PROVIDER_NAMES[n.provider] ?? n.provider)}</p><p class="prompt-text">${escapeHtml(n.text)}</p><p class="meta">${escapeHtml(t.requestedAt)} ${time(n.at)}</p>
${forms('signing-app', n.requestId, t.appPin, t.approve, t.decline)}</article>`,
  )
  .join('')}</section>`);
  }
  return sections.join('\n');
}

/** Styles of the signing screens, added to the phones' stylesheet. */
export const SIGNING_SCREENS_STYLE = `.screen{background:#fff;border:2px solid #1b1f23;border-radius:12px;padding:.8rem;margin:1rem 0}
.screen h2{margin-top:0;font-size:1.1rem}.prompt{border-top:1px solid #d0d7de;padding-top:.6rem;margin-top:.6rem}
.prompt-text{font-size:1.1rem;font-weight:600}.provider{font-weight:700;color:#0b5cad;margin:0}
form.secondary{background:none;border:0;padding:.3rem 0}form.secondary button{background:#fff;color:#1b1f23;border:1px solid #57606a;width:100%}
.notice{background:#fff8c5;border:1px solid #9a6700;border-radius:8px;padding:.6rem .8rem}`;
