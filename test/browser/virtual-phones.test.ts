/**
 * The virtual phones' index page a newcomer opens from the start-up banner (issue 17): the demo subscribers,
 * each with a link to its phone, the details to type and what the case shows. Vietnamese on a 360×740 phone
 * with and without JavaScript; screenshotted (`phones-*`), axe-core (WCAG 2.2 AA) where JavaScript runs, and
 * nothing wider than the phone's screen.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkPage, describeInChromium, openContext, type Viewing } from './browser.ts';
import { viewingTitle } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
];

describeInChromium('virtual phones index page in Chromium', (world) => {
  for (const viewing of VIEWINGS) {
    it(`lists the demo subscribers with what each shows, and opens a phone: ${viewingTitle(viewing)}`, async () => {
      const context = await openContext(world.browser, viewing);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${world.system.url}/sim/phones`);
      const demo = page.locator('li', { has: page.locator('a[href^="/sim/phones/%2B84"]') });
      assert.ok((await demo.count()) >= 3, 'several demo subscribers');
      const first = (await demo.first().textContent()) ?? '';
      assert.match(first, /0\d{9}/, 'the number to type');
      assert.match(first, /\d{9,12} · \d\d\/\d\d\/\d{4}/, 'the ID number and birth date');
      assert.match(first, /→ \S/, 'what the case shows');
      assert.equal(
        await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'),
        true,
        'no sideways scrolling',
      );
      await checkPage(page, viewing, 'phones-01-demo-subscribers');

      // A subscriber's phone, from the list.
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), demo.first().locator('a').click()]);
      assert.match(new URL(page.url()).pathname, /^\/sim\/phones\/%2B84\d{9}$/);
      await checkPage(page, viewing, 'phones-02-phone');
      await context.close();
    });
  }
});
