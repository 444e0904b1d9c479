/**
 * The portal's SMS sender: an SMPP 3.4 transceiver (ESME) on node-smpp. It binds with configured
 * credentials, keeps the link alive (enquire_link), reconnects with backoff, submits through a bounded
 * queue at a configured rate, backs off on ESME_RTHROTTLED, records delivery receipts, and gives every
 * message a deadline: when the SMS centre is slow or down, `send` rejects with SmsUnavailableError in time
 * and never holds the HTTP server.
 */
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import smpp, { type PDU, type Session } from 'smpp';
import { maskPhone } from '../../domain/phone.ts';
import { type SmsSender, SmsUnavailableError } from '../../usecases/ports/sms-sender.ts';
import { type Segment, segmentsOf } from './sms-segments.ts';

export interface SmppSenderOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** Alphanumeric sender shown on phones, e.g. DVCQG. */
  sourceAddr: string;
  sendRatePerSecond?: number;
  queueLimit?: number;
  deadlineMs?: number;
  enquireLinkMs?: number;
  logger?: Logger;
  registry?: Registry;
  onDeliveryReceipt?: (receipt: { messageId: string; stat: string }) => void;
}

interface Pending {
  to: string;
  segments: Segment[];
  resolve: (value: { messageId: string }) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  settled: boolean;
}

const MAX_BACKOFF_MS = 5000;

