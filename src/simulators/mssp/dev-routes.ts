/**
 * The MSSP's dev API (methods.md, "SIM signature"): create a SIM subscriber (again: a new key and certificate,
 * PIN counter reset), look one up, and the outage and latency switches.
 */
import type { FastifyInstance } from 'fastify';
import { parseIdNumber } from '../../domain/id-number.ts';
import { cleanName } from '../../domain/name.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import { faultSwitchRoutes } from '../kit/faults.ts';
import type { MsspEngine } from './engine.ts';
import type { MsspFaults } from './soap.ts';

const PIN = /^\d{4,8}$/;

export async function msspDevRoutes(
  app: FastifyInstance,
  options: { engine: MsspEngine; faults: MsspFaults },
) {
  const { engine, faults } = options;
  app.post('/sim/mssp/subscribers', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    const phone = normalizeMobileNumber(typeof body.phoneNumber === 'string' ? body.phoneNumber : '');
    if (!phone.ok) problems.push('phoneNumber is not a Vietnamese mobile number');
    const idNumber = typeof body.idNumber === 'string' ? body.idNumber.trim() : '';
    if (!parseIdNumber(idNumber).ok) problems.push('idNumber is a 12-digit ID number or a 9-digit CMND');
    const fullName = cleanName(typeof body.fullName === 'string' ? body.fullName : '');
    if (!fullName) problems.push('fullName is required');
    const pin = typeof body.pin === 'string' ? body.pin : '';
    if (!PIN.test(pin)) problems.push('pin is 4 to 8 digits');
    if (body.service !== undefined && typeof body.service !== 'boolean')
      problems.push('service is true or false');
    if (problems.length > 0 || !phone.ok)
      return reply.code(422).send({ error: 'invalid subscriber', details: problems });
    const subscriber = await engine.addSubscriber({
      msisdn: phone.value.e164,
      idNumber,
      fullName,
      pin,
      service: body.service !== false,
    });
    return reply
      .code(201)
      .send({ phoneNumber: subscriber.msisdn, serialNumber: subscriber.key?.serialNumber ?? null });
  });

  // Who can try the method: every subscriber with the demo's details (the PIN only for seeded ones).
  app.get('/sim/mssp/subscribers', { schema: { hide: true } }, async () =>
    engine.subscribers().map((s) => ({
      phoneNumber: s.msisdn,
      idNumber: s.idNumber,
      fullName: s.fullName,
      service: Boolean(s.key),
      pinBlocked: s.blocked,
    })),
  );

  app.get<{ Params: { phone: string } }>(
    '/sim/mssp/subscribers/:phone',
    { schema: { hide: true } },
    async (request, reply) => {
      const phone = normalizeMobileNumber(decodeURIComponent(request.params.phone));
      const subscriber = phone.ok ? engine.subscriber(phone.value.e164) : undefined;
      if (!subscriber) return reply.code(404).send({ error: 'no such subscriber' });
      return {
        phoneNumber: subscriber.msisdn,
        idNumber: subscriber.idNumber,
        fullName: subscriber.fullName,
        service: Boolean(subscriber.key),
        serialNumber: subscriber.key?.serialNumber ?? null,
        pinBlocked: subscriber.blocked,
      };
    },
  );

  faultSwitchRoutes(app, '/sim/mssp', faults, {
    refusals: { down: 'down is true or false', ms: 'ms is a whole number from 0 to 60000' },
  });
}
