/**
 * The certificate journeys' refusals, one page per code: what happened (the problem's own title and detail, in
 * the citizen's language) and the ways forward that fit it: sign again, sign in and add the certificate (an
 * account exists), register with it (no account holds it), another method. A plain GET page: a reload repeats
 * nothing. Nothing personal in its address.
 */
import type { FastifyInstance } from 'fastify';
import type { Failure } from '../../../../usecases/outcome.ts';
import type { PageContext } from '../../../../web/pages/kit/context.ts';
import type { PageDeps } from '../../../../web/pages/kit/deps.ts';
import { Layout } from '../../../../web/pages/kit/layout.tsx';
import { seeOther, sendPage } from '../../../../web/pages/kit/reply.ts';
import { format } from '../../../../web/pages/messages.ts';

export type CertificateJourney = 'registration' | 'sign-in' | 'account';

const JOURNEYS: Record<CertificateJourney, string> = {
  registration: '/register/usb-token',
  'sign-in': '/sign-in/certificate',
  account: '/account/certificates/new',
};

/** Codes a certificate journey may end in besides the form's own errors. */
const CODES = new Set([
  'SIGNATURE_INVALID',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_REVOKED',
  'CERTIFICATE_NO_IDENTITY',
  'CHALLENGE_INVALID',
  'REVOCATION_UNAVAILABLE',
  'ACCOUNT_EXISTS',
  'ORGANISATION_NOT_ACTIVE',
  'BUSINESS_REGISTRY_UNAVAILABLE',
  'POPULATION_UNAVAILABLE',
  'CERTIFICATE_NOT_REGISTERED',
  'CERTIFICATE_NOT_YOURS',
  'CERTIFICATE_IN_USE',
  'RATE_LIMITED',
]);

const UID = /^[\w-]{10,64}$/;

export function refusedPath(failure: Failure, journey: CertificateJourney, interaction?: string): string {
  const code = CODES.has(failure.code) ? failure.code : 'SIGNATURE_INVALID';
  const query = new URLSearchParams({ journey });
  if (interaction && UID.test(interaction)) query.set('interaction', interaction);
  return `/usb-token/refused/${code}?${query}`;
}

function RefusedPage(props: {
  ctx: PageContext;
  code: string;
  journey: CertificateJourney;
  interaction?: string;
}) {
  const { ctx, code, journey } = props;
  const problem = (ctx.api.problems as Record<string, { title: string; detail: string } | undefined>)[code];
  const r = ctx.m.usbTokenRefusal;
  const again =
    journey === 'sign-in' && props.interaction
      ? `${JOURNEYS[journey]}?interaction=${encodeURIComponent(props.interaction)}`
      : JOURNEYS[journey];
  const unavailable = code.endsWith('_UNAVAILABLE');
  return (
    <Layout ctx={ctx} title={problem?.title ?? code}>
      <h1 safe>{problem?.title ?? code}</h1>
      <p safe>{format(problem?.detail ?? '', { retryAfter: 30 })}</p>
      {unavailable ? <p>{r.nothingKept}</p> : ''}
      {code === 'ACCOUNT_EXISTS' ? <p>{r.addLater}</p> : ''}
      <ul class="actions-list">
        {code === 'ACCOUNT_EXISTS' ? (
          <li>
            <a href="/sign-in">{r.signIn}</a>
          </li>
        ) : (
          ''
        )}
        {code === 'CERTIFICATE_NOT_REGISTERED' ? (
          <li>
            <a href="/register/usb-token">{ctx.m.usbTokenSignIn.registerWithIt}</a>
          </li>
        ) : (
          ''
        )}
        <li>
          <a href={again}>{r.tryAgain}</a>
        </li>
        {journey === 'registration' ? (
          <li>
            <a href="/register">{ctx.m.usbToken.otherMethods}</a>
          </li>
        ) : journey === 'sign-in' ? (
          <li>
            <a href="/sign-in">{ctx.m.usbTokenSignIn.passwordInstead}</a>
          </li>
        ) : (
          <li>
            <a href="/account">{ctx.m.usbTokenAccount.back}</a>
          </li>
        )}
      </ul>
    </Layout>
  );
}

export async function refusedPage(app: FastifyInstance, deps: PageDeps) {
  app.get('/usb-token/refused/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const query = request.query as Record<string, string | undefined>;
    if (!CODES.has(code)) return seeOther(reply, '/');
    const journey: CertificateJourney =
      query.journey === 'sign-in' || query.journey === 'account' ? query.journey : 'registration';
    const interaction = query.interaction && UID.test(query.interaction) ? query.interaction : undefined;
    return sendPage(
      reply,
      RefusedPage({ ctx: deps.context(request), code, journey, ...(interaction && { interaction }) }),
    );
  });
}
