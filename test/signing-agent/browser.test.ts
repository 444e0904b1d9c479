/**
 * A real browser page reaching the agent: Chromium opens the WebSocket from a page of the allowed origin (it
 * sets Origin itself), lists the token's certificates and signs; a page of another origin is refused, and a
 * browser that does not trust the agent's certificate cannot connect at all (PROTOCOL.md, "Trusting").
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../browser/browser.ts';
import { type PkiWorld, startPkiWorld } from '../pki/support/pki-world.ts';
import { type AgentProcess, startAgentProcess } from './agent-process.ts';

const skip = !existsSync(CHROMIUM)
  ? 'Chromium is not installed'
  : !existsSync('/usr/lib/softhsm/libsofthsm2.so') && 'softhsm2 is not installed';

interface Exchange {
  opened: boolean;
  answers: Array<{ id: string; result?: unknown; error?: { code: string; triesLeft?: number } }>;
}

/** In the page: open the agent's WebSocket, send each request in turn, collect the answers. */
function talk(page: Page, url: string, requests: unknown[]): Promise<Exchange> {
  return page.evaluate(
    ({ url, requests }) =>
      new Promise<Exchange>((resolve) => {
        const socket = new WebSocket(url);
        const answers: Exchange['answers'] = [];
        let opened = false;
        socket.onopen = () => {
          opened = true;
          socket.send(JSON.stringify(requests[0]));
        };
        socket.onmessage = (event) => {
          answers.push(JSON.parse(String(event.data)));
          if (answers.length < requests.length) socket.send(JSON.stringify(requests[answers.length]));
          else socket.close();
        };
        socket.onclose = () => resolve({ opened, answers });
      }),
    { url, requests },
  );
}

describe('the signing agent from a page in Chromium', { skip }, () => {
  let pki: PkiWorld;
  let agent: AgentProcess;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;

  before(async () => {
    // A blank page standing for the hub's: its origin is the one the agent allows.
    site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><html lang="vi"><title>hub</title><p>hub</p></html>');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    pki = await startPkiWorld({ start: new Date().toISOString() });
    agent = await startAgentProcess({ pkiUrl: pki.baseUrl, allowedOrigins: [siteUrl] });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await agent?.stop();
    await pki?.close();
    site?.close();
  });

  it('a page of the allowed origin lists the certificates and signs with the PIN', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/`);
    const listed = await talk(page, agent.url, [{ id: '1', method: 'listCertificates', params: {} }]);
    assert.equal(listed.opened, true);
    const certificates = listed.answers[0]!.result as Array<{ certificateId: string; uid: string }>;
    assert.deepEqual(certificates.map((c) => c.uid).sort(), ['CCCD:044072697127', 'MST:0109876532']);
    const citizen = certificates.find((c) => c.uid.startsWith('CCCD:'))!;
    const signed = await talk(page, agent.url, [
      {
        id: '2',
        method: 'signCms',
        params: { certificateId: citizen.certificateId, pin: '0000', data: 'AAAA' },
      },
      {
        id: '3',
        method: 'signCms',
        params: { certificateId: citizen.certificateId, pin: '12345678', data: 'AAAA' },
      },
    ]);
    assert.deepEqual(signed.answers[0]!.error && { ...signed.answers[0]!.error, message: undefined }, {
      code: 'PIN_INCORRECT',
      triesLeft: 4,
      message: undefined,
    });
    assert.match((signed.answers[1]!.result as { signedData: string }).signedData, /^MI/);
    await context.close();
  });

  it('a page of another origin cannot open the WebSocket', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    // localhost is another origin than 127.0.0.1, though the same server.
    await page.goto(`${siteUrl.replace('127.0.0.1', 'localhost')}/`);
    const exchange = await talk(page, agent.url, [{ id: '1', method: 'getInfo', params: {} }]);
    assert.deepEqual(exchange, { opened: false, answers: [] });
    await context.close();
  });

  it('a browser that does not trust the agent certificate cannot connect', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${siteUrl}/`);
    const exchange = await talk(page, agent.url, [{ id: '1', method: 'getInfo', params: {} }]);
    assert.deepEqual(exchange, { opened: false, answers: [] });
    await context.close();
  });
});
