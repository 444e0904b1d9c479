/**
 * The remote-signing services' dev API (methods.md, "Remote (personal) signature"): create a user's credential at
 * a provider (again: a new key and certificate), and the outage and latency switches (both providers).
 */
import type { FastifyInstance } from 'fastify';
import { parseIdNumber } from '../../domain/id-number.ts';
import { cleanName } from '../../domain/name.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import { faultSwitchRoutes } from '../kit/faults.ts';
import type { RemoteSigningFaults } from './routes.ts';
import { PROVIDERS, type ProviderId, type RemoteSigningService } from './service.ts';

const PIN = /^\d{4,8}$/;

export async function remoteSigningDevRoutes(
  app: FastifyInstance,
  options: { service: RemoteSigningService; faults: RemoteSigningFaults },
) {
  const { service, faults } = options;
  app.post('/sim/remote-signing/users', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    const provider = body.provider as ProviderId;
    if (!PROVIDERS.includes(provider)) problems.push(`provider is one of ${PROVIDERS.join(', ')}`);
    const idNumber = typeof body.idNumber === 'string' ? body.idNumber.trim() : '';
    if (!parseIdNumber(idNumber).ok) problems.push('idNumber is a 12-digit ID number or a 9-digit CMND');
    const fullName = cleanName(typeof body.fullName === 'string' ? body.fullName : '');
    if (!fullName) problems.push('fullName is required');
    const phone = normalizeMobileNumber(typeof body.phoneNumber === 'string' ? body.phoneNumber : '');
    if (!phone.ok) problems.push('phoneNumber is not a Vietnamese mobile number');
    const pin = typeof body.pin === 'string' ? body.pin : '';
    if (!PIN.test(pin)) problems.push('pin is 4 to 8 digits');
    if (problems.length > 0 || !phone.ok)
      return reply.code(422).send({ error: 'invalid user', details: problems });
    const user = await service.addUser({ provider, idNumber, fullName, phoneNumber: phone.value.e164, pin });
    return reply.code(201).send({ serialNumber: user.key.serialNumber, credentialID: user.credentialID });
  });

  app.get('/sim/remote-signing/users', { schema: { hide: true } }, async () =>
    service.users().map((u) => ({
      provider: u.provider,
      idNumber: u.idNumber,
      fullName: u.fullName,
      phoneNumber: u.phoneNumber,
      serialNumber: u.key.serialNumber,
    })),
  );

  faultSwitchRoutes(app, '/sim/remote-signing', faults, {
    refusals: { down: 'down is true or false', ms: 'ms is a whole number from 0 to 60000' },
  });
}
