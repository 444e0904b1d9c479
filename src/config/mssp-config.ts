/**
 * MSSP_*: the hub as an application provider of the mobile-signature service (docs/methods.md, "SIM signature").
 * MSSP_WSDL_URL (the MSSP's published WSDL; it names the MSS_Signature and MSS_StatusQuery addresses), MSSP_AP_ID,
 * MSSP_AP_PWD, MSSP_FORMAT (PKCS7 | PKCS1, default PKCS7), MSSP_TIMEOUT_MS, and the client certificate the MSSP's
 * TLS port asks for: MSSP_TLS_CERT_FILE, MSSP_TLS_KEY_FILE (PEM), MSSP_TLS_CA_FILE (the MSSP's CA, optional).
 * In dev mode, unset values come from the built-in simulator on the hub's own server; production needs the URL and
 * the AP credentials. The client certificate goes as a pair (certificate and key) and is what an https MSSP port
 * asks for (the Vietnamese MSSPs do): without it such a port refuses the handshake, and the method answers 503.
 * The schema (environment.ts) checks the values; the files are read here.
 */
import { readFileSync } from 'node:fs';
import type { Values } from './environment.ts';

export interface MsspConfig {
  wsdlUrl: string | undefined;
  apId: string | undefined;
  apPwd: string | undefined;
  format: 'PKCS7' | 'PKCS1';
  tls: { cert: string; key: string; ca?: string } | undefined;
  timeoutMs: number;
}

export function readMsspConfig(values: Values, problems: string[]): MsspConfig {
  const file = (name: 'MSSP_TLS_CERT_FILE' | 'MSSP_TLS_KEY_FILE' | 'MSSP_TLS_CA_FILE') => {
    const path = values[name];
    if (!path) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      problems.push(`${name} names a file that cannot be read: "${path}"`);
      return undefined;
    }
  };
  const cert = file('MSSP_TLS_CERT_FILE');
  const key = file('MSSP_TLS_KEY_FILE');
  const ca = file('MSSP_TLS_CA_FILE');
  return {
    wsdlUrl: values.MSSP_WSDL_URL,
    apId: values.MSSP_AP_ID,
    apPwd: values.MSSP_AP_PWD,
    format: values.MSSP_FORMAT === 'PKCS1' ? 'PKCS1' : 'PKCS7',
    tls: cert && key ? { cert, key, ...(ca && { ca }) } : undefined,
    timeoutMs: values.MSSP_TIMEOUT_MS,
  };
}
