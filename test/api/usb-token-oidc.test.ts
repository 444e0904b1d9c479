/**
 * A portal's sign-in continued with a certificate: the hub's login page (an interaction) links to signing in
 * with a USB token for the same authorization; once the signed challenge is posted, the portal gets a code whose
 * ID token says how (amr hwk) and at which level (acr LoA2, asked by the portal and met without a step-up).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { person } from '../../src/simulators/population/people.ts';
import { Browser, discover } from '../oidc/rp.ts';
import { solvedCaptcha } from '../support/journey.ts';
import { authorize, nationalPortalEnv, pageOf, portalOf, redeem, submit, visit } from '../support/oidc-rp.ts';
import { call, startTestSystem, type TestSystem } from '../support/system.ts';
import { issueCertificate, signedChallenge } from './usb-token-support.ts';

describe('a portal sign-in with a certificate', () => {
  let hub: TestSystem;
  before(async () => {
    hub = await startTestSystem('embedded', nationalPortalEnv());
  });
  after(() => hub?.close());

  it('continues the authorization: the portal gets a code for the account, amr hwk, acr LoA2', async () => {
    const p = person(4600);
    const issued = await issueCertificate(hub.url, { idNumber: p.idNumber, fullName: p.fullName });
    const registered = await call(hub.url, 'POST', '/api/v1/registrations/certificate', {
      ...(await signedChallenge(hub.url, issued)),
      ...(await solvedCaptcha(hub.url)),
      consent: true,
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));

    const config = await discover(hub.url, 'national');
    const browser = new Browser();
    const { request, landing } = await authorize(config, browser, hub.url, { acr_values: 'LoA2' });
    const login = pageOf(landing);
    assert.match(login.url.pathname, /^\/oidc\/interaction\/[\w-]+\/login$/);
    const uid = login.url.pathname.split('/')[3]!;
    const link = `/sign-in/certificate?interaction=${uid}`;
    assert.ok(login.html.includes(`href="${link}"`), 'the login page offers the certificate');

    const page = pageOf(await visit(browser, hub.url, link));
    assert.match(page.html, new RegExp(`name="interaction" value="${uid}"`));
    const portal = portalOf(
      await submit(browser, hub.url, page, '/sign-in/certificate', {
        ...(await signedChallenge(hub.url, issued)),
        interaction: uid,
      }),
    );
    const { claims } = await redeem(config, request, portal);
    assert.equal(claims.sub, registered.body.accountId);
    assert.equal(claims.acr, 'LoA2');
    assert.deepEqual(claims.amr, ['hwk']);
  });
});
