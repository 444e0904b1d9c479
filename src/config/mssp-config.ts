/**
 * MSSP_*: the hub as an application provider of the mobile-signature service (docs/methods.md, "SIM signature").
 * MSSP_WSDL_URL (the MSSP's published WSDL; it names the MSS_Signature and MSS_StatusQuery addresses), MSSP_AP_ID,
 * MSSP_AP_PWD, MSSP_FORMAT (PKCS7 | PKCS1, default PKCS7), MSSP_TIMEOUT_MS, and the client certificate the MSSP's
 * TLS port asks for: MSSP_TLS_CERT_FILE, MSSP_TLS_KEY_FILE (PEM), MSSP_TLS_CA_FILE (the MSSP's CA, optional).
 * In dev mode, unset values come from the built-in simulator on the hub's own server; production needs the URL and
 * the AP credentials. The client certificate goes as a pair (certificate and key) and is what an https MSSP port
 * asks for (the Vietnamese MSSPs do): without it such a port refuses the handshake, and the method answers 503.
 */
import { readFileSync } from 'node:fs';

export interface MsspConfig {
  wsdlUrl: string | undefined;
  apId: string | undefined;
  apPwd: string | undefined;
  format: 'PKCS7' | 'PKCS1';
  tls: { cert: string; key: string; ca?: string } | undefined;
  timeoutMs: number;
}

type Env = Record<string, string | undefined>;

export function readMsspConfig(
  env: Env,
  mode: 'dev' | 'production',
  problems: string[],
  parseTimeout: (name: string, fallback: number) => number,
): MsspConfig {
  const setting = (name: string) => {
    const value = env[name] || undefined;
    if (!value && mode === 'production') problems.push(`${name} is missing`);
    return value;
  };
  const file = (name: string) => {
    const path = env[name] || undefined;
    if (!path) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      problems.push(`${name} names a file that cannot be read: "${path}"`);
      return undefined;
    }
  };
  const wsdlUrl = setting('MSSP_WSDL_URL');
  if (wsdlUrl !== undefined && !/^https?:\/\//.test(wsdlUrl))
    problems.push(`MSSP_WSDL_URL must be an http(s) URL, got "${wsdlUrl}"`);
  const format = env.MSSP_FORMAT || 'PKCS7';
  if (format !== 'PKCS7' && format !== 'PKCS1')
    problems.push(`MSSP_FORMAT must be PKCS7 or PKCS1, got "${format}"`);
  const cert = file('MSSP_TLS_CERT_FILE');
  const key = file('MSSP_TLS_KEY_FILE');
  const ca = file('MSSP_TLS_CA_FILE');
  if (Boolean(env.MSSP_TLS_CERT_FILE) !== Boolean(env.MSSP_TLS_KEY_FILE))
    problems.push('MSSP_TLS_CERT_FILE and MSSP_TLS_KEY_FILE go together: the client certificate and its key');
  return {
    wsdlUrl,
    apId: setting('MSSP_AP_ID'),
    apPwd: setting('MSSP_AP_PWD'),
    format: format === 'PKCS1' ? 'PKCS1' : 'PKCS7',
    tls: cert && key ? { cert, key, ...(ca && { ca }) } : undefined,
    timeoutMs: parseTimeout('MSSP_TIMEOUT_MS', 3000),
  };
}
