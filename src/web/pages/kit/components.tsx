/** The building blocks of the forms: error summary, fields with hint and error, notices, buttons. */
import type { Children } from '@kitajs/html';
import type { PageContext } from './context.ts';
import type { ShownError } from './errors.ts';

export function ErrorSummary(props: { ctx: PageContext; errors: ShownError[] }) {
  if (props.errors.length === 0) return '';
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title">{props.ctx.m.common.errorSummaryTitle}</h2>
      <ul>
        {props.errors.map((error) => (
          <li>
            <a href={`#${error.field}`} safe>
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice(props: { children: Children; tone?: 'success' | 'info' | 'warning' }) {
  return (
    <div class={`notice notice-${props.tone ?? 'info'}`} role="status">
      {props.children}
    </div>
  );
}

export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

interface FieldProps {
  ctx: PageContext;
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value?: string;
  required?: boolean;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  width?: 'short' | 'medium' | 'full';
  spellcheck?: boolean;
  describedBy?: string;
  maxLength?: number;
}

export function TextField(props: FieldProps) {
  const describedBy = [
    props.hint && `${props.id}-hint`,
    props.error && `${props.id}-error`,
    props.describedBy,
  ].filter(Boolean);
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={props.id}>
        <span safe>{props.label}</span>
        {props.required ? <span class="required"> {props.ctx.m.common.required}</span> : ''}
      </label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      {props.error ? (
        <p class="error-message" id={`${props.id}-error`}>
          <span class="visually-hidden">{props.ctx.m.common.errorPrefix}: </span>
          <span safe>{props.error}</span>
        </p>
      ) : (
        ''
      )}
      <input
        class={`input input-${props.width ?? 'full'}`}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        aria-required={props.required ? 'true' : undefined}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxLength}
        spellcheck={props.spellcheck === false ? 'false' : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy.length ? describedBy.join(' ') : undefined}
      />
    </div>
  );
}

/** A password field with a show/hide button that the script reveals (without JavaScript it stays hidden). */
export function PasswordField(props: Omit<FieldProps, 'type' | 'value'>) {
  return (
    <div class="password-field">
      <TextField {...props} type="password" spellcheck={false} />
      <button
        type="button"
        class="button-link toggle-password"
        data-toggle-password={props.id}
        data-show={props.ctx.m.common.showPassword}
        data-hide={props.ctx.m.common.hidePassword}
        aria-controls={props.id}
        hidden
      >
        {props.ctx.m.common.showPassword}
      </button>
    </div>
  );
}

export function SubmitButton(props: {
  children: Children;
  name?: string;
  value?: string;
  secondary?: boolean;
  noValidate?: boolean;
}) {
  return (
    <button
      type="submit"
      class={props.secondary ? 'button button-secondary' : 'button'}
      name={props.name}
      value={props.value}
      formnovalidate={props.noValidate}
    >
      {props.children}
    </button>
  );
}
