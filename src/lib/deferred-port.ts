/**
 * A port whose real implementation is attached after start-up: in dev mode the partners' base URLs point
 * at the hub's own port, known only once the server listens. Until then, calls go to `whileDetached`
 * (which answers "unavailable").
 */
export function deferredPort<T extends object>(whileDetached: T): { port: T; attach(target: T): void } {
  let attached: T | undefined;
  const port = new Proxy(whileDetached, {
    get(detached, property) {
      const source = attached ?? detached;
      const value = Reflect.get(source, property);
      return typeof value === 'function' ? value.bind(source) : value;
    },
  });
  return {
    port,
    attach(target) {
      attached = target;
    },
  };
}
