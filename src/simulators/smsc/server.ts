/**
 * A simulated SMS centre speaking SMPP 3.4 (node-smpp): authenticates binds, takes submit_sm from
 * applications (the portal, short-code services), reassembles concatenated parts, delivers to virtual
 * phones and answers with delivery receipts; routes what phones send to a short code (1414) to the
 * application bound for it, as deliver_sm. It can be told to go down or to throttle, for fault tests.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import smpp, { type PDU, type Server, type Session } from 'smpp';
import { maskPhone, normalizeMobileNumber } from '../../domain/phone.ts';
import type { VirtualPhones } from '../phones/virtual-phones.ts';

export interface SmscAccount {
  systemId: string;
  password: string;
}

export interface Smsc {
  port: number;
  /** A phone sends a text: to a short code (routed to its application) or to another phone. */
  sendFromPhone(from: string, to: string, text: string): { delivered: boolean };
  setDown(down: boolean): Promise<void>;
  setThrottle(maxPerSecond: number | null): void;
  close(): Promise<void>;
}

interface Binding {
  systemId: string;
  mode: 'transmitter' | 'receiver' | 'transceiver';
  addressRange: string;
}

interface Decoded {
  message: string | Buffer;
  udh?: Buffer[];
}

/** 84912345678 or +84… or 0912… → +84912345678; short codes stay as they are. */
function address(raw: string): string {
  const parsed = normalizeMobileNumber(raw);
  return parsed.ok ? parsed.value.e164 : raw;
}

const smppAddress = (e164: string) => e164.replace(/^\+/, '');

const timestamp = (date: Date) => date.toISOString().replace(/\D/g, '').slice(2, 12);

export async function startSmsc(options: {
  host: string;
  port: number;
  accounts: SmscAccount[];
  phones: VirtualPhones;
  logger?: Logger;
}): Promise<Smsc> {
  const { phones, logger } = options;
  const bindings = new WeakMap<Session, Binding>();
  const partial = new Map<string, { parts: string[]; received: number }>();
  let throttle: { perSecond: number; windowStart: number; count: number } | undefined;
  let down = false;

  const server: Server = smpp.createServer((session) => {
    session.socket.setNoDelay(true);
    session.on('error', () => {});
    for (const mode of ['transmitter', 'receiver', 'transceiver'] as const) {
      session.on(`bind_${mode}`, (pdu: PDU) => {
        const account = options.accounts.find((a) => a.systemId === pdu.system_id);
        if (!account || account.password !== pdu.password) {
          session.send(pdu.response({ command_status: account ? smpp.ESME_RINVPASWD : smpp.ESME_RBINDFAIL }));
          session.close();
          return;
        }
        bindings.set(session, {
          systemId: account.systemId,
          mode,
          addressRange: String(pdu.address_range ?? ''),
        });
        session.send(pdu.response({ system_id: 'SMSCSIM' }));
      });
    }
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('deliver_sm_resp', () => {});
    session.on('submit_sm', (pdu: PDU) => {
      const binding = bindings.get(session);
      if (!binding || binding.mode === 'receiver') {
        session.send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS }));
        return;
      }
      if (throttled()) {
        session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
        return;
      }
      const to = address(String(pdu.destination_addr));
      if (!normalizeMobileNumber(to).ok) {
        session.send(pdu.response({ command_status: smpp.ESME_RINVDSTADR }));
        return;
      }
      const messageId = randomUUID().replaceAll('-', '').slice(0, 16);
      session.send(pdu.response({ message_id: messageId }));
      const whole = reassemble(
        to,
        String(pdu.source_addr),
        (pdu.message_payload ?? pdu.short_message) as Decoded,
      );
      if (whole === undefined) return;
      phones.receive(to, binding.addressRange || String(pdu.source_addr), whole);
      logger?.debug({ to: maskPhone(to), system: binding.systemId }, 'delivered to phone');
      if ((Number(pdu.registered_delivery) & 1) === 1) receipt(session, pdu, messageId, to);
    });
  });

  function throttled(): boolean {
    if (!throttle) return false;
    const now = Date.now();
    if (now - throttle.windowStart >= 1000) {
      throttle.windowStart = now;
      throttle.count = 0;
    }
    throttle.count++;
    return throttle.count > throttle.perSecond;
  }

  /** Returns the whole text once every part of a concatenated message arrived. */
  function reassemble(to: string, from: string, decoded: Decoded): string | undefined {
    const text = typeof decoded.message === 'string' ? decoded.message : decoded.message.toString('latin1');
    const concat = decoded.udh?.find((header) => header[0] === 0x00 && header.length >= 5);
    if (!concat) return text;
    const [reference, total, index] = [concat[2]!, concat[3]!, concat[4]!];
    const key = `${from}>${to}#${reference}`;
    const entry = partial.get(key) ?? { parts: new Array<string>(total).fill(''), received: 0 };
    if (!entry.parts[index - 1]) entry.received++;
    entry.parts[index - 1] = text;
    partial.set(key, entry);
    if (entry.received < total) return undefined;
    partial.delete(key);
    return entry.parts.join('');
  }

  function receipt(session: Session, pdu: PDU, messageId: string, to: string) {
    const binding = bindings.get(session);
    if (binding?.mode !== 'transceiver') return;
    const now = new Date();
    session.deliver_sm({
      source_addr: smppAddress(to),
      source_addr_ton: 1,
      source_addr_npi: 1,
      destination_addr: String(pdu.source_addr),
      esm_class: 0x04,
      short_message: `id:${messageId} sub:001 dlvrd:001 submit date:${timestamp(now)} done date:${timestamp(now)} stat:DELIVRD err:000 text:`,
      receipted_message_id: messageId,
      message_state: 2,
    });
  }

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const session of [...server.sessions]) session.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  await listen(options.port);
  const port = (server.address() as { port: number }).port;

  return {
    port,
    sendFromPhone(from, to, text) {
      const sender = address(from);
      const app = server.sessions.find((s) => {
        const binding = bindings.get(s);
        return binding && binding.mode !== 'transmitter' && binding.addressRange === to;
      });
      if (app && !down) {
        app.deliver_sm({
          source_addr: smppAddress(sender),
          source_addr_ton: 1,
          source_addr_npi: 1,
          destination_addr: to,
          short_message: text,
        });
        return { delivered: true };
      }
      if (normalizeMobileNumber(to).ok && !down) {
        phones.receive(address(to), sender, text);
        return { delivered: true };
      }
      return { delivered: false };
    },
    async setDown(value) {
      if (value === down) return;
      down = value;
      if (down) await stopListening();
      else await listen(port);
    },
    setThrottle(maxPerSecond) {
      throttle =
        maxPerSecond === null ? undefined : { perSecond: maxPerSecond, windowStart: Date.now(), count: 0 };
    },
    async close() {
      down = true;
      await stopListening();
    },
  };
}
