/**
 * Debian's Chromium driven by playwright-core, with axe-core injected for WCAG 2.2 AA checks and
 * screenshots written to test-output/screenshots (see the README).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../support/system.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join('test-output', 'screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Why browser tests cannot run on this machine, or undefined when they can. */
export const CHROMIUM_MISSING = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is not installed (apt-get install -y chromium)`;

export interface ChromiumWorld {
  system: TestSystem;
  browser: Browser;
}

/**
 * A suite of browser tests, one after another, against one embedded test system and one Chromium, started
 * before its tests and closed after them; skipped, saying why, where Chromium is not installed.
 */
export function describeInChromium(title: string, body: (world: ChromiumWorld) => void) {
  describe(title, { skip: CHROMIUM_MISSING, concurrency: false }, () => {
    const world = {} as ChromiumWorld;
    before(async () => {
      world.system = await startTestSystem('embedded');
      world.browser = await launchChromium();
    });
    after(async () => {
      await world.browser?.close();
      await world.system?.close();
    });
    body(world);
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface Viewing {
  lang: 'vi' | 'en';
  width: number;
  height: number;
  javaScript: boolean;
}

export const viewingName = (v: Viewing) => `${v.lang}-${v.width}x${v.height}${v.javaScript ? '' : '-nojs'}`;

export async function openContext(browser: Browser, viewing: Viewing): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: viewing.width, height: viewing.height },
    javaScriptEnabled: viewing.javaScript,
    // The portal's CSP allows only its own scripts; axe-core is injected by the test, not by the page.
    bypassCSP: true,
    // A Vietnamese phone: English is reached through the page's own switch.
    locale: 'vi-VN',
  });
}

/**
 * The whole page as a PNG. Chromium now and then answers a capture with "Unable to capture screenshot" while
 * it is busy compositing (seen once in ~1,000 captures on the loaded CI machine): the capture is asked once
 * more; any other error, or a second failure, fails the test.
 */
export async function screenshot(page: Page, path: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  try {
    await page.screenshot({ path, fullPage: true });
  } catch (error) {
    if (!String(error).includes('Unable to capture screenshot')) throw error;
    await page.waitForTimeout(250);
    await page.screenshot({ path, fullPage: true });
  }
}

/** Screenshot of the whole page, and (with JavaScript on) an axe-core run that must find no violation. */
export async function checkPage(page: Page, viewing: Viewing, name: string) {
  await screenshot(page, join(SCREENSHOTS, `${viewingName(viewing)}-${name}.png`));
  assert.equal(await page.getAttribute('html', 'lang'), viewing.lang, `${name}: page language`);
  // What the page weighs on the wire, without the captcha image (the budget is 50 KB before it).
  const bytes = Number(
    await page.evaluate(`performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
      .filter((entry) => !entry.name.includes('/captchas/'))
      .reduce((sum, entry) => sum + (entry.encodedBodySize || 0), 0)`),
  );
  assert.ok(bytes < 50_000, `${name}: ${bytes} bytes before the captcha image`);
  if (!viewing.javaScript) return;
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations =
    (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_22_AA)} } })
    .then((result) => result.violations.map((v) => v.id + ': ' + v.help + ' at ' + JSON.stringify(v.nodes.map((n) => n.target))))`)) as string[];
  assert.deepEqual(violations, [], `${name}: axe violations`);
}
