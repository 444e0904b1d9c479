/** A sample service's request form (post/redirect/get, errors kept in the session) and its receipt. */
import type { FieldSpec, ServiceDefinition } from './definition.ts';
import { Layout, type PortalPageContext } from './layout.tsx';
import { shownClaim } from './pages.tsx';
import type { FormFlash, SignedInCitizen } from './sessions.ts';

/** Checks a posted form against the service's fields: the entries to keep, and an error per bad field. */
export function validateServiceForm(
  ctx: PortalPageContext,
  service: ServiceDefinition,
  body: Record<string, unknown>,
): FormFlash {
  const entries: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of service.fields) {
    const raw = body[field.name];
    const value = typeof raw === 'string' ? raw.trim() : '';
    entries[field.name] = value.slice(0, 1000);
    const error = fieldError(ctx, field, value);
    if (error) errors[field.name] = error;
  }
  return { entries, errors };
}

function fieldError(ctx: PortalPageContext, field: FieldSpec, value: string): string | undefined {
  const { service: t } = ctx.t;
  if (field.kind === 'choice') return field.options.includes(value) ? undefined : t.chooseOne;
  if (value === '') return t.required;
  if (field.kind === 'count') {
    const count = Number(value);
    return /^\d+$/.test(value) && count >= field.min && count <= field.max ? undefined : t.outOfRange;
  }
  return value.length > field.maxLength ? t.tooLong : undefined;
}

export function ServiceFormPage(props: {
  ctx: PortalPageContext;
  service: ServiceDefinition;
  citizen: SignedInCitizen;
  csrfToken: string;
  flash: FormFlash | undefined;
}) {
  const { ctx, service, citizen } = props;
  const texts = service.texts[ctx.lang];
  const errors = props.flash?.errors ?? {};
  const failed = service.fields.filter((field) => errors[field.name]);
  return (
    <Layout ctx={ctx} title={texts.title} hasErrors={failed.length > 0}>
      {failed.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
          <h2 id="error-summary-title">{ctx.t.service.errorSummary}</h2>
          <ul>
            {failed.map((field) => (
              <li>
                <a href={`#${field.name}`} safe>
                  {`${texts.fields[field.name]?.label}: ${errors[field.name]}`}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      <h1 safe>{texts.title}</h1>
      <p class="lead" safe>
        {texts.lead}
      </p>
      <p class="notice">{ctx.t.service.loaNotice}</p>
      <h2>{ctx.t.service.applicant}</h2>
      <dl class="claims">
        {(['HoVaTen', 'SoDinhDanh', 'NgayThangNamSinh'] as const).map((name) => (
          <div>
            <dt>{ctx.t.me[name]}</dt>
            <dd safe>
              {citizen.claims[name] === undefined
                ? ctx.t.me.none
                : shownClaim(ctx, name, citizen.claims[name])}
            </dd>
          </div>
        ))}
      </dl>
      <form method="post" action={`/services/${service.slug}`} novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {service.fields.map((field) => (
          <Field
            field={field}
            texts={texts.fields[field.name] ?? { label: field.name }}
            value={props.flash?.entries[field.name] ?? ''}
            error={errors[field.name]}
          />
        ))}
        <button type="submit" class="button">
          {ctx.t.service.submit}
        </button>
      </form>
    </Layout>
  );
}

function Field(props: {
  field: FieldSpec;
  texts: { label: string; hint?: string; options?: Record<string, string> };
  value: string;
  error: string | undefined;
}) {
  const { field, texts, error } = props;
  const id = field.name;
  const describedBy =
    [texts.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const hint = texts.hint ? (
    <p class="hint" id={`${id}-hint`} safe>
      {texts.hint}
    </p>
  ) : (
    ''
  );
  const message = error ? (
    <p class="error-message" id={`${id}-error`} safe>
      {error}
    </p>
  ) : (
    ''
  );
  if (field.kind === 'choice') {
    return (
      <fieldset class={`field${error ? ' field-error' : ''}`} aria-describedby={describedBy}>
        <legend safe>{texts.label}</legend>
        {hint}
        {message}
        {field.options.map((option, index) => (
          <div class="choice">
            <input
              type="radio"
              name={id}
              id={index === 0 ? id : `${id}-${option}`}
              value={option}
              checked={props.value === option}
            />
            <label for={index === 0 ? id : `${id}-${option}`} safe>
              {texts.options?.[option] ?? option}
            </label>
          </div>
        ))}
      </fieldset>
    );
  }
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id} safe>
        {texts.label}
      </label>
      {hint}
      {message}
      {field.kind === 'text' && field.multiline ? (
        <textarea
          id={id}
          name={id}
          rows="3"
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
          safe
        >
          {props.value}
        </textarea>
      ) : (
        <input
          id={id}
          name={id}
          type="text"
          value={props.value}
          inputmode={field.kind === 'count' ? 'numeric' : undefined}
          class={field.kind === 'count' ? 'input-short' : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        />
      )}
    </div>
  );
}

export function ServiceReceiptPage(props: {
  ctx: PortalPageContext;
  service: ServiceDefinition;
  reference: string;
}) {
  const { ctx } = props;
  const texts = props.service.texts[ctx.lang];
  return (
    <Layout ctx={ctx} title={`${ctx.t.service.received} – ${texts.title}`}>
      <h1>{ctx.t.service.received}</h1>
      <p class="lead" safe>
        {texts.title}
      </p>
      <p>
        {ctx.t.service.reference}: <strong safe>{props.reference}</strong>
      </p>
      <p>{ctx.t.service.receivedLead}</p>
      <p>
        <a class="button button-secondary" href="/">
          {ctx.t.service.back}
        </a>
      </p>
    </Layout>
  );
}
