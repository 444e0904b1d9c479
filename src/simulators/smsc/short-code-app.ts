/**
 * An application behind a short code (the carriers' 1414 service): an SMPP transceiver bound with the short
 * code as its address range. Each deliver_sm from a phone is answered by submit_sm back to that phone with
 * what `onMessage` returns. Reconnects when the SMS centre restarts.
 */
import smpp, { type PDU, type Session } from 'smpp';

interface Decoded {
  message: string | Buffer;
}

export interface ShortCodeApp {
  close(): Promise<void>;
}

export async function connectShortCodeApp(options: {
  host: string;
  port: number;
  systemId: string;
  password: string;
  shortCode: string;
  onMessage: (fromE164: string, text: string) => Promise<string | null>;
}): Promise<ShortCodeApp> {
  let session: Session | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = () =>
    new Promise<void>((resolve) => {
      const current = smpp.connect({
        host: options.host,
        port: options.port,
        auto_enquire_link_period: 15_000,
      });
      session = current;
      current.on('error', () => {});
      current.on('close', () => {
        if (closed) return;
        retry = setTimeout(() => void connect(), 500);
        resolve();
      });
      current.on('connect', () => {
        current.bind_transceiver(
          { system_id: options.systemId, password: options.password, address_range: options.shortCode },
          () => resolve(),
        );
      });
      current.on('enquire_link', (pdu: PDU) => current.send(pdu.response()));
      current.on('deliver_sm', async (pdu: PDU) => {
        current.send(pdu.response());
        if ((Number(pdu.esm_class) & 0x3c) !== 0) return;
        const decoded = pdu.short_message as Decoded;
        const text = typeof decoded.message === 'string' ? decoded.message : decoded.message.toString('utf8');
        const from = `+${String(pdu.source_addr).replace(/^\+/, '')}`;
        const reply = await options.onMessage(from, text).catch(() => null);
        if (reply) {
          current.submit_sm({
            source_addr: options.shortCode,
            source_addr_ton: 3,
            destination_addr: from.slice(1),
            dest_addr_ton: 1,
            dest_addr_npi: 1,
            data_coding: 0,
            // Longer answers travel whole in the message_payload TLV rather than as concatenated parts.
            ...(reply.length > 160 ? { message_payload: reply } : { short_message: reply }),
          });
        }
      });
    });

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await new Promise<void>((resolve) => (session ? session.close(() => resolve()) : resolve()));
    },
  };
}
