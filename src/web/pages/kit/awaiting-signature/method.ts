/** What an asynchronous signature method gives the shared pages: only what differs between methods. */
import type { Outcome, RequestContext } from '../../../../usecases/outcome.ts';
import type { SignInStatus, StartWithCode } from '../../../../usecases/registration/index.ts';
import type { PageContext } from '../context.ts';
import type { FormSchema } from '../forms.ts';
import type { RegistrationFormView } from '../registration-form.ts';
import type { AwaitingSignaturePaths } from './paths.ts';
import type { RefusalRules } from './refusals.ts';
import type { SignInView } from './templates.tsx';
import type { AwaitingSignatureTexts } from './texts.ts';

export interface AwaitingSignatureMethod {
  method: string;
  paths: AwaitingSignaturePaths;
  texts(ctx: PageContext): AwaitingSignatureTexts;
  /** The fields' names in the error summary. */
  labels(ctx: PageContext): Record<string, string>;
  refusals: RefusalRules;
  registration: {
    /** The form's fields: the method's entries, the captcha, the consent. */
    schema: FormSchema;
    kept: readonly string[];
    render(view: RegistrationFormView): string | Promise<string>;
    start: StartWithCode<Record<string, string>>;
  };
  signIn: {
    /** The cookie that carries the attempt between the form and its waiting page. */
    cookieName: string;
    /** The method's entries (the form's `interaction` is added). */
    entries: FormSchema;
    /** The field a refusal of the entries points at. */
    errorField: string;
    render(view: SignInView): string | Promise<string>;
    start(entries: Record<string, string>, context: RequestContext): Promise<Outcome<SignInStatus>>;
    poll(signInId: string, context: RequestContext): Promise<Outcome<SignInStatus>>;
  };
}