export function createSmppSender(options: SmppSenderOptions): SmsSender {
  const rate = options.sendRatePerSecond ?? 200;
  const queueLimit = options.queueLimit ?? 1000;
  const deadlineMs = options.deadlineMs ?? 2000;
  const logger = options.logger;
  const registers = options.registry ? [options.registry] : [];
  const submitted = new Counter({
    name: 'sms_submit_total',
    help: 'SMS hand-overs to the SMS centre by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const receipts = new Counter({
    name: 'sms_delivery_receipts_total',
    help: 'Delivery receipts by final state',
    labelNames: ['stat'],
    registers,
  });
  const bound = new Gauge({
    name: 'sms_link_bound',
    help: '1 while the SMPP link to the SMS centre is bound',
    registers,
  });

  const queue: Pending[] = [];
  let session: Session | undefined;
  let isBound = false;
  let closed = false;
  let reconnectDelay = 200;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pumpTimer: NodeJS.Timeout | undefined;
  let busy = false;
  let reference = 0;
  let tokens = rate;
  let tokensAt = Date.now();

  function settle(item: Pending, outcome: { messageId: string } | Error) {
    if (item.settled) return;
    item.settled = true;
    clearTimeout(item.timer);
    const index = queue.indexOf(item);
    if (index >= 0) queue.splice(index, 1);
    if (outcome instanceof Error) {
      submitted.inc({ outcome: 'unavailable' });
      item.reject(outcome);
    } else {
      submitted.inc({ outcome: 'accepted' });
      item.resolve(outcome);
    }
  }

  function connect() {
    if (closed) return;
    const current = smpp.connect({
      host: options.host,
      port: options.port,
      auto_enquire_link_period: options.enquireLinkMs ?? 15_000,
    });
    session = current;
    current.on('error', () => {});
    current.on('connect', () => {
      current.bind_transceiver({ system_id: options.systemId, password: options.password }, (pdu) => {
        if (pdu.command_status !== smpp.ESME_ROK) {
          logger?.error({ status: pdu.command_status }, 'SMS centre refused the bind');
          current.close();
          return;
        }
        isBound = true;
        bound.set(1);
        reconnectDelay = 200;
        logger?.info('bound to the SMS centre');
        pump();
      });
    });
    current.on('enquire_link', (pdu: PDU) => current.send(pdu.response()));
    current.on('deliver_sm', (pdu: PDU) => {
      current.send(pdu.response());
      if ((Number(pdu.esm_class) & 0x04) === 0) return;
      const text = String((pdu.short_message as { message?: unknown })?.message ?? '');
      const messageId = String(pdu.receipted_message_id ?? /id:(\S+)/.exec(text)?.[1] ?? '');
      const stat = /stat:(\w+)/.exec(text)?.[1] ?? 'UNKNOWN';
      receipts.inc({ stat });
      options.onDeliveryReceipt?.({ messageId, stat });
    });
    current.on('close', () => {
      if (session !== current) return;
      if (isBound) logger?.warn('link to the SMS centre closed; reconnecting');
      isBound = false;
      bound.set(0);
      session = undefined;
      if (!closed) {
        reconnectTimer = setTimeout(connect, reconnectDelay);
        reconnectDelay = Math.min(reconnectDelay * 2, MAX_BACKOFF_MS);
      }
    });
  }

  function takeToken(): number {
    const now = Date.now();
    tokens = Math.min(rate, tokens + ((now - tokensAt) / 1000) * rate);
    tokensAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - tokens) / rate) * 1000);
  }

  /** Resolves with the response, or with undefined when the link closes first. */
  function submitSegment(current: Session, to: string, segment: Segment): Promise<PDU | undefined> {
    return new Promise((resolve) => {
      const onClose = () => resolve(undefined);
      current.once('close', onClose);
      current.submit_sm(
        {
          source_addr: options.sourceAddr,
          source_addr_ton: 5,
          source_addr_npi: 0,
          destination_addr: to.replace(/^\+/, ''),
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          registered_delivery: 1,
          data_coding: segment.dataCoding,
          short_message: segment.udh ? { udh: segment.udh, message: segment.text } : segment.text,
        },
        (pdu) => {
          current.off('close', onClose);
          resolve(pdu);
        },
      );
    });
  }

  /** Submits queued messages one at a time while bound, within the rate; throttling answers wait and retry. */
  async function pump() {
    if (busy) return;
    busy = true;
    try {
      while (!closed && isBound && session && queue.length > 0) {
        const item = queue[0]!;
        const wait = takeToken();
        if (wait > 0) {
          schedulePump(wait);
          return;
        }
        let messageId = '';
        let sent = 0;
        let throttled = false;
        for (const segment of item.segments) {
          const response = await submitSegment(session, item.to, segment);
          // The link dropped: the message stays queued and goes out after the reconnect, within its deadline.
          if (!response) break;
          if (response.command_status === smpp.ESME_RTHROTTLED) {
            throttled = true;
            break;
          }
          if (response.command_status !== smpp.ESME_ROK) {
            settle(
              item,
              new SmsUnavailableError(`SMS centre refused the message (status ${response.command_status})`),
            );
            break;
          }
          messageId ||= String(response.message_id);
          sent++;
        }
        if (item.settled) continue;
        if (throttled) {
          schedulePump(200);
          return;
        }
        if (sent < item.segments.length) return;
        settle(item, { messageId });
      }
    } finally {
      busy = false;
    }
  }

  function schedulePump(ms: number) {
    clearTimeout(pumpTimer);
    pumpTimer = setTimeout(() => void pump(), ms);
  }

  connect();

  return {
    send(message) {
      if (closed || queue.length >= queueLimit) {
        submitted.inc({ outcome: 'queue_full' });
        return Promise.reject(new SmsUnavailableError('the SMS queue is full'));
      }
      reference = (reference + 1) & 0xff;
      return new Promise((resolve, reject) => {
        const item: Pending = {
          to: message.to,
          segments: segmentsOf(message.text, reference),
          resolve,
          reject,
          settled: false,
          timer: setTimeout(() => {
            logger?.warn(
              { to: maskPhone(message.to), bound: isBound },
              'SMS not handed over before its deadline',
            );
            settle(item, new SmsUnavailableError('the SMS centre did not take the message in time'));
          }, deadlineMs),
        };
        queue.push(item);
        void pump();
      });
    },
    isReady: () => isBound,
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(pumpTimer);
      for (const item of [...queue]) settle(item, new SmsUnavailableError('the SMS sender is closing'));
      const current = session;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
}
