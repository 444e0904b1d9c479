/**
 * The portal's SMS sender: an SMPP 3.4 transceiver (ESME) on node-smpp. It binds with configured
 * credentials, keeps the link alive (enquire_link), reconnects with backoff, submits through a bounded
 * queue at a configured rate, backs off on ESME_RTHROTTLED, records delivery receipts, and gives every
 * message a deadline: when the SMS centre is slow or down, `send` rejects with SmsUnavailableError in time
 * and never holds the HTTP server. Once a connection attempt has failed, the link is known to be down:
 * `send` rejects at once (reconnecting goes on in the background) instead of waiting out every deadline.
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
  /** How many messages may await their submit_sm_resp at once. */
  window?: number;
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
  started: boolean;
}

const MAX_BACKOFF_MS = 5000;
const THROTTLE_PAUSE_MS = 200;

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

  /** Every message not yet settled (waiting or in flight). */
  const unsettled = new Set<Pending>();
  /** Messages waiting to be submitted, oldest first; settled ones are skipped when reached. */
  let waiting: Pending[] = [];
  let waitingHead = 0;
  const nextWaiting = (): Pending | undefined => {
    while (waitingHead < waiting.length) {
      const item = waiting[waitingHead++]!;
      if (!item.settled && !item.started) return item;
    }
    waiting = [];
    waitingHead = 0;
    return undefined;
  };
  let session: Session | undefined;
  let isBound = false;
  /** The last attempt to connect and bind failed; unknown (false) while the first one is under way. */
  let knownDown = false;
  let closed = false;
  let reconnectDelay = 200;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pumpTimer: NodeJS.Timeout | undefined;
  let inFlight = 0;
  let pausedUntil = 0;
  const windowSize = options.window ?? 32;
  let reference = 0;
  let tokens = rate;
  let tokensAt = Date.now();

  function settle(item: Pending, outcome: { messageId: string } | Error) {
    if (item.settled) return;
    item.settled = true;
    clearTimeout(item.timer);
    unsettled.delete(item);
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
      // Many small PDUs in flight: Nagle's algorithm would hold them back waiting for ACKs.
      current.socket.setNoDelay(true);
      current.bind_transceiver({ system_id: options.systemId, password: options.password }, (pdu) => {
        if (pdu.command_status !== smpp.ESME_ROK) {
          logger?.error({ status: pdu.command_status }, 'SMS centre refused the bind');
          current.close();
          return;
        }
        isBound = true;
        knownDown = false;
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
      // A bound link that drops gets one quick reconnect before callers are turned away; a failed attempt
      // means the centre is down, and messages waiting for it would only run out their deadlines.
      else {
        knownDown = true;
        failWaiting();
      }
      isBound = false;
      bound.set(0);
      session = undefined;
      if (!closed) {
        reconnectTimer = setTimeout(connect, reconnectDelay);
        reconnectDelay = Math.min(reconnectDelay * 2, MAX_BACKOFF_MS);
      }
    });
  }

  function failWaiting() {
    for (const item of [...unsettled]) {
      if (!item.started) settle(item, new SmsUnavailableError('the SMS centre is unreachable'));
    }
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

  /**
   * Starts queued messages while bound, within the rate and a window of messages awaiting their
   * submit_sm_resp (SMPP windowing: one round trip at a time would cap throughput at 1/RTT).
   */
  function pump() {
    while (!closed && isBound && session && inFlight < windowSize && Date.now() >= pausedUntil) {
      const wait = takeToken();
      if (wait > 0) {
        schedulePump(wait);
        return;
      }
      const item = nextWaiting();
      if (!item) {
        tokens += 1;
        return;
      }
      item.started = true;
      inFlight++;
      void submitItem(item, session).finally(() => {
        inFlight--;
        pump();
      });
    }
    if (Date.now() < pausedUntil) schedulePump(pausedUntil - Date.now());
  }

  async function submitItem(item: Pending, current: Session) {
    let messageId = '';
    for (const segment of item.segments) {
      const response = await submitSegment(current, item.to, segment);
      if (item.settled) return;
      // The link dropped or the centre throttled: the message goes out again later, within its deadline.
      if (!response || response.command_status === smpp.ESME_RTHROTTLED) {
        item.started = false;
        waiting.push(item);
        if (response) pausedUntil = Date.now() + THROTTLE_PAUSE_MS;
        return;
      }
      if (response.command_status !== smpp.ESME_ROK) {
        settle(
          item,
          new SmsUnavailableError(`SMS centre refused the message (status ${response.command_status})`),
        );
        return;
      }
      messageId ||= String(response.message_id);
    }
    settle(item, { messageId });
  }

  function schedulePump(ms: number) {
    clearTimeout(pumpTimer);
    pumpTimer = setTimeout(pump, ms);
  }

  connect();

  return {
    send(message) {
      if (closed || unsettled.size >= queueLimit) {
        submitted.inc({ outcome: 'queue_full' });
        return Promise.reject(new SmsUnavailableError('the SMS queue is full'));
      }
      if (knownDown) {
        submitted.inc({ outcome: 'link_down' });
        return Promise.reject(new SmsUnavailableError('the SMS centre is unreachable'));
      }
      reference = (reference + 1) & 0xff;
      return new Promise((resolve, reject) => {
        const item: Pending = {
          to: message.to,
          segments: segmentsOf(message.text, reference),
          resolve,
          reject,
          settled: false,
          started: false,
          timer: setTimeout(() => {
            logger?.warn(
              { to: maskPhone(message.to), bound: isBound },
              'SMS not handed over before its deadline',
            );
            settle(item, new SmsUnavailableError('the SMS centre did not take the message in time'));
          }, deadlineMs),
        };
        unsettled.add(item);
        waiting.push(item);
        pump();
      });
    },
    isReady: () => isBound,
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(pumpTimer);
      for (const item of [...unsettled]) settle(item, new SmsUnavailableError('the SMS sender is closing'));
      const current = session;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
}
