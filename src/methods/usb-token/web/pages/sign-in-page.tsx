/** Sign-in with a certificate, and adding one to the account: the signer, then the identity and one button. */
import { Csrf, ErrorSummary, Notice, SubmitButton } from '../../../../web/pages/kit/components.tsx';
import type { PageContext } from '../../../../web/pages/kit/context.ts';
import { errorFor, type ShownError } from '../../../../web/pages/kit/errors.ts';
import { Layout } from '../../../../web/pages/kit/layout.tsx';
import { Needs, SignedChallengeFields, Signer } from './signer.tsx';

export const SIGN_IN_PATH = '/sign-in/certificate';
export const ADD_PATH = '/account/certificates/new';
const FORM = 'certificate-form';

export function CertificateFormPage(view: {
  ctx: PageContext;
  csrf: string;
  agentUrl: string;
  errors: ShownError[];
  notice?: string | undefined;
  title: string;
  lead: string;
  action: string;
  submit: string;
  /** The authorization a portal's sign-in continues. */
  interaction?: string | undefined;
  other: { href: string; text: string };
}) {
  const { ctx, errors } = view;
  return (
    <Layout ctx={ctx} title={view.title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="warning">{view.notice}</Notice> : ''}
      <h1 safe>{view.title}</h1>
      <p class="lead" safe>
        {view.lead}
      </p>
      <Needs ctx={ctx} otherHref={view.other.href} otherText={view.other.text} />
      <Signer ctx={ctx} agentUrl={view.agentUrl} form={FORM} error={errorFor(errors, 'signature')} />
      <form method="post" action={view.action} id={FORM} novalidate hidden>
        <Csrf token={view.csrf} />
        {view.interaction ? <input type="hidden" name="interaction" value={view.interaction} /> : ''}
        <SignedChallengeFields ctx={ctx} />
        <SubmitButton>{view.submit}</SubmitButton>
      </form>
      <p>
        <a href={view.other.href} safe>
          {view.other.text}
        </a>
      </p>
    </Layout>
  );
}
