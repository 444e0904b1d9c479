/**
 * Registration and sign-in through Vietnam Post (PostID), as a plug-in: the federation use cases over the PostID
 * port (Partners.postId) and the shared tail (registerVerified, a session with FEDERATED_SIGN_IN), and their pages.
 * No JSON start route: the method is a browser round trip to PostID.
 */
import { FEDERATED_SIGN_IN } from '../../usecases/accounts/sessions.ts';
import { registrationMethod } from '../plugin.ts';
import { createVnpostFederation } from './usecases/vnpost-federation.ts';
import { INTRO_PATH } from './web/pages/paths.ts';
import { vnpostPages } from './web/pages/routes.ts';

export const vnpostMethod = registrationMethod({
  id: 'vnpost',
  chooser: (m) => ({ name: m.methods.post, hint: m.methods.postHint }),
  refusals: {},
  audience: ['citizen'],
  requiresJavaScript: false,
  entryPath: INTRO_PATH,
  build({ journey, metrics, partners, federation }) {
    const vnpost = createVnpostFederation({
      provider: partners.postId,
      population: partners.population,
      accounts: federation.accounts,
      store: federation.store,
      protector: federation.protector,
      random: federation.random,
      clock: federation.clock,
      audit: federation.audit,
      metrics,
      registerVerified: journey.registerVerified,
      openSession: (accountId, context) =>
        journey.signInWithCredential(accountId, FEDERATED_SIGN_IN, context, 'vnpost'),
    });
    return {
      api: async () => {},
      pages: (app, deps) => vnpostPages(app, deps, vnpost),
    };
  },
});
