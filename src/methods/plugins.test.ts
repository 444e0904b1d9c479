/**
 * A registration method is a plug-in (ARCHITECTURE.md, "Adding a registration method"): what the shared parts
 * show of it comes from its plug-in, never from a shared list that could forget it. Built from the method list
 * itself, so a method added there is checked here: its refusals have a status and problem texts in both
 * languages, its refusal pages are of its own refusals, and the chooser lists it with its texts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CORE_STATUS_OF, problemOf, statusesOf } from '../web/api/failure-problem.ts';
import { apiMessages } from '../web/i18n/api-messages.ts';
import type { Language } from '../web/i18n/language.ts';
import { assetUrls } from '../web/pages/kit/assets.ts';
import type { PageContext } from '../web/pages/kit/context.ts';
import { pageMessages } from '../web/pages/messages.ts';
import { MethodsPage, methodName } from '../web/pages/register/methods/template.tsx';
import { REGISTRATION_METHODS } from './index.ts';

const LANGUAGES: readonly Language[] = ['vi', 'en'];

const contextIn = (lang: Language): PageContext => ({
  lang,
  m: pageMessages[lang],
  api: apiMessages[lang],
  path: '/register',
  signedIn: false,
  dev: false,
  assets: assetUrls(),
});

describe('registration methods as plug-ins', () => {
  it('lists each method once', () => {
    const ids = REGISTRATION_METHODS.map((method) => method.id);
    assert.deepEqual([...new Set(ids)], ids);
  });

  it("gives each method's refusal codes an HTTP status of a refusal, codes no other part gives", () => {
    const statuses = statusesOf(REGISTRATION_METHODS); // throws on a code given twice
    for (const method of REGISTRATION_METHODS)
      for (const [code, status] of Object.entries(method.refusals)) {
        assert.ok(!(code in CORE_STATUS_OF), `${method.id}: ${code} is a core code`);
        assert.ok(Number.isInteger(status) && status >= 400 && status < 600, `${method.id}: ${code}`);
        assert.equal(statuses[code as keyof typeof statuses], status, code);
        assert.equal(problemOf({ code: code as never }, statuses).status, status, code);
      }
  });

  it("has Vietnamese and English problem texts for each method's refusal codes", () => {
    for (const method of REGISTRATION_METHODS)
      for (const code of Object.keys(method.refusals))
        for (const lang of LANGUAGES) {
          const problem = (apiMessages[lang].problems as Record<string, { title: string; detail: string }>)[
            code
          ];
          assert.ok(problem?.title.trim() && problem.detail.trim(), `${method.id}: ${lang} ${code}`);
        }
  });

  it('shows on the shared refusal page only refusals the method declares', () => {
    for (const method of REGISTRATION_METHODS)
      for (const code of Object.keys(method.refusalPages ?? {}))
        assert.ok(code in method.refusals, `${method.id}: ${code} is not one of its refusals`);
  });

  it('lists every method in the chooser with its own name and hint, in both languages', async () => {
    const methods = REGISTRATION_METHODS.map(({ id, entryPath, chooser }) => ({
      id,
      href: entryPath,
      chooser,
    }));
    for (const lang of LANGUAGES) {
      const ctx = contextIn(lang);
      const html = await MethodsPage({ ctx, methods });
      const names = new Set<string>();
      for (const method of REGISTRATION_METHODS) {
        const { name, hint } = method.chooser(ctx.m);
        assert.ok(name?.trim() && hint?.trim(), `${method.id}: no ${lang} chooser texts`);
        assert.ok(html.includes(name), `${method.id}: not listed (${lang})`);
        assert.ok(html.includes(hint), `${method.id}: no hint (${lang})`);
        assert.equal(methodName(ctx, methods, method.id), name);
        names.add(name);
      }
      assert.equal(names.size, REGISTRATION_METHODS.length, `two methods share a ${lang} name`);
    }
  });
});
