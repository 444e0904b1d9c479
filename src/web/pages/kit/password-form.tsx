/**
 * The password fields, shared by "set your password", "reset your password" and "change your password":
 * the rules as a checklist (ticked live by the script, marked from the server's answer without it), a
 * strength meter and show/hide buttons that the script reveals. Two rules only the server can check (not a
 * common password, no personal data): the script asks POST /api/v1/password-checks for them while the
 * citizen types; without it they say they are checked on continuing, never that they are unmet.
 */

import { Csrf, ErrorSummary, PasswordField, SubmitButton } from './components.tsx';
import type { PageContext } from './context.ts';
import { errorFor, type ShownError } from './errors.ts';
import { Layout } from './layout.tsx';

/** Each rule of the checklist, and the policy codes (domain/password.ts) that mean it is not met. */
const RULES = [
  { rule: 'length', key: 'ruleLength', codes: ['TOO_SHORT', 'TOO_LONG'], server: false },
  { rule: 'upper', key: 'ruleUpper', codes: ['NO_UPPERCASE'], server: false },
  { rule: 'lower', key: 'ruleLower', codes: ['NO_LOWERCASE'], server: false },
  { rule: 'digit', key: 'ruleDigit', codes: ['NO_DIGIT'], server: false },
  { rule: 'special', key: 'ruleSpecial', codes: ['NO_SPECIAL'], server: false },
  { rule: 'personal', key: 'rulePersonal', codes: ['CONTAINS_PERSONAL_DATA'], server: true },
  { rule: 'common', key: 'ruleCommon', codes: ['TOO_COMMON', 'TOO_COMMON_BASE'], server: true },
] as const;

export const PASSWORD_CHECK_URL = '/api/v1/password-checks';

export interface PasswordFormView {
  ctx: PageContext;
  csrf: string;
  title: string;
  lead: string;
  action: string;
  submit: string;
  errors: ShownError[];
  /** Policy codes of the last answer, to mark the unmet rules without JavaScript. */
  failedCodes: string[];
  /** What names the journey in a live check (its registration or recovery id; none for the session). */
  checkJourney: Record<string, string>;
  /** The name of the new password field: `password` in registration, `newPassword` elsewhere. */
  passwordField: 'password' | 'newPassword';
  askCurrent?: boolean;
  cancelHref?: string;
}

export function PasswordFormPage(view: PasswordFormView) {
  const { ctx, errors } = view;
  const p = ctx.m.password;
  const failed = new Set(view.failedCodes);
  return (
    <Layout ctx={ctx} title={view.title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 safe>{view.title}</h1>
      <p class="lead" safe>
        {view.lead}
      </p>
      <form method="post" action={view.action} novalidate>
        <Csrf token={view.csrf} />
        {view.askCurrent ? (
          <PasswordField
            ctx={ctx}
            id="currentPassword"
            label={p.currentPassword}
            error={errorFor(errors, 'currentPassword')}
            required
            autocomplete="current-password"
          />
        ) : (
          ''
        )}
        <PasswordField
          ctx={ctx}
          id={view.passwordField}
          label={view.passwordField === 'password' ? p.password : p.newPassword}
          error={errorFor(errors, view.passwordField)}
          required
          autocomplete="new-password"
          describedBy="password-rules"
        />
        <div class="rules" id="password-rules">
          <p>{p.rulesTitle}</p>
          <ul
            data-rules-for={view.passwordField}
            data-check-url={PASSWORD_CHECK_URL}
            data-check-journey={JSON.stringify(view.checkJourney)}
          >
            {RULES.map(({ rule, key, codes, server }) => {
              const unmet = codes.some((code) => failed.has(code));
              return (
                <li data-rule={rule} class={unmet ? 'rule-unmet' : undefined} data-codes={codes.join(' ')}>
                  {p[key]}
                  {server && !unmet ? (
                    <span class="rule-note" data-rule-note>
                      {' '}
                      {p.checkedOnContinue}
                    </span>
                  ) : (
                    ''
                  )}
                </li>
              );
            })}
          </ul>
          <p class="visually-hidden" aria-live="polite" data-rules-status />
        </div>
        <div class="strength" data-strength-for={view.passwordField} data-levels={p.strengthLevels} hidden>
          <label for="strength-meter">{p.strength}</label>{' '}
          <meter id="strength-meter" min="0" max="4" low="2" high="3" optimum="4" value="0" />{' '}
          <span data-strength-label aria-live="polite" />
        </div>
        <PasswordField
          ctx={ctx}
          id="confirmPassword"
          label={p.confirmPassword}
          error={errorFor(errors, 'confirmPassword')}
          required
          autocomplete="new-password"
        />
        <div class="actions">
          <SubmitButton>{view.submit}</SubmitButton>
          {view.cancelHref ? <a href={view.cancelHref}>{ctx.m.changePassword.cancel}</a> : ''}
        </div>
      </form>
    </Layout>
  );
}

export const passwordLabels = (ctx: PageContext): Record<string, string> => ({
  password: ctx.m.password.password,
  newPassword: ctx.m.password.newPassword,
  confirmPassword: ctx.m.password.confirmPassword,
  currentPassword: ctx.m.password.currentPassword,
});
