/**
 * Enter (or "Go" on a phone's keyboard) submits a form with its default button: the first submit button of
 * the form in source order, counting the buttons elsewhere on the page that name the form (`form="…"`). On
 * every page where a citizen types something, that first button must be the form's primary one: never the
 * captcha's "new image", never the language switch (a button of the form on pages that keep entries), never a
 * secondary button. Checked on the served HTML of every such page (the browser suites press Enter on some).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
} from '../../../../test/support/journey.ts';
import { PageClient } from '../../../../test/support/page-client.ts';
import { call, startTestSystem, type TestSystem } from '../../../../test/support/system.ts';

interface FormOnPage {
  action: string;
  /** The opening tags of its submit buttons, in source order. */
  buttons: string[];
}

/** The forms of a page where something is typed (a visible input), each with the submit buttons it owns. */
function typedForms(html: string): FormOnPage[] {
  const buttons = [...html.matchAll(/<button\b[^>]*>/g)].filter((m) => !/type="(button|reset)"/.test(m[0]));
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)]
    .filter(([, , body]) => /<input\b(?![^>]*type="(hidden|checkbox|radio)")[^>]*>/.test(body!))
    .map((form) => {
      const start = form.index;
      const end = start + form[0].length;
      const id = /\bid="([^"]+)"/.exec(form[1]!)?.[1];
      const owned = buttons.filter((button) => {
        const named = /\bform="([^"]+)"/.exec(button[0])?.[1];
        return named ? named === id : button.index > start && button.index < end;
      });
      return {
        action: /\baction="([^"]*)"/.exec(form[1]!)?.[1] ?? '',
        buttons: owned.map((button) => button[0]),
      };
    });
}

function assertPrimaryFirst(path: string, html: string) {
  const forms = typedForms(html);
  assert.ok(forms.length > 0, `${path}: a form to type in`);
  for (const form of forms) {
    const [first] = form.buttons;
    assert.ok(first, `${path} (${form.action}): a submit button`);
    assert.doesNotMatch(first, /name="action"/, `${path} (${form.action}): ${first}`);
    assert.doesNotMatch(first, /button-secondary|button-link/, `${path} (${form.action}): ${first}`);
  }
}

describe('the first submit button of every form a citizen types in is its primary one', () => {
  let system: TestSystem;
  before(async () => {
    system = await startTestSystem('embedded');
  });
  after(() => system?.close());

  it('recognises the default button as the browser does', () => {
    const html = [
      '<button type="submit" form="entries-form" hidden tabindex="-1"></button>',
      '<button type="submit" class="button-link language-switch" form="entries-form" name="action" value="language-en">',
      '<form id="entries-form" action="/a"><input id="x"><button type="button" class="toggle">',
      '<button type="submit" class="button">Go</button></form>',
      '<form action="/b"><input type="hidden" name="h"><button type="submit" class="button button-secondary">',
      '</form>',
      '<form action="/c"><input id="y"><button type="submit" name="action" value="new-captcha">',
      '<button type="submit" class="button">Go</button></form>',
    ].join('\n');
    const forms = typedForms(html);
    assert.deepEqual(
      forms.map((form) => [form.action, form.buttons.length]),
      [
        ['/a', 3],
        ['/c', 2],
      ],
    );
    assert.match(forms[0]!.buttons[0]!, /hidden/);
    assertPrimaryFirst('/a', html.split('\n').slice(0, 4).join('\n'));
    assert.throws(() => assertPrimaryFirst('/c', html.split('\n').slice(6).join('\n')), /new-captcha/);
    assert.throws(() => assertPrimaryFirst('/a', html.split('\n').slice(1, 4).join('\n')), /language-en/);
  });

  it('on the start pages of every method, sign-in and the forgot-password form, in both languages', async () => {
    for (const lang of ['vi', 'en']) {
      const client = new PageClient(system.url, { 'accept-language': lang });
      for (const path of [
        '/register/mobile',
        '/register/social-insurance',
        '/register/sim-signature',
        '/register/remote-signature',
        '/register/usb-token',
        '/forgot-password',
        '/sign-in',
        '/sign-in/sim-signature',
        '/sign-in/remote-signature',
      ]) {
        const page = await client.get(path);
        assert.equal(page.status, 200, `${path}: ${page.location ?? ''}`);
        assertPrimaryFirst(path, page.html);
      }
    }
  });

  it('on the code and password pages of registration and recovery', async () => {
    const identity = newIdentity();
    await registerSubscriber(system.url, identity);
    const client = new PageClient(system.url);
    const form = await client.get('/register/mobile');
    const captchaId = /name="captchaId" value="([^"]+)"/.exec(form.html)?.[1] ?? '';
    const { answer } = (await call<{ answer: string }>(system.url, 'GET', `/sim/captchas/${captchaId}`)).body;
    const started = await client.post('/register/mobile', {
      idNumber: identity.idNumber,
      fullName: identity.fullName,
      birthDate: identity.birthDate.split('-').reverse().join('/'),
      phoneNumber: identity.phoneNumber,
      captchaId,
      captchaAnswer: answer,
      consent: 'yes',
    });
    assert.equal(started.location, '/register/mobile/code');
    assertPrimaryFirst('/register/mobile/code', (await client.get('/register/mobile/code')).html);
    const code = await codeSentTo(system.url, identity.phoneNumber, 1);
    assert.equal(
      (await client.post('/register/mobile/code', { code })).location,
      '/register/mobile/password',
    );
    assertPrimaryFirst('/register/mobile/password', (await client.get('/register/mobile/password')).html);

    const holder = newIdentity();
    await registerSubscriber(system.url, holder);
    await registerCompletely(system.url, holder);
    const recovery = new PageClient(system.url);
    const start = await recovery.get('/forgot-password');
    const recoveryCaptcha = /name="captchaId" value="([^"]+)"/.exec(start.html)?.[1] ?? '';
    const solved = await call<{ answer: string }>(system.url, 'GET', `/sim/captchas/${recoveryCaptcha}`);
    const sent = await recovery.post('/forgot-password', {
      idNumber: holder.idNumber,
      captchaId: recoveryCaptcha,
      captchaAnswer: solved.body.answer,
    });
    assert.equal(sent.location, '/forgot-password/code');
    assertPrimaryFirst('/forgot-password/code', (await recovery.get('/forgot-password/code')).html);
    const recoveryCode = await codeSentTo(system.url, holder.phoneNumber, 2);
    const accepted = await recovery.post('/forgot-password/code', { code: recoveryCode });
    assert.equal(accepted.location, '/forgot-password/password');
    assertPrimaryFirst('/forgot-password/password', (await recovery.get('/forgot-password/password')).html);
  });
});
