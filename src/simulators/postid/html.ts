/**
 * PostID's page frame: its own name and colours (Vietnam Post's navy and yellow), a banner that says it is a
 * test simulator, a language switch, mobile-first (360 px) and readable without JavaScript. Values are escaped
 * here; templates build strings with `esc` for anything that came from a person.
 */
import type { Lang, Translate } from './texts.ts';

export const esc = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f6f8;color:#1d2330}
.test{background:#7a1f00;color:#fff;font-size:.85rem;padding:.35rem .75rem;text-align:center;margin:0}
header{background:#003f7d;color:#fff;border-bottom:6px solid #ffc20e}
header .bar{max-width:44rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}
header a{color:#fff}.brand{font-weight:700;font-size:1.1rem;text-decoration:none}.brand span{color:#ffd34d}
main{max-width:44rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;color:#003f7d;margin:.5rem 0 1rem}h2{font-size:1.15rem;color:#003f7d}
.card{background:#fff;border:1px solid #cfd6e0;border-radius:8px;padding:1rem;margin:0 0 1rem}
form.stack{display:grid;gap:.9rem}label,legend{font-weight:600;display:block}
.hint{display:block;font-weight:400;font-size:.9rem;color:#4a5366}
input[type=text],input[type=password],input[type=tel],input[type=search],input:not([type]),select,textarea{width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #6b7689;border-radius:6px;background:#fff;color:#1d2330}
fieldset{border:0;padding:0;margin:0}.choices{display:flex;gap:1.2rem;flex-wrap:wrap}.choices label{font-weight:400;display:flex;gap:.4rem;align-items:center}
button,.button{font:inherit;font-weight:600;padding:.6rem 1.1rem;border-radius:6px;border:0;background:#003f7d;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#003f7d;border:2px solid #003f7d}button.danger{background:#a4161a}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center}
.errors{border-left:5px solid #a4161a;background:#fdecec;padding:.6rem .9rem;margin:0 0 1rem}.errors ul{margin:.3rem 0 0;padding-left:1.2rem}
.notice{border-left:5px solid #1b6e3a;background:#e8f5ec;padding:.6rem .9rem;margin:0 0 1rem}
.status{font-size:1.1rem;font-weight:700;padding:.6rem .9rem;border-radius:6px}
.status.pending{background:#fff4cc;color:#5c4300}.status.approved{background:#e3f4e8;color:#14532d}.status.rejected{background:#fde2e2;color:#7f1d1d}
dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.3rem .8rem;margin:0}dt{font-weight:600}dd{margin:0;word-break:break-word}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #cfd6e0;overflow-wrap:anywhere}
.field-error{color:#a4161a;font-weight:600;display:block}a{color:#0a4d99}footer{max-width:44rem;margin:0 auto;padding:1rem;color:#4a5366;font-size:.85rem}`;

export interface Frame {
  lang: Lang;
  t: Translate;
  title: string;
  /** The current path with the other language (`?lang=`). */
  switchHref: string;
  /** The clerk console's header (its own name). */
  console?: boolean;
  /** Shown at the right of the header (a sign-out form). */
  headerExtra?: string;
}

export function page(frame: Frame, body: string): string {
  const { t } = frame;
  const home = frame.console ? '/clerk' : '/';
  const brand = frame.console ? t('clerkBrand') : t('brand');
  const other = frame.lang === 'vi' ? 'en' : 'vi';
  return `<!doctype html><html lang="${frame.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(frame.title)} · ${esc(brand)}</title>
<link rel="stylesheet" href="/assets/postid.css"></head><body>
<p class="test">${esc(t('testBanner'))}</p>
<header><div class="bar"><a class="brand" href="${home}">${esc(brand.split(' · ')[0]!)} <span>· ${esc(brand.split(' · ')[1] ?? '')}</span></a>
<span class="actions">${frame.headerExtra ?? ''}<a href="${esc(frame.switchHref)}" hreflang="${other}" lang="${other}">${esc(t('switchTo'))}</a></span></div></header>
<main>${body}</main><footer>PostID simulator · Tổng công ty Bưu điện Việt Nam (mô phỏng) · Vietnam Post (simulated)</footer></body></html>`;
}

/** Errors listed at the top of a form, each linked to its field. */
export function errorSummary(t: Translate, errors: ReadonlyArray<{ field: string; message: string }>) {
  if (errors.length === 0) return '';
  return `<div class="errors" role="alert"><strong>${esc(t('formError'))}</strong><ul>${errors
    .map((e) => `<li><a href="#${esc(e.field)}">${esc(e.message)}</a></li>`)
    .join('')}</ul></div>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  value?: string;
  hint?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  error?: string | undefined;
  required?: boolean;
}

export function field(o: FieldOptions): string {
  const hintId = o.hint ? `${o.name}-hint` : '';
  const errorId = o.error ? `${o.name}-error` : '';
  const described = [hintId, errorId].filter(Boolean).join(' ');
  return `<div><label for="${o.name}">${esc(o.label)}${o.hint ? `<span class="hint" id="${hintId}">${esc(o.hint)}</span>` : ''}</label>
${o.error ? `<span class="field-error" id="${errorId}">${esc(o.error)}</span>` : ''}
<input id="${o.name}" name="${o.name}" type="${o.type ?? 'text'}"${o.value !== undefined && o.type !== 'password' ? ` value="${esc(o.value)}"` : ''}${o.autocomplete ? ` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? ` inputmode="${o.inputmode}"` : ''}${o.required === false ? '' : ' required'}${described ? ` aria-describedby="${described}"` : ''}${o.error ? ' aria-invalid="true"' : ''}></div>`;
}
