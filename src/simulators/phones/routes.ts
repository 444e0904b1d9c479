/**
 * Virtual phones over HTTP (dev only): the JSON API of api.md (`GET/POST /sim/phones/{phone}/sms`), and
 * light pages for people: an index of recent phones and one page per phone with its messages (newest
 * first, live through Server-Sent Events when JavaScript runs) and a form to send a text, e.g. TTTB to 1414.
 * The index also lists the demo subscribers and what each one shows, as the start-up banner does.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatDdMmYyyy } from '../../domain/dates.ts';
import { maskPhone, normalizeMobileNumber } from '../../domain/phone.ts';
import type { DemoIdentity } from '../carrier-network/index.ts';
import type { Smsc } from '../smsc/server.ts';
import {
  SIGNING_SCREENS_STYLE,
  type SigningScreens,
  signingScreenRoutes,
  signingScreensHtml,
} from './signing-screens.ts';
import { langOf, type PhoneLang, phoneTexts } from './signing-texts.ts';
import type { PhoneMessage, VirtualPhones } from './virtual-phones.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f23}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.3rem}a{color:#0b5cad}
ol{list-style:none;padding:0}li{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:.6rem .8rem;margin:.5rem 0}
.meta{font-size:.85rem;color:#57606a}.text{white-space:pre-wrap;word-break:break-word}
form{display:grid;gap:.5rem;background:#fff;padding:.8rem;border-radius:8px;border:1px solid #d0d7de}
input,button{font:inherit;padding:.5rem;border-radius:6px;border:1px solid #8c959f}button{background:#0b5cad;color:#fff;border:0}
${SIGNING_SCREENS_STYLE}`;

const LIVE_SCRIPT = `const list=document.querySelector('ol[data-events]');
if(list&&window.EventSource){const es=new EventSource(list.dataset.events);
es.onmessage=(e)=>{const m=JSON.parse(e.data);const li=document.createElement('li');
const meta=document.createElement('div');meta.className='meta';meta.textContent=m.from+' · '+new Date(m.at).toLocaleString();
const text=document.createElement('div');text.className='text';text.textContent=m.text;li.append(meta,text);list.prepend(li);
const empty=document.querySelector('[data-empty]');if(empty)empty.remove();};}`;

function page(title: string, body: string, lang: PhoneLang = 'vi') {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/sim/phones.css"></head><body><main>${body}</main>
<script src="/sim/phones.js" defer></script></body></html>`;
}

function messageItem(message: PhoneMessage) {
  return `<li><div class="meta">${escapeHtml(message.from)} · <time datetime="${message.at}">${escapeHtml(message.at.replace('T', ' ').slice(0, 19))} UTC</time></div><div class="text">${escapeHtml(message.text)}</div></li>`;
}

/** Seeded subscribers listed on the index page, each with the case it shows (the start-up banner's list). */
function demoSection(demo: DemoIdentity[]) {
  if (demo.length === 0) return '';
  const rows = demo.map((d) => {
    const national = `0${d.phoneNumber.slice(3)}`;
    const onSim = d.simIdNumber ? ` · SIM: ${escapeHtml(d.simIdNumber)}` : '';
    return `<li><a href="/sim/phones/${encodeURIComponent(d.phoneNumber)}">${escapeHtml(national)}</a> · ${escapeHtml(d.fullName)}
<div class="meta">CCCD/CMND ${escapeHtml(d.idNumber)} · ${escapeHtml(formatDdMmYyyy(d.birthDate))}${onSim}</div><div>→ ${escapeHtml(d.shows)}</div></li>`;
  });
  return `<h2>Thuê bao mẫu (demo subscribers)</h2>
<p class="meta">Hư cấu, có sẵn trong mạng di động mô phỏng: dùng để thử đăng ký. (Fictional, seeded in the simulated carrier network: use them to try a registration.)</p>
<ol>${rows.join('')}</ol>`;
}

