/** The steps every code-sending method shares (code, password, done), under the method's own paths. */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../kit/deps.ts';
import { type CodePageOptions, registrationCodePage } from './code/route.ts';
import { registrationDonePage } from './done/route.ts';
import { registrationPasswordPage } from './password/route.ts';
import { registrationPaths } from './paths.ts';

export async function sharedStepPages(
  app: FastifyInstance,
  deps: PageDeps,
  method: string,
  codePage: CodePageOptions = {},
) {
  const paths = registrationPaths(method);
  await registrationCodePage(app, deps, method, paths, codePage);
  await registrationPasswordPage(app, deps, method, paths);
  await registrationDonePage(app, deps, method, paths);
}
