/**
 * The MSSP's SOAP face: ETSI TS 102 204's SOAP 1.2 binding (mssp.wsdl, ts102204.xsd) served by the `soap`
 * library without a server of its own (`processRequest`), mounted as Fastify routes so the same plugin runs on
 * the hub's dev server (plain HTTP) and on the MSSP's own TLS port with client certificates. Application
 * providers are authenticated by AP_ID/AP_PWD on every message; refusals are SOAP faults whose Subcode is
 * `mss:_<status code>` and whose Reason is the status name, as the standard's SOAP binding has them.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import * as soap from 'soap';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import { clientSecretCheck } from '../kit/clients.ts';
import type { FaultSwitches } from '../kit/faults.ts';
import { type MssFormat, type MsspEngine, STATUS, STATUS_NAME, type Transaction } from './engine.ts';

export const MSS_NS = 'http://uri.etsi.org/TS102204/v1.1.2#';
export const FORMAT_URI: Record<MssFormat, string> = { PKCS7: `${MSS_NS}PKCS7`, PKCS1: `${MSS_NS}PKCS1` };
/** The standard's additional service asking the MSSP to validate the signature (then 502, not 500). */
export const VALIDATE_SERVICE_URI = `${MSS_NS}validate`;
export const SOAP_PATH = '/mssp/soap/services';
export const WSDL_FILE = fileURLToPath(new URL('./mssp.wsdl', import.meta.url));

export interface ApplicationProvider {
  apId: string;
  apPwd: string;
}

/** Switches for fault tests: an outage answers 503, latency delays every answer. */
export type MsspFaults = FaultSwitches;

interface SoapFault {
  Fault: {
    Code: { Value: string; Subcode: { Value: string } };
    Reason: { Text: { attributes: Record<string, string>; $value: string } };
    statusCode: number;
  };
}

const RECEIVER_FAULTS: number[] = [STATUS.INTERNAL_ERROR];

function fault(status: number): SoapFault {
  const receiver = RECEIVER_FAULTS.includes(status);
  return {
    Fault: {
      Code: { Value: receiver ? 'soap:Receiver' : 'soap:Sender', Subcode: { Value: `mss:_${status}` } },
      Reason: { Text: { attributes: { 'xml:lang': 'en' }, $value: STATUS_NAME[status] ?? 'INTERNAL_ERROR' } },
      // SOAP 1.2's HTTP binding: a Sender fault is the client's (400), a Receiver fault the server's (500).
      statusCode: receiver ? 500 : 400,
    },
  };
}

