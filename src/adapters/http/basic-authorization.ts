/**
 * The `Authorization` value a partner client sends with HTTP Basic (RFC 7617). A plain client id cannot hold a
 * colon (it would end the user part); OAuth 2.0 token endpoints take both parts form-encoded first
 * (RFC 6749 §2.3.1), which escapes it.
 */
export function basicAuthorization(
  client: { clientId: string; clientSecret: string },
  options: { label?: string; formEncoded?: boolean } = {},
): string {
  const label = options.label ? `${options.label} ` : '';
  if (!client.clientId || (!options.formEncoded && client.clientId.includes(':')))
    throw new RangeError(`${label}clientId is required and must not contain ":"`);
  if (!client.clientSecret) throw new RangeError(`${label}clientSecret is required`);
  const encode = options.formEncoded ? encodeURIComponent : (part: string) => part;
  const credentials = `${encode(client.clientId)}:${encode(client.clientSecret)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}
