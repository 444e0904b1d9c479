/**
 * oidc-provider refuses to call special-use addresses (loopback, private networks) to stop a registered URL from
 * reaching inside the network. The portals of dev (loopback) and of a government network (private addresses)
 * live exactly there, so the origins of the registered clients' back-channel logout URIs are let through, and
 * every other call keeps the provider's protection.
 */
export function allowListedFetch(allowed: ReadonlySet<string>, underlying: typeof fetch = fetch) {
  return (url: string | URL | Request, options?: RequestInit) => {
    const origin = new URL(url instanceof Request ? url.url : String(url)).origin;
    if (!allowed.has(origin) || !options) return underlying(url, options);
    // The provider's guard travels as the dispatcher, which refuses special-use addresses: left off here only.
    const { dispatcher: _ssrfGuard, ...unguarded } = options as RequestInit & { dispatcher?: unknown };
    return underlying(url, unguarded);
  };
}