export async function phonesRoutes(
  app: FastifyInstance,
  options: { phones: VirtualPhones; smsc: Smsc; demo?: DemoIdentity[]; signing?: SigningScreens },
) {
  const { phones, smsc } = options;
  await app.register(import('@fastify/formbody'));
  if (options.signing) await signingScreenRoutes(app, options.signing);

  const phoneParam = (raw: string, reply: FastifyReply): string | undefined => {
    const parsed = normalizeMobileNumber(decodeURIComponent(raw));
    if (parsed.ok) return parsed.value.e164;
    void reply.code(400).send({ error: 'not a Vietnamese mobile number' });
    return undefined;
  };

  app.get('/sim/phones.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css').header('cache-control', 'max-age=3600').send(STYLE),
  );
  app.get('/sim/phones.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript').header('cache-control', 'max-age=3600').send(LIVE_SCRIPT),
  );

  // ?after=N&waitMs=M waits (at most M ms, up to 30 s) until the inbox holds more than N messages: a test
  // or benchmark reads its code with one request instead of polling.
  app.get<{ Params: { phone: string }; Querystring: { after?: string; waitMs?: string } }>(
    '/sim/phones/:phone/sms',
    { schema: { hide: true } },
    async (request, reply) => {
      const phone = phoneParam(request.params.phone, reply);
      if (!phone) return reply;
      const after = Number(request.query.after);
      const waitMs = Math.min(Number(request.query.waitMs) || 0, 30_000);
      if (!(Number.isInteger(after) && after >= 0 && waitMs > 0) || phones.inbox(phone).length > after)
        return phones.inbox(phone);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          unsubscribe();
          resolve(phones.inbox(phone));
        };
        const timer = setTimeout(done, waitMs);
        const unsubscribe = phones.subscribe(phone, () => {
          if (phones.inbox(phone).length > after) done();
        });
        reply.raw.once('close', () => {
          clearTimeout(timer);
          unsubscribe();
        });
      });
    },
  );

  app.post<{ Params: { phone: string }; Body: { to?: unknown; text?: unknown } }>(
    '/sim/phones/:phone/sms',
    { schema: { hide: true } },
    async (request, reply) => {
      const phone = phoneParam(request.params.phone, reply);
      if (!phone) return reply;
      const { to, text } = request.body ?? {};
      if (
        typeof to !== 'string' ||
        typeof text !== 'string' ||
        !to.trim() ||
        text.length === 0 ||
        text.length > 1000
      ) {
        return reply.code(400).send({ error: 'to and text are required' });
      }
      const sent = smsc.sendFromPhone(phone, to.trim(), text);
      if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        return reply.redirect(`/sim/phones/${encodeURIComponent(phone)}`, 303);
      }
      return reply.code(202).send({ accepted: true, delivered: sent.delivered });
    },
  );

  app.get<{ Params: { phone: string } }>(
    '/sim/phones/:phone/events',
    { schema: { hide: true } },
    (request, reply) => {
      const phone = phoneParam(request.params.phone, reply);
      if (!phone) return reply;
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      reply.raw.write(': live\n\n');
      const unsubscribe = phones.subscribe(phone, (message) =>
        reply.raw.write(`data: ${JSON.stringify(message)}\n\n`),
      );
      const keepAlive = setInterval(() => reply.raw.write(': ping\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
    },
  );

  app.get<{ Params: { phone: string }; Querystring: { lang?: string; result?: string; triesLeft?: string } }>(
    '/sim/phones/:phone',
    { schema: { hide: true } },
    async (request, reply) => {
      const phone = phoneParam(request.params.phone, reply);
      if (!phone) return reply;
      const lang = langOf(request.query.lang);
      const t = phoneTexts(lang);
      const inbox = phones.inbox(phone).reverse();
      const national = `0${phone.slice(3)}`;
      const here = `/sim/phones/${encodeURIComponent(phone)}`;
      const other = lang === 'vi' ? 'en' : 'vi';
      const screens = options.signing ? signingScreensHtml(options.signing, phone, lang, request.query) : '';
      const body = `<p><a href="/sim/phones">${escapeHtml(t.back)}</a> · <a href="${here}?lang=${other}" lang="${other}">${escapeHtml(t.otherLanguage)}</a></p>
<h1>${escapeHtml(t.phone)} ${escapeHtml(national)}</h1>
${screens}
<form method="post" action="${here}/sms">
<label for="to">${escapeHtml(t.sendTo)}</label><input id="to" name="to" value="1414" inputmode="numeric" required>
<label for="text">${escapeHtml(t.content)}</label><input id="text" name="text" value="TTTB" required maxlength="160">
<button type="submit">${escapeHtml(t.send)}</button></form>
<h2>${escapeHtml(t.inbox)} <a href="${here}?lang=${lang}">${escapeHtml(t.reload)}</a></h2>
<ol data-events="${here}/events">${inbox.map(messageItem).join('')}</ol>
${inbox.length === 0 ? `<p data-empty>${escapeHtml(t.noMessages)}</p>` : ''}`;
      return reply.type('text/html; charset=utf-8').send(page(`${t.phone} ${maskPhone(phone)}`, body, lang));
    },
  );

  app.get('/sim/phones', { schema: { hide: true } }, async (_request, reply) => {
    const recent = phones.recent();
    const body = `<h1>Điện thoại ảo (virtual phones)</h1>
<form method="get" action="/sim/phones/go"><label for="phone">Mở điện thoại số</label><input id="phone" name="phone" type="tel" inputmode="tel" placeholder="0912345678" required><button type="submit">Mở</button></form>
${demoSection(options.demo ?? [])}
<h2>Gần đây</h2><ol>${recent
      .map(
        (p) =>
          `<li><a href="/sim/phones/${encodeURIComponent(p.phone)}">0${escapeHtml(p.phone.slice(3))}</a><div class="meta">${p.messages} tin · ${escapeHtml(p.lastAt.slice(0, 19).replace('T', ' '))} UTC</div></li>`,
      )
      .join('')}</ol>${recent.length === 0 ? '<p>Chưa có điện thoại nào nhận tin.</p>' : ''}`;
    return reply.type('text/html; charset=utf-8').send(page('Điện thoại ảo', body));
  });

  app.get<{ Querystring: { phone?: string } }>(
    '/sim/phones/go',
    { schema: { hide: true } },
    async (request, reply) => {
      const parsed = normalizeMobileNumber(String(request.query.phone ?? ''));
      return reply.redirect(
        parsed.ok ? `/sim/phones/${encodeURIComponent(parsed.value.e164)}` : '/sim/phones',
        303,
      );
    },
  );
}
