/**
 * What the browser tests of the two asynchronous signature methods (SIM signature, remote signature) share: a
 * fresh page in the viewing (its screenshots named after the method), the waiting page stopped for the checks
 * and its display code read, and "Check again".
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { checkPage, openContext, type Viewing } from './browser.ts';
import { loadingAfter } from './page-actions.ts';

export function awaitedSignaturePages(browser: () => Browser, viewing: Viewing, screenshotPrefix: string) {
  const en = viewing.lang === 'en';
  const words = {
    stop: en ? 'Stop updating this page' : 'Dừng tự cập nhật trang',
    checkAgain: en ? 'Check again' : 'Kiểm tra lại',
  };

  async function newPage() {
    const context = await openContext(browser(), viewing);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const field = (label: string) => page.getByLabel(label, { exact: false }).first();
    return {
      context,
      page,
      field,
      check: (step: string) => checkPage(page, viewing, `${screenshotPrefix}-${step}`),
    };
  }

  /** On the waiting page: it reloads itself (Refresh header); stopped for the checks, its code read. */
  async function waitingPage(page: Page, check: (step: string) => Promise<void>, step: string) {
    assert.match(new URL(page.url()).pathname, /\/waiting$/);
    await loadingAfter(page, () => page.getByRole('link', { name: words.stop }).click());
    const displayCode = ((await page.textContent('.display-code')) ?? '').trim();
    assert.match(displayCode, /^[A-Z0-9]{4}$/);
    await check(step);
    return displayCode;
  }

  /** The waiting page's "Check again": the next poll. */
  const checkAgain = (page: Page) =>
    loadingAfter(page, () => page.getByRole('link', { name: words.checkAgain }).click());

  return { newPage, waitingPage, checkAgain };
}
