/**
 * The portals' one stylesheet, with the portal's colour: small, system fonts, readable on a 360 px phone,
 * contrast of at least 4.5:1 for text and 3:1 for focus outlines and borders (WCAG 2.2 AA).
 */
export function portalStylesheet(accent: string): string {
  return `:root{--accent:${accent};--text:#1b1b1b;--muted:#4a4a4a;--error:#b3261e;--line:#6b6b6b;--focus:#0b57d0}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--text);background:#fff}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
.skip-link{position:absolute;left:-999px;top:0;background:#fff;color:var(--text);padding:.5rem 1rem}
.skip-link:focus{left:.5rem;z-index:10}
a{color:#0b4fa8}
a:focus,button:focus,input:focus,textarea:focus,main:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
main:focus{outline:none}
.site-header{background:var(--accent);color:#fff}
.header-row{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding-top:.75rem;padding-bottom:.75rem}
.site-header a{color:#fff}
.site-header a:focus{outline-color:#fff}
.brand{font-weight:700;text-decoration:none;font-size:1.05rem}
.dev-banner{margin:0;padding:.4rem 1rem;background:#fff4ce;color:#3d2f00;text-align:center;font-size:.9rem}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.1rem;color:var(--muted)}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1rem 0}
.inline-form{display:inline;margin:0}
.button{display:inline-block;min-height:44px;padding:.6rem 1.2rem;border:2px solid var(--accent);border-radius:4px;background:var(--accent);color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.button-secondary{background:#fff;color:var(--accent)}
.services{padding-left:1.2rem}
.tag{color:var(--muted);font-size:.9rem}
.claims{margin:0}
.claims>div{display:flex;flex-wrap:wrap;gap:0 1rem;padding:.5rem 0;border-bottom:1px solid #d0d0d0}
.claims dt{flex:0 0 15rem;max-width:100%;font-weight:600}
.claims dd{margin:0;flex:1 1 12rem;overflow-wrap:anywhere}
.claims ul{margin:0;padding-left:1.2rem}
.notice{border-left:4px solid var(--accent);background:#f3f3f3;padding:.6rem .9rem}
form .field{margin:1.25rem 0;border:0;padding:0}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0}
.choice label{font-weight:400;margin:0}
.choice input{width:1.25rem;height:1.25rem;margin-top:.15rem;flex:none}
input[type=text],textarea{width:100%;max-width:30rem;min-height:44px;padding:.5rem;border:2px solid var(--line);border-radius:4px;font:inherit}
.input-short{max-width:6rem}
.hint{margin:0 0 .25rem;color:var(--muted)}
.error-message{margin:0 0 .25rem;color:var(--error);font-weight:600}
.field-error input,.field-error textarea{border-color:var(--error)}
.field-error{border-left:4px solid var(--error);padding-left:.75rem!important}
.error-summary{border:3px solid var(--error);padding:.75rem 1rem;margin:1rem 0}
.error-summary h2{margin-top:0}
.error-summary a{color:var(--error);font-weight:600}
.site-footer{border-top:1px solid #d0d0d0;color:var(--muted);font-size:.9rem;padding:1rem 0 2rem}
`;
}