/** The outage answer, written by hand: the SOAP engine is "down" too. */
function outageEnvelope() {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:mss="${MSS_NS}"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value><soap:Subcode><soap:Value>mss:_900</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang="en">INTERNAL_ERROR</soap:Text></soap:Reason></soap:Fault></soap:Body></soap:Envelope>`;
}

type Attributes = Record<string, string | undefined>;
interface Node {
  attributes?: Attributes;
  $value?: string;
  [key: string]: unknown;
}

const text = (node: unknown): string | undefined => {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && typeof (node as Node).$value === 'string')
    return (node as Node).$value;
  return undefined;
};
const attributesOf = (node: unknown): Attributes =>
  (node && typeof node === 'object' ? (node as Node).attributes : undefined) ?? {};
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export interface MsspSoapOptions {
  engine: MsspEngine;
  applicationProviders: readonly ApplicationProvider[];
  /** The MSSP's own identifier (MSSP_Info/MSSP_ID/URI). */
  msspId: string;
  faults: MsspFaults;
  now: () => Date;
  /** Every envelope in and out, for tests that validate them against the schema. */
  onEnvelope?: (direction: 'in' | 'out', operation: string, xml: string) => void;
}

export async function createMsspSoapPlugin(options: MsspSoapOptions) {
  const { engine, now } = options;
  const providerKnown = clientSecretCheck(
    options.applicationProviders.map((p) => ({ clientId: p.apId, clientSecret: p.apPwd })),
  );
  /** Which application provider started each transaction: another one may not ask about it. */
  const owners = new Map<string, string>();
  const validated = new Set<string>();

  const authenticate = (request: Node): { apId: string; apTransId: string } => {
    const info = attributesOf(request.AP_Info);
    const apId = info.AP_ID ?? '';
    if (!providerKnown(apId, info.AP_PWD ?? '')) throw fault(STATUS.UNAUTHORIZED_ACCESS);
    if (!info.AP_TransID || !info.Instant) throw fault(STATUS.MISSING_PARAM);
    return { apId, apTransId: info.AP_TransID };
  };

  const header = (ap: { apId: string; apTransId: string }, msspTransId?: string) => ({
    attributes: {
      MajorVersion: '1',
      MinorVersion: '1',
      ...(msspTransId && { MSSP_TransID: msspTransId }),
    },
    // The AP's password is never echoed back.
    AP_Info: {
      attributes: { AP_ID: ap.apId, AP_TransID: ap.apTransId, AP_PWD: '', Instant: now().toISOString() },
    },
    MSSP_Info: { attributes: { Instant: now().toISOString() }, MSSP_ID: { URI: options.msspId } },
  });

  const signatureOf = (transaction: Transaction) =>
    transaction.format === 'PKCS7'
      ? { Base64Signature: Buffer.from(transaction.signature!).toString('base64') }
      : {
          'ext:PKCS1': {
            'ext:SignatureValue': Buffer.from(transaction.signature!).toString('base64'),
            'ext:X509Certificate': transaction.certificates!.map((der) =>
              Buffer.from(der).toString('base64'),
            ),
          },
        };

  const services = {
    MSS_SignatureService: {
      MSS_SignaturePort: {
        MSS_Signature(args: { MSS_SignatureReq?: Node }) {
          const request = args?.MSS_SignatureReq;
          if (!request) throw fault(STATUS.MISSING_PARAM);
          const ap = authenticate(request);
          const attributes = attributesOf(request);
          if (attributes.MessagingMode !== 'asynchClientServer') throw fault(STATUS.WRONG_PARAM);
          const msisdn = text((request.MobileUser as Node | undefined)?.MSISDN);
          if (!msisdn) throw fault(STATUS.MISSING_PARAM);
          const phone = normalizeMobileNumber(msisdn);
          if (!phone.ok) throw fault(STATUS.WRONG_PARAM);
          const dtbs = request.DataToBeSigned;
          const dtbsText = text(dtbs);
          if (!dtbsText) throw fault(STATUS.MISSING_PARAM);
          const base64 = (attributesOf(dtbs).Encoding ?? '').toLowerCase() === 'base64';
          if (base64 && !/^[A-Za-z0-9+/]+={0,2}$/.test(dtbsText.trim())) throw fault(STATUS.WRONG_PARAM);
          const data = base64
            ? new Uint8Array(Buffer.from(dtbsText.trim(), 'base64'))
            : new Uint8Array(Buffer.from(dtbsText, 'utf8'));
          const display = text(request.DataToBeDisplayed) ?? (base64 ? 'Yêu cầu ký số' : dtbsText);
          const formatUri = text((request.MSS_Format as Node | undefined)?.mssURI) ?? FORMAT_URI.PKCS7;
          const format = (Object.keys(FORMAT_URI) as MssFormat[]).find((f) => FORMAT_URI[f] === formatUri);
          if (!format) throw fault(STATUS.WRONG_PARAM);
          const timeOut = attributes.TimeOut === undefined ? undefined : Number(attributes.TimeOut);
          if (timeOut !== undefined && !(Number.isInteger(timeOut) && timeOut > 0))
            throw fault(STATUS.WRONG_PARAM);
          const services = asArray(
            (request.AdditionalServices as Node | undefined)?.Service as Node | Node[],
          );
          const validate = services.some(
            (s) => text((s.Description as Node | undefined)?.mssURI) === VALIDATE_SERVICE_URI,
          );
          const started = engine.startSignature({
            msisdn: phone.value.e164,
            data,
            displayText: display.slice(0, 200),
            format,
            ...(timeOut !== undefined && { timeoutSeconds: timeOut }),
          });
          if (!started.ok) throw fault(started.status);
          // The engine forgets old transactions; so does this side, in a sweep now and then.
          if (owners.size > 20_000)
            for (const id of owners.keys())
              if (!engine.transaction(id)) {
                owners.delete(id);
                validated.delete(id);
              }
          owners.set(started.transaction.id, ap.apId);
          if (validate) validated.add(started.transaction.id);
          return {
            MSS_SignatureResp: {
              ...header(ap, started.transaction.id),
              MobileUser: { MSISDN: phone.value.e164 },
              Status: {
                StatusCode: { attributes: { Value: String(STATUS.REQUEST_OK) } },
                StatusMessage: 'REQUEST_OK',
              },
            },
          };
        },
      },
      MSS_StatusQueryPort: {
        MSS_StatusQuery(args: { MSS_StatusReq?: Node }) {
          const request = args?.MSS_StatusReq;
          if (!request) throw fault(STATUS.MISSING_PARAM);
          const ap = authenticate(request);
          const id = attributesOf(request).MSSP_TransID ?? '';
          const transaction = engine.transaction(id);
          if (!transaction || owners.get(id) !== ap.apId) throw fault(STATUS.WRONG_PARAM);
          if (transaction.state === 'cancelled') throw fault(STATUS.USER_CANCEL);
          if (transaction.state === 'blocked') throw fault(STATUS.PIN_NR_BLOCKED);
          if (transaction.state === 'expired') throw fault(STATUS.EXPIRED_TRANSACTION);
          const signed = transaction.state === 'signed';
          const code = !signed
            ? STATUS.OUTSTANDING_TRANSACTION
            : validated.has(id)
              ? STATUS.VALID_SIGNATURE
              : STATUS.SIGNATURE;
          return {
            MSS_StatusResp: {
              ...header(ap),
              MobileUser: { MSISDN: transaction.msisdn },
              ...(signed && { MSS_Signature: signatureOf(transaction) }),
              Status: {
                StatusCode: { attributes: { Value: String(code) } },
                StatusMessage: STATUS_NAME[code],
              },
            },
          };
        },
      },
    },
  };

  const wsdl = readFileSync(WSDL_FILE, 'utf8');
  const server = await new Promise<soap.Server>((resolve, reject) => {
    const options_ = {
      path: SOAP_PATH,
      services,
      xml: wsdl,
      uri: WSDL_FILE,
      forceSoap12Headers: true,
      callback: (error: unknown, ready: soap.Server) => (error ? reject(error) : resolve(ready)),
    };
    soap.listen(null, options_ as unknown as soap.IServerOptions);
  });

  return async function msspSoapRoutes(app: FastifyInstance) {
    for (const type of ['application/soap+xml', 'text/xml', 'application/xml'])
      if (!app.hasContentTypeParser(type))
        app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) =>
          done(null, body),
        );
    const wsdlFor = (base: string) =>
      wsdl.replaceAll('http://127.0.0.1/mssp/soap/services', `${base}${SOAP_PATH}`);
    app.get(`${SOAP_PATH}/:port`, { schema: { hide: true } }, async (request, reply) => {
      const base = `${request.protocol}://${request.host}`;
      return reply.type('text/xml; charset=utf-8').send(wsdlFor(base));
    });
    app.get('/mssp/wsdl/:file', { schema: { hide: true } }, async (request, reply) => {
      const file = (request.params as { file: string }).file;
      if (!['mssp.wsdl', 'ts102204.xsd', 'mssp-ext.xsd'].includes(file)) return reply.code(404).send();
      const content = readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8');
      return reply
        .type('text/xml; charset=utf-8')
        .send(file === 'mssp.wsdl' ? wsdlFor(`${request.protocol}://${request.host}`) : content);
    });
    app.post<{ Params: { port: string } }>(
      `${SOAP_PATH}/:port`,
      { schema: { hide: true } },
      async (request, reply) => {
        if (options.faults.latencyMs > 0) await delay(options.faults.latencyMs);
        const port = request.params.port;
        if (port !== 'MSS_SignaturePort' && port !== 'MSS_StatusQueryPort') return reply.code(404).send();
        if (options.faults.down)
          return reply
            .code(503)
            .header('retry-after', '30')
            .type('application/soap+xml; charset=utf-8')
            .send(outageEnvelope());
        const xml = typeof request.body === 'string' ? request.body : '';
        const operation = port === 'MSS_SignaturePort' ? 'MSS_Signature' : 'MSS_StatusQuery';
        options.onEnvelope?.('in', operation, xml);
        let answer: { statusCode: number; body: string };
        try {
          answer = await server.processRequest(xml, {
            url: `${SOAP_PATH}/${port}`,
            headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
          });
        } catch {
          answer = { statusCode: 400, body: '' };
        }
        // Ours are answers or faults with an mss:_ subcode; anything else is the SOAP engine failing to read
        // the message (not XML, not SOAP, no such operation): a Sender fault 101, as for any malformed message.
        const ours =
          answer.body.startsWith('<?xml') && (answer.statusCode === 200 || answer.body.includes('>mss:_'));
        const body = ours ? answer.body : malformedEnvelope();
        options.onEnvelope?.('out', operation, body);
        return reply
          .code(ours ? answer.statusCode : 400)
          .type('application/soap+xml; charset=utf-8')
          .send(body);
      },
    );
  };
}

function malformedEnvelope() {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:mss="${MSS_NS}"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value>mss:_101</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang="en">WRONG_PARAM</soap:Text></soap:Reason></soap:Fault></soap:Body></soap:Envelope>`;
}
