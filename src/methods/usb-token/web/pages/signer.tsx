/**
 * What the three certificate pages share (register, sign in, add to the account): the part the client module
 * drives (find the token's certificates through the local agent, choose one, PIN, sign the hub's challenge),
 * the identity read from the chosen certificate for the citizen to check, and the hidden fields the signed
 * challenge travels in with the page's ordinary form. Without JavaScript the signer stays hidden and the page
 * says what is needed instead. Every text the module shows is rendered here, in the page's language.
 */
import type { PageContext } from '../../../../web/pages/kit/context.ts';
import { clientModule } from '../client/assets.ts';

/** The agent's own HTTPS origin (where a citizen accepts its loopback certificate once). */
export function agentOrigin(agentUrl: string): string | undefined {
  try {
    const url = new URL(agentUrl);
    return `${url.protocol === 'ws:' ? 'http:' : 'https:'}//${url.host}/`;
  } catch {
    return undefined;
  }
}

/** What a citizen needs, and, without JavaScript, that the page cannot work and where to go instead. */
export function Needs(props: { ctx: PageContext; otherHref: string; otherText: string }) {
  const t = props.ctx.m.usbToken;
  return (
    <>
      <section aria-labelledby="needs-title">
        <h2 id="needs-title">{t.needsTitle}</h2>
        <ul>
          <li>{t.needsToken}</li>
          <li>{t.needsAgent}</li>
          <li>{t.needsPin}</li>
          <li>{t.needsComputer}</li>
        </ul>
      </section>
      <div class="notice notice-warning" data-usb-nojs>
        <h2>{t.noScriptTitle}</h2>
        <p>{t.noScript}</p>
        <p>
          <a href={props.otherHref} safe>
            {props.otherText}
          </a>
        </p>
      </div>
    </>
  );
}

/** Steps 1 and 2: the certificates on the token and the PIN; `form` is the id of the form the result goes to. */
export function Signer(props: {
  ctx: PageContext;
  agentUrl: string;
  form: string;
  error?: string | undefined;
}) {
  const { ctx } = props;
  const t = ctx.m.usbToken;
  const origin = agentOrigin(props.agentUrl);
  return (
    <div
      id="usb-signer"
      data-usb-token
      data-agent-url={props.agentUrl}
      data-challenge-url="/api/v1/certificate-challenges"
      data-form={props.form}
      data-lang={ctx.lang}
      tabindex="-1"
      hidden
    >
      <div
        hidden
        data-usb-texts
        data-connecting={t.connecting}
        data-agent-unreachable={t.agentUnreachable}
        data-token-absent={t.tokenAbsent}
        data-no-certificates={t.noCertificates}
        data-certificate-not-found={t.certificateNotFound}
        data-agent-error={t.agentError}
        data-issued-by={t.issuedBy}
        data-choose-required={t.chooseRequired}
        data-pin-required={t.pinRequired}
        data-signing={t.signing}
        data-pin-incorrect={t.pinIncorrect}
        data-pin-locked={t.pinLocked}
        data-challenge-failed={t.challengeFailed}
        data-signed={t.signed}
      />
      <h2>{t.step1}</h2>
      {props.error ? (
        <p class="error-message">
          <span class="visually-hidden">{ctx.m.common.errorPrefix}: </span>
          <span safe>{props.error}</span>
        </p>
      ) : (
        ''
      )}
      <div class="notice" role="status" aria-live="polite" data-usb-status hidden />
      <div data-usb-unreachable hidden>
        <p>{t.localNetwork}</p>
        {origin ? (
          <p>
            {t.trustAgent}{' '}
            <a href={origin} target="_blank" rel="noopener" safe>
              {origin}
            </a>
          </p>
        ) : (
          ''
        )}
      </div>
      <p>
        <button type="button" class="button button-secondary" data-usb-find data-again={t.findAgain}>
          {t.find}
        </button>
      </p>
      <fieldset class="field" data-usb-certificates hidden>
        <legend>{t.certificatesLegend}</legend>
        <div data-usb-list />
      </fieldset>
      <div data-usb-pin-step hidden>
        <h2>{t.step2}</h2>
        <div class="field">
          <label for="usb-pin">{t.pin}</label>
          <p class="hint" id="usb-pin-hint">
            {t.pinHint}
          </p>
          <input
            class="input input-short"
            id="usb-pin"
            type="password"
            autocomplete="off"
            inputmode="numeric"
            spellcheck="false"
            aria-describedby="usb-pin-hint"
          />
        </div>
        <p>
          <button type="button" class="button" data-usb-sign>
            {t.sign}
          </button>
        </p>
      </div>
      <script type="module" src={clientModule().url} />
    </div>
  );
}

/** The identity read from the chosen certificate (filled in by the module once signed) and the signed challenge. */
export function SignedChallengeFields(props: { ctx: PageContext }) {
  const t = props.ctx.m.usbToken;
  return (
    <>
      <input type="hidden" name="challengeId" value="" data-usb-challenge-id />
      <input type="hidden" name="signedData" value="" data-usb-signed-data />
      <section aria-labelledby="identity-title" data-usb-identity hidden>
        <h2 id="identity-title" tabindex="-1">
          {t.identityTitle}
        </h2>
        <dl class="summary-list">
          <div>
            <dt>{t.name}</dt>
            <dd data-usb-name />
          </div>
          <div>
            <dt>{t.idNumber}</dt>
            <dd data-usb-uid />
          </div>
          <div>
            <dt>{t.ca}</dt>
            <dd data-usb-issuer />
          </div>
          <div>
            <dt>{t.validUntil}</dt>
            <dd data-usb-valid-until />
          </div>
        </dl>
        <p>{t.identityCheck}</p>
      </section>
    </>
  );
}
