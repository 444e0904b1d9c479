/**
 * Every text of the portal in Vietnamese and English, one file per feature. To add a feature's texts
 * (a registration method, a page), create `<feature>.ts` here exporting
 *   - `pageTexts = definePageTexts({ vi, en })`: what its pages show, as `ctx.m.<section>.<key>`;
 *   - `apiTexts = defineApiTexts({ vi, en })`: its API problem codes and field-error codes;
 * and add it to the lists below. English must have exactly the Vietnamese keys (a compile error in the
 * feature's file otherwise); `catalog.test.ts` checks both languages use the same `{name}` placeholders.
 * A feature may add keys to a section others use too (`fieldErrors`, `refusal`), never redefine theirs.
 */
import * as account from './account.ts';
import * as captcha from './captcha.ts';
import * as common from './common.ts';
import { assemble } from './define.ts';
import * as errors from './errors.ts';
import * as home from './home.ts';
import * as hub from './hub.ts';
import * as identity from './identity.ts';
import * as mobile from './mobile.ts';
import * as oidc from './oidc.ts';
import * as oneTimeCodes from './one-time-codes.ts';
import * as organisations from './organisations.ts';
import * as passwords from './passwords.ts';
import * as recovery from './recovery.ts';
import * as registration from './registration.ts';
import * as remoteSignature from './remote-signature.ts';
import * as signIn from './sign-in.ts';
import * as signatures from './signatures.ts';
import * as simSignature from './sim-signature.ts';
import * as socialInsurance from './social-insurance.ts';
import * as usbToken from './usb-token.ts';
import * as vnpost from './vnpost.ts';

export const pageMessages = assemble([
  common.pageTexts,
  errors.pageTexts,
  home.pageTexts,
  captcha.pageTexts,
  oneTimeCodes.pageTexts,
  passwords.pageTexts,
  registration.pageTexts,
  mobile.pageTexts,
  socialInsurance.pageTexts,
  usbToken.pageTexts,
  vnpost.pageTexts,
  simSignature.pageTexts,
  remoteSignature.pageTexts,
  signIn.pageTexts,
  account.pageTexts,
  recovery.pageTexts,
  oidc.pageTexts,
  hub.pageTexts,
]);

export const apiMessages = assemble([
  errors.apiTexts,
  identity.apiTexts,
  captcha.apiTexts,
  oneTimeCodes.apiTexts,
  passwords.apiTexts,
  registration.apiTexts,
  mobile.apiTexts,
  socialInsurance.apiTexts,
  signatures.apiTexts,
  usbToken.apiTexts,
  simSignature.apiTexts,
  remoteSignature.apiTexts,
  signIn.apiTexts,
  account.apiTexts,
  organisations.apiTexts,
  recovery.apiTexts,
]);

export type PageMessages = (typeof pageMessages)['vi'];
export type ProblemCode = keyof (typeof apiMessages)['vi']['problems'];
export type FieldCode = keyof (typeof apiMessages)['vi']['fields'];
