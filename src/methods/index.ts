/**
 * The registration methods, in the order the chooser shows them: the one place a method is added
 * (ARCHITECTURE.md, "Adding a registration method").
 */
import { mobileMethod } from './mobile/plugin.ts';
import type { RegistrationMethodPlugin } from './plugin.ts';
import { remoteSignatureMethod } from './remote-signature/plugin.ts';
import { simSignatureMethod } from './sim-signature/plugin.ts';
import { socialInsuranceMethod } from './social-insurance/plugin.ts';
import { usbTokenMethod } from './usb-token/plugin.ts';
import { vnpostMethod } from './vnpost/plugin.ts';

export const REGISTRATION_METHODS: readonly RegistrationMethodPlugin[] = [
  mobileMethod,
  socialInsuranceMethod,
  vnpostMethod,
  usbTokenMethod,
  simSignatureMethod,
  remoteSignatureMethod,
];
