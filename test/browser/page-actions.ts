/**
 * What the browser suites do on a page: read the captcha's answer from the dev simulator, submit and wait for
 * the next page, type a date or a phone as a citizen would.
 */
import type { Page } from 'playwright-core';
import { call } from '../support/system.ts';
import type { Viewing } from './browser.ts';

/** A date as the citizen types it (DD/MM/YYYY). */
export const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
/** A phone number as the citizen types it (0xxxxxxxxx). */
export const localPhone = (e164: string) => `0${e164.slice(3)}`;

/** The title of a test run at this viewing: "vi 360×740 without JavaScript". */
export const viewingTitle = (v: Viewing) =>
  `${v.lang} ${v.width}×${v.height}${v.javaScript ? '' : ' without JavaScript'}`;

/** The answer of the captcha shown on the page (dev only: /sim/captchas). */
export async function captchaAnswer(system: { url: string }, page: Page): Promise<string> {
  const captchaId = await page.inputValue('input[name=captchaId]');
  return (await call<{ answer: string }>(system.url, 'GET', `/sim/captchas/${captchaId}`)).body.answer;
}

/** Does `action` and waits until the page it leads to has loaded. */
export async function loadingAfter(page: Page, action: () => Promise<unknown>) {
  await Promise.all([page.waitForLoadState('load'), action()]);
  await page.waitForLoadState('load');
}

/** Does `action` and waits for the navigation it starts. */
export async function navigating(page: Page, action: () => Promise<unknown>) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

/** Presses the first button named `text` and waits for the next page. */
export const submit = (page: Page, text: RegExp | string) =>
  loadingAfter(page, () => page.getByRole('button', { name: text }).first().click());

/** Enter in a field: the browser's implicit submission, as "Go" on a phone's keyboard does. */
export const pressEnter = (page: Page, selector: string) =>
  navigating(page, () => page.press(selector, 'Enter'));
