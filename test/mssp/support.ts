/**
 * An MSSP over real HTTP for the tests: the simulator on its own Fastify server, its SIM keys certified by a
 * real test PKI (test/pki/support's world, whose signature pipeline and clock the tests share), a `soap` client
 * built from the MSSP's WSDL, and every envelope the MSSP received and sent kept for schema validation.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import * as soap from 'soap';
import { createMssp, devMsspApplicationProvider, type Mssp } from '../../src/simulators/mssp/index.ts';
import { WSDL_FILE } from '../../src/simulators/mssp/soap.ts';
import { type PkiWorld, startPkiWorld } from '../pki/support/pki-world.ts';

export const AP = devMsspApplicationProvider('test-secret');
export const MSS_NS = 'http://uri.etsi.org/TS102204/v1.1.2#';

export interface MsspWorld {
  world: PkiWorld;
  mssp: Mssp;
  url: string;
  client: soap.Client;
  envelopes: Array<{ direction: 'in' | 'out'; operation: string; xml: string }>;
  close(): Promise<void>;
}

export async function startMsspWorld(options: { tls?: boolean } = {}): Promise<MsspWorld> {
  const world = await startPkiWorld();
  const envelopes: MsspWorld['envelopes'] = [];
  const mssp = await createMssp({
    issue: (request) => world.pki.issue(request),
    applicationProviders: [AP],
    now: () => world.clock.now(),
    onEnvelope: (direction, operation, xml) => envelopes.push({ direction, operation, xml }),
    ...(options.tls && { tls: { port: 0 } }),
  });
  const app: FastifyInstance = Fastify();
  await app.register(mssp.soapRoutes);
  await app.register(mssp.devRoutes);
  const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  const client = await soap.createClientAsync(WSDL_FILE, { forceSoap12Headers: true } as soap.IOptions);
  return {
    world,
    mssp,
    url,
    client,
    envelopes,
    async close() {
      await app.close();
      await mssp.close();
      await world.close();
    },
  };
}

export type Fault = { status: number; reason: string; httpStatus: number | undefined };

/** Calls one operation on its port; a SOAP fault comes back as `{ fault }` with its TS 102 204 status code. */
/** The soap client's answers are untyped XML trees. */
// biome-ignore lint/suspicious/noExplicitAny: a tree read from XML, checked by the assertions
type Tree = Record<string, any>;
type SoapCallback = (error: Tree | null, result: Tree) => void;

export async function call(
  target: { client: soap.Client; url: string },
  operation: 'MSS_Signature' | 'MSS_StatusQuery',
  message: Record<string, unknown>,
): Promise<{ result: Tree } | { fault: Fault }> {
  const port = operation === 'MSS_Signature' ? 'MSS_SignaturePort' : 'MSS_StatusQueryPort';
  target.client.setEndpoint(`${target.url}/mssp/soap/services/${port}`);
  const method = (target.client as unknown as Tree).MSS_SignatureService[port][operation] as (
    args: unknown,
    callback: SoapCallback,
  ) => void;
  return new Promise((resolve, reject) => {
    method(message, (error, result) => {
      if (!error) return resolve({ result });
      const fault = error.root?.Envelope?.Body?.Fault;
      if (!fault) return reject(error);
      const subcode = String(fault.Code?.Subcode?.Value ?? '');
      const reason = fault.Reason?.Text;
      resolve({
        fault: {
          status: Number(subcode.replace(/^mss:_/, '')),
          reason: typeof reason === 'string' ? reason : String(reason?.$value ?? ''),
          httpStatus: error.response?.status,
        },
      });
    });
  });
}

let transactionCounter = 0;
export function apInfo(ap = AP, instant = new Date()) {
  transactionCounter += 1;
  return {
    attributes: {
      AP_ID: ap.apId,
      AP_TransID: `AP${transactionCounter}`,
      AP_PWD: ap.apPwd,
      Instant: instant.toISOString(),
    },
  };
}

export function signatureRequest(
  msisdn: string,
  dataBase64: string,
  options: {
    format?: 'PKCS7' | 'PKCS1';
    display?: string;
    ap?: typeof AP;
    mode?: string;
    timeOut?: number;
  } = {},
) {
  return {
    MSS_SignatureReq: {
      attributes: {
        MajorVersion: '1',
        MinorVersion: '1',
        MessagingMode: options.mode ?? 'asynchClientServer',
        ...(options.timeOut && { TimeOut: String(options.timeOut) }),
      },
      AP_Info: apInfo(options.ap),
      MSSP_Info: { MSSP_ID: { URI: 'http://mssp.sim.dichvucong.test' } },
      MobileUser: { MSISDN: msisdn },
      DataToBeSigned: {
        attributes: { MimeType: 'application/octet-stream', Encoding: 'base64' },
        $value: dataBase64,
      },
      DataToBeDisplayed: {
        attributes: { MimeType: 'text/plain', Encoding: 'UTF-8' },
        $value: options.display ?? 'Đăng ký tài khoản DVC — mã K7Q2',
      },
      SignatureProfile: { mssURI: 'http://mssp.sim.dichvucong.test/profiles/authentication' },
      MSS_Format: { mssURI: `${MSS_NS}${options.format ?? 'PKCS7'}` },
    },
  };
}

export function statusRequest(msspTransId: string, ap = AP) {
  return {
    MSS_StatusReq: {
      attributes: { MajorVersion: '1', MinorVersion: '1', MSSP_TransID: msspTransId },
      AP_Info: apInfo(ap),
      MSSP_Info: { MSSP_ID: { URI: 'http://mssp.sim.dichvucong.test' } },
    },
  };
}

const run = promisify(execFile);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const SCHEMAS = [
  here('./xsd/soap12-envelope.xsd'),
  here('../../src/simulators/mssp/ts102204.xsd'),
  here('../../src/simulators/mssp/mssp-ext.xsd'),
];

/**
 * Validates envelopes against the SOAP 1.2 envelope schema and the MSSP's TS 102 204 schema with the JDK's
 * validator (Java is on the project's machines). Resolves to the validator's complaints, empty when all pass.
 */
export async function invalidEnvelopes(xmls: string[]): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'mssp-envelopes-'));
  try {
    const files = xmls.map((xml, i) => {
      const file = join(folder, `${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    try {
      await run('java', [here('./xsd/ValidateEnvelopes.java'), ...SCHEMAS, '--', ...files]);
      return [];
    } catch (error) {
      const output = String((error as { stdout?: string }).stdout ?? error);
      return output.split('\n').filter((line) => line.startsWith('INVALID'));
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
