/**
 * A CarrierCheck whose real implementation is attached after start-up: in dev mode the carriers' base URLs
 * point at the portal's own port, known only once the server listens.
 */
import type { CarrierCheck } from './ports/carrier-check.ts';

export class DeferredCarrierCheck implements CarrierCheck {
  #target: CarrierCheck | undefined;

  attach(target: CarrierCheck): void {
    this.#target = target;
  }

  checkOwner(...args: Parameters<CarrierCheck['checkOwner']>) {
    if (!this.#target) return Promise.resolve({ outcome: 'carrier_unavailable' as const });
    return this.#target.checkOwner(...args);
  }

  ping() {
    return this.#target ? this.#target.ping() : Promise.reject(new Error('carrier adapter not attached yet'));
  }
}
