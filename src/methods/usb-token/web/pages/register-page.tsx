/** The registration page: what is needed, the signer (steps 1–2), and the form of step 3 (identity, email, captcha, consent). */
import { CaptchaField } from '../../../../web/pages/kit/captcha-field.tsx';
import {
  Csrf,
  ErrorSummary,
  Notice,
  SubmitButton,
  TextField,
} from '../../../../web/pages/kit/components.tsx';
import type { PageContext } from '../../../../web/pages/kit/context.ts';
import { errorFor, type ShownError } from '../../../../web/pages/kit/errors.ts';
import type { FormCaptcha } from '../../../../web/pages/kit/form-captcha.ts';
import { Layout } from '../../../../web/pages/kit/layout.tsx';
import { ConsentField } from '../../../../web/pages/kit/registration-fields.tsx';
import { Needs, SignedChallengeFields, Signer } from './signer.tsx';

export const REGISTER_PATH = '/register/usb-token';
export const REGISTER_FORM = 'certificate-form';

export const registerLabels = (ctx: PageContext): Record<string, string> => ({
  signature: ctx.m.usbToken.sign,
  email: ctx.m.usbToken.email,
  captchaAnswer: ctx.m.captcha.label,
  consent: ctx.m.registrationForm.consentLegend,
});

export function RegisterPage(view: {
  ctx: PageContext;
  csrf: string;
  agentUrl: string;
  values: Record<string, string>;
  errors: ShownError[];
  notice?: string | undefined;
  captcha: FormCaptcha;
  portalLead?: string | undefined;
}) {
  const { ctx, errors, values } = view;
  const t = ctx.m.usbToken;
  return (
    <Layout ctx={ctx} title={t.title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="warning">{view.notice}</Notice> : ''}
      <h1>{t.title}</h1>
      <p class="lead" safe>
        {view.portalLead ?? t.lead}
      </p>
      <Needs ctx={ctx} otherHref="/register" otherText={t.otherMethods} />
      <Signer ctx={ctx} agentUrl={view.agentUrl} form={REGISTER_FORM} error={errorFor(errors, 'signature')} />
      <form method="post" action={REGISTER_PATH} id={REGISTER_FORM} novalidate hidden={errors.length === 0}>
        <Csrf token={view.csrf} />
        <h2>{t.step3}</h2>
        {errors.length > 0 ? <p>{t.signAgain}</p> : ''}
        <SignedChallengeFields ctx={ctx} />
        <TextField
          ctx={ctx}
          id="email"
          label={t.email}
          hint={t.emailHint}
          error={errorFor(errors, 'email')}
          value={values.email ?? ''}
          type="email"
          autocomplete="email"
          spellcheck={false}
        />
        <CaptchaField ctx={ctx} captcha={view.captcha} error={errorFor(errors, 'captchaAnswer')} />
        <ConsentField ctx={ctx} text={t.consent} checked={values.consent === 'yes'} errors={errors} />
        <SubmitButton>{t.submit}</SubmitButton>
      </form>
      <p>
        <a href="/register">{t.otherMethods}</a>
      </p>
    </Layout>
  );
}
