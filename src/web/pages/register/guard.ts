/**
 * The journey guard of the registration pages: the state machine (through the registration's status)
 * decides which page a citizen may see. A page of another step (or of another method) redirects to the
 * step the citizen is at; a registration that expired or was superseded sends them back to the method's
 * form with a notice.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JourneyStep, RegistrationStatus } from '../../../usecases/registration/index.ts';
import type { PageDeps } from '../kit/deps.ts';
import { seeOther } from '../kit/reply.ts';
import { pathOfStep, registrationPaths } from './paths.ts';

export async function registrationAt(
  deps: PageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  method: string,
  step: JourneyStep,
): Promise<RegistrationStatus | undefined> {
  const id = deps.journeys.get(request, 'registration');
  const status = id ? await deps.registration.status(id) : undefined;
  if (!status?.ok) {
    if (id) deps.flash.set(reply, { notice: { key: 'registrationForm.expired' } });
    await seeOther(reply, registrationPaths(method).form);
    return undefined;
  }
  if (status.value.step !== step || status.value.method !== method) {
    await seeOther(reply, pathOfStep(status.value.method, status.value.step));
    return undefined;
  }
  return status.value;
}
