/** The virtual phones' index page lists the demo subscribers and the case each one shows. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import type { DemoIdentity } from '../carrier-network/index.ts';
import type { Smsc } from '../smsc/server.ts';
import { phonesRoutes } from './routes.ts';
import { VirtualPhones } from './virtual-phones.ts';

const DEMO: DemoIdentity[] = [
  {
    phoneNumber: '+84964837261',
    idNumber: '045201000001',
    birthDate: '2001-09-12',
    fullName: 'Vũ Đức Long',
    shows: 'owner-registered SIM: registration succeeds',
  },
  {
    phoneNumber: '+84394837261',
    idNumber: '008096000011',
    birthDate: '1996-04-28',
    fullName: 'Phạm Hữu <Tuấn>',
    shows: 'inactive SIM: refused',
  },
  {
    phoneNumber: '+84983141592',
    idNumber: '024162120567',
    simIdNumber: '121250421',
    birthDate: '1962-06-06',
    fullName: 'Hoàng Kim Tâm',
    shows: 'SIM registered to the old CMND, linked in the population registry: register with the CCCD',
  },
];

async function indexPage(demo?: DemoIdentity[]) {
  const app = Fastify();
  // The index page never sends: the SMS centre is not reached.
  await app.register(phonesRoutes, { phones: new VirtualPhones(), smsc: {} as Smsc, ...(demo && { demo }) });
  const response = await app.inject('/sim/phones');
  await app.close();
  assert.equal(response.statusCode, 200);
  return response.body;
}

describe('virtual phones index page', () => {
  it('lists each demo subscriber with a link to its phone, its details and what it shows', async () => {
    const html = await indexPage(DEMO);
    assert.match(html, /Thuê bao mẫu \(demo subscribers\)/);
    assert.match(html, /<a href="\/sim\/phones\/%2B84964837261">0964837261<\/a> · Vũ Đức Long/);
    assert.match(html, /045201000001 · 12\/09\/2001/);
    assert.match(html, /→ owner-registered SIM: registration succeeds/);
    assert.match(html, /Phạm Hữu &lt;Tuấn&gt;.*\n.*28\/04\/1996.*→ inactive SIM: refused/);
  });

  it('shows the number the SIM is registered to when it is not the one to register with', async () => {
    const html = await indexPage(DEMO);
    assert.match(html, /024162120567 · 06\/06\/1962 · SIM: 121250421</);
    assert.doesNotMatch(html, /045201000001 · 12\/09\/2001 · SIM/);
  });

  it('has no demo section when none is given', async () => {
    assert.doesNotMatch(await indexPage(), /demo subscribers/);
  });
});
