/**
 * Reading ETSI TS 102 204 answers as the `soap` library parses them (attributes under `attributes`, text under
 * `$value` or as a plain string), and the status code of a SOAP 1.2 fault (its Subcode `mss:_<code>`).
 */

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value.$value === 'string') return value.$value;
  return undefined;
}

/** The Value of a message's Status/StatusCode. */
export function statusCodeOf(message: unknown): number | undefined {
  if (!isNode(message) || !isNode(message.Status) || !isNode(message.Status.StatusCode)) return undefined;
  const value = (message.Status.StatusCode.attributes as Node | undefined)?.Value;
  const code = Number(value);
  return Number.isInteger(code) ? code : undefined;
}

/** The status in a SOAP fault's Subcode (`mss:_401` → 401), from the error the `soap` client rejects with. */
export function subcodeOf(error: unknown): number | undefined {
  if (!isNode(error)) return undefined;
  const root = error.root as Node | undefined;
  const body = isNode(root) && isNode(root.Envelope) ? (root.Envelope.Body as Node | undefined) : undefined;
  const fault = isNode(body) ? body.Fault : undefined;
  if (!isNode(fault)) return undefined;
  const code = isNode(fault.Code) ? fault.Code : undefined;
  const subcode = code && isNode(code.Subcode) ? text(code.Subcode.Value) : undefined;
  const match = subcode?.match(/_(\d{3})$/);
  return match ? Number(match[1]) : undefined;
}

const der = (base64: string) => new Uint8Array(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/**
 * The signature in MSS_Signature: `Base64Signature` (PKCS#7: a CMS SignedData), or the PKCS1 extension element
 * (the bare signature with the SIM's certificate first, then its issuing chain).
 */
export function readSignature(
  signature: unknown,
):
  | { signedData: Uint8Array }
  | { signature: Uint8Array; certificate: Uint8Array; chain: Uint8Array[] }
  | undefined {
  if (!isNode(signature)) return undefined;
  const cms = text(signature.Base64Signature);
  if (cms && BASE64.test(cms)) return { signedData: der(cms) };
  const pkcs1 = Object.entries(signature).find(([key]) => key === 'PKCS1' || key.endsWith(':PKCS1'))?.[1];
  if (!isNode(pkcs1)) return undefined;
  const value = text(pkcs1.SignatureValue);
  const raw = pkcs1.X509Certificate;
  const certificates = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(text);
  if (!value || !BASE64.test(value) || certificates.length === 0) return undefined;
  if (certificates.some((c) => !c || !BASE64.test(c))) return undefined;
  const [certificate, ...chain] = certificates.map((c) => der(c as string));
  return certificate ? { signature: der(value), certificate, chain } : undefined;
}
