/** The part of the `smpp` package (node-smpp 0.5, SMPP 3.4/5.0) this project uses; the package ships no types. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: Record<string, unknown>): PDU;
  }

  export type PduCallback = (pdu: PDU) => void;

  export interface Session extends EventEmitter {
    socket: Socket;
    server?: Server;
    send(pdu: PDU, onResponse?: PduCallback, onSent?: () => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(options: Record<string, unknown>, onResponse?: PduCallback): boolean;
    submit_sm(options: Record<string, unknown>, onResponse?: PduCallback): boolean;
    deliver_sm(options: Record<string, unknown>, onResponse?: PduCallback): boolean;
    enquire_link(options?: Record<string, unknown>, onResponse?: PduCallback): boolean;
    unbind(options?: Record<string, unknown>, onResponse?: PduCallback): boolean;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: {
    host: string;
    port: number;
    auto_enquire_link_period?: number;
  }): Session;
  export function createServer(listener: (session: Session) => void): Server;

  export const encodings: { ASCII: { match(value: string): boolean } };
  export const ESME_ROK: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RINVPASWD: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RSYSERR: number;
  export const ESME_RINVDSTADR: number;
  export const ESME_RINVBNDSTS: number;

  const smpp: {
    connect: typeof connect;
    createServer: typeof createServer;
    encodings: typeof encodings;
    ESME_ROK: number;
    ESME_RBINDFAIL: number;
    ESME_RINVPASWD: number;
    ESME_RTHROTTLED: number;
    ESME_RSYSERR: number;
    ESME_RINVDSTADR: number;
    ESME_RINVBNDSTS: number;
  };
  export default smpp;
}
