/**
 * oidc-provider refuses to call special-use addresses (loopback, private networks) to stop a registered URL from
 * reaching inside the network. The portals of dev (loopback) and of a government network (private addresses)
 * live exactly there, so the origins of the registered clients' back-channel logout URIs are let through, and
 * every other call keeps the provider's protection. With `anyLoopback` (dev, where Dynamic Client Registration is
 * open) any loopback address passes too, for clients registered on the fly.
 */
export function allowListedFetch(
  allowed: ReadonlySet<string>,
  underlying: typeof fetch = fetch,
  anyLoopback = false,
) {
  return (url: string | URL | Request, options?: RequestInit) => {
    const target = new URL(url instanceof Request ? url.url : String(url));
    const letThrough = allowed.has(target.origin) || (anyLoopback && LOOPBACK.has(target.hostname));
    if (!letThrough || !options) return underlying(url, options);
    // The provider's guard travels as the dispatcher, which refuses special-use addresses: left off here only.
    const { dispatcher: _ssrfGuard, ...unguarded } = options as RequestInit & { dispatcher?: unknown };
    return underlying(url, unguarded);
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
