/**
 * The pages of a registration method whose signature is made elsewhere and awaited (SIM signature, remote
 * signature): the method gives its entries, texts, paths and use cases (`AwaitingSignatureMethod`); the
 * registration's form, waiting, done and refusal pages and the sign-in form and waiting page are the same.
 */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../deps.ts';
import type { AwaitingSignatureMethod } from './method.ts';
import { signatureRegistrationRoutes } from './registration-routes.ts';
import { awaitingSignatureReplies } from './replies.ts';
import { signatureSignInRoutes } from './sign-in-routes.ts';

export type { AwaitingSignatureMethod } from './method.ts';
export { type AwaitingSignaturePaths, awaitingSignaturePaths } from './paths.ts';
export type { RefusalRules } from './refusals.ts';
export { SignatureRegistrationPage, SignatureSignInPage, type SignInView } from './templates.tsx';
export type { AwaitingSignatureTexts } from './texts.ts';

export async function awaitingSignaturePages(
  app: FastifyInstance,
  deps: PageDeps,
  spec: AwaitingSignatureMethod,
) {
  const replies = awaitingSignatureReplies(deps, spec);
  signatureRegistrationRoutes(app, deps, spec, replies);
  signatureSignInRoutes(app, deps, spec, replies);
}
