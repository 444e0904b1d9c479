/** The portal's pages: home, "who am I", an error page. The service form is in `service-pages.tsx`. */

import { Layout, type PortalPageContext, SignOutForm } from './layout.tsx';
import type { SignedInCitizen } from './sessions.ts';
import { EXPLAINED_ERRORS } from './texts.ts';

export function HomePage(props: { ctx: PortalPageContext }) {
  const { ctx } = props;
  const citizen = ctx.session?.citizen;
  return (
    <Layout ctx={ctx} title={ctx.portal.name}>
      <h1 safe>{ctx.portal.name}</h1>
      <p class="lead" safe>
        {ctx.portal.tagline}
      </p>
      {citizen ? <SignedInHome ctx={ctx} citizen={citizen} /> : <SignedOutHome ctx={ctx} />}
    </Layout>
  );
}

function SignedOutHome(props: { ctx: PortalPageContext }) {
  const { t } = props.ctx;
  return (
    <>
      <p safe>{t.home.signedOutLead}</p>
      <div class="actions">
        <a class="button" href="/auth/sign-in">
          {t.home.signIn}
        </a>
        <a class="button button-secondary" href="/auth/register">
          {t.home.register}
        </a>
      </div>
      <ServiceList ctx={props.ctx} />
    </>
  );
}

function SignedInHome(props: { ctx: PortalPageContext; citizen: SignedInCitizen }) {
  const { ctx } = props;
  const name = typeof props.citizen.claims.HoVaTen === 'string' ? props.citizen.claims.HoVaTen : '';
  return (
    <>
      <p class="welcome">
        {ctx.t.home.welcome}, <strong safe>{name}</strong>
      </p>
      <div class="actions">
        <a class="button" href="/me">
          {ctx.t.home.whoAmI}
        </a>
        <SignOutForm ctx={ctx} />
      </div>
      <ServiceList ctx={ctx} />
    </>
  );
}

function ServiceList(props: { ctx: PortalPageContext }) {
  const { ctx } = props;
  return (
    <section aria-labelledby="services-title">
      <h2 id="services-title">{ctx.t.home.services}</h2>
      <ul class="services">
        {ctx.definition.services.map((service) => (
          <li>
            <a href={`/services/${service.slug}`} safe>
              {service.texts[ctx.lang].title}
            </a>{' '}
            <span class="tag">({ctx.t.home.needsLoA2})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const PERSONAL_CLAIMS = [
  'HoVaTen',
  'SoDinhDanh',
  'SoCMND',
  'NgayThangNamSinh',
  'GioiTinh',
  'SoDienThoai',
  'LoaiTaiKhoan',
] as const;

export function WhoAmIPage(props: { ctx: PortalPageContext; citizen: SignedInCitizen }) {
  const { ctx, citizen } = props;
  const { me } = ctx.t;
  const loAs = Array.isArray(citizen.claims.loAs) ? citizen.claims.loAs : [];
  const others = Object.entries(citizen.claims).filter(
    ([name]) => name !== 'loAs' && name !== 'sub' && !(PERSONAL_CLAIMS as readonly string[]).includes(name),
  );
  return (
    <Layout ctx={ctx} title={me.title}>
      <h1>{me.title}</h1>
      <p class="lead">{me.lead}</p>
      <h2>{me.claims}</h2>
      <dl class="claims">
        {PERSONAL_CLAIMS.filter((name) => citizen.claims[name] !== undefined).map((name) => (
          <Claim term={me[name]} code={name} value={shownClaim(ctx, name, citizen.claims[name])} />
        ))}
        {others.map(([name, value]) => (
          <Claim term={name} code={name} value={String(value)} />
        ))}
        <div>
          <dt>{me.loAs}</dt>
          <dd>
            {loAs.length === 0 ? (
              me.none
            ) : (
              <ul>
                {loAs.map((entry) => (
                  <li safe>{describeLoA(ctx, entry)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <h2>{me.session}</h2>
      <dl class="claims">
        <Claim term={me.acr} code="acr" value={citizen.acr ?? me.none} />
        <Claim term={me.amr} code="amr" value={citizen.amr.length ? citizen.amr.join(', ') : me.none} />
        <Claim term={me.authTime} code="auth_time" value={shownAuthTime(ctx, citizen.authTime)} />
        <Claim term={me.sub} code="sub" value={citizen.sub} />
      </dl>
      <div class="actions">
        <a class="button button-secondary" href="/">
          {ctx.t.service.back}
        </a>
        <SignOutForm ctx={ctx} />
      </div>
    </Layout>
  );
}

function Claim(props: { term: string; code: string; value: string }) {
  return (
    <div data-claim={props.code}>
      <dt safe>{props.term}</dt>
      <dd safe>{props.value}</dd>
    </div>
  );
}

/** A claim's value as a citizen reads it (a YYYYMMDD birth date as DD/MM/YYYY, the account type in words). */
export function shownClaim(ctx: PortalPageContext, name: string, value: unknown): string {
  const text = String(value);
  if (name === 'NgayThangNamSinh' && /^\d{8}$/.test(text))
    return `${text.slice(6, 8)}/${text.slice(4, 6)}/${text.slice(0, 4)}`;
  if (name === 'LoaiTaiKhoan')
    return text === '1' ? ctx.t.me.accountCitizen : text === '2' ? ctx.t.me.accountOrganisation : text;
  return text;
}

function describeLoA(ctx: PortalPageContext, entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) return String(entry);
  const { claim, level, src } = entry as Record<string, unknown>;
  return `${String(claim)}: ${String(src)}, ${ctx.t.me.loAEntry} ${String(level)}`;
}

function shownAuthTime(ctx: PortalPageContext, authTime: number | undefined): string {
  if (authTime === undefined) return ctx.t.me.none;
  const when = new Date(authTime * 1000).toLocaleString(ctx.lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
  return `${when} (${authTime})`;
}

export function ErrorPage(props: {
  ctx: PortalPageContext;
  title: string;
  detail: string;
  code?: string;
  retry?: string;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1 safe>{props.title}</h1>
      <p class="lead" safe>
        {props.detail}
      </p>
      {props.code ? (
        <p>
          {ctx.t.errors.code}: <code safe>{props.code}</code>
        </p>
      ) : (
        ''
      )}
      <div class="actions">
        {props.retry ? (
          <a class="button" href={props.retry}>
            {ctx.t.errors.again}
          </a>
        ) : (
          ''
        )}
        <a class="button button-secondary" href="/">
          {ctx.t.errors.home}
        </a>
      </div>
    </Layout>
  );
}

/** The words for an error the hub sent back (`error=` on the callback) or a refused answer. */
export function hubErrorText(ctx: PortalPageContext, code: string, refused: boolean): string {
  if (refused) return ctx.t.errors.refused;
  return (EXPLAINED_ERRORS as readonly string[]).includes(code)
    ? ctx.t.errors[code as (typeof EXPLAINED_ERRORS)[number]]
    : ctx.t.errors.other;
}
