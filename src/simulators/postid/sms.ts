/**
 * PostID's SMS: activation codes go to the citizen's phone through the SMS centre over SMPP 3.4, as Vietnam
 * Post's own SMS gateway account would (bind as transmitter with its own system id, sender `VNPOST`). One bind,
 * opened on first use and again after it drops; a message is sent once its submit_sm_resp says ESME_ROK, and
 * fails (the page says so) when the centre is down or does not answer within 5 s.
 */
import smpp, { type PduCallback, type Session } from 'smpp';

interface Transmitter {
  bind_transmitter(options: Record<string, unknown>, onResponse: PduCallback): boolean;
}

export interface SmsGateway {
  send(toE164: string, text: string): Promise<void>;
  close(): Promise<void>;
}

const ANSWER_TIMEOUT_MS = 5000;

export function smppGateway(options: {
  host: string;
  port: number;
  systemId: string;
  password: string;
  sourceAddr: string;
}): SmsGateway {
  let bound: Promise<Session> | undefined;

  const bind = () =>
    new Promise<Session>((resolve, reject) => {
      const session = smpp.connect({
        host: options.host,
        port: options.port,
        auto_enquire_link_period: 15_000,
      });
      const fail = (error: Error) => {
        bound = undefined;
        reject(error);
      };
      session.on('error', fail);
      session.on('close', () => {
        bound = undefined;
      });
      session.on('connect', () => {
        // node-smpp has a shortcut for every command; the project's typings name only those it used so far.
        (session as unknown as Transmitter).bind_transmitter(
          { system_id: options.systemId, password: options.password },
          (pdu) =>
            pdu.command_status === 0
              ? resolve(session)
              : fail(new Error(`bind refused: ${pdu.command_status}`)),
        );
      });
    });

  const withTimeout = <T>(promise: Promise<T>) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the SMS centre did not answer')), ANSWER_TIMEOUT_MS).unref(),
      ),
    ]);

  return {
    async send(toE164, text) {
      bound ??= bind();
      const session = await withTimeout(bound);
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          session.submit_sm(
            {
              source_addr: options.sourceAddr,
              source_addr_ton: 5,
              source_addr_npi: 0,
              destination_addr: toE164.replace(/^\+/, ''),
              dest_addr_ton: 1,
              dest_addr_npi: 1,
              data_coding: 0,
              short_message: text,
            },
            (pdu) =>
              pdu.command_status === 0
                ? resolve()
                : reject(new Error(`submit refused: ${pdu.command_status}`)),
          );
        }),
      );
    },
    async close() {
      const session = await bound?.catch(() => undefined);
      bound = undefined;
      if (session) await new Promise<void>((resolve) => session.close(() => resolve()));
    },
  };
}
