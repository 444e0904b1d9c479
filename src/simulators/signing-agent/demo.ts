/**
 * Who the demo token belongs to: a citizen of the synthetic population (so the hub's population registry
 * knows them, exactly as it knows everyone the other simulators draw) and a business whose certificate the
 * citizen holds. The citizen's key is EC P-256, the business's RSA-2048: both kinds reach the hub's pipeline.
 */
import { person } from '../population/people.ts';
import type { KeyKind } from './token.ts';

/** What the agent asks the test PKI to put in the certificate (docs/methods.md, `POST /sim/ca/certificates`). */
export type CertificateRequest =
  | { idNumber: string; fullName: string; ca: 'vnpt' | 'viettel' | 'fpt' }
  | { taxCode: string; organisationName: string; ca: 'vnpt' | 'viettel' | 'fpt' };

export interface DemoHolder {
  /** CKA_LABEL of the key pair and its certificate. */
  label: string;
  kind: KeyKind;
  request: CertificateRequest;
  /** One line for the start-up banner. */
  describe: string;
}

/** Person #4242 of the population (an adult with a 12-digit CCCD). */
const CITIZEN_INDEX = 4242;

/** A fictional tax code whose check digit is right (weights 31 29 23 19 17 13 7 5 3, mod 11). */
const BUSINESS = { taxCode: '0109876532', organisationName: 'Công ty TNHH Dịch vụ số Sông Hồng' };

export function demoHolders(): DemoHolder[] {
  const citizen = person(CITIZEN_INDEX);
  return [
    {
      label: 'citizen',
      kind: 'ec',
      request: { idNumber: citizen.idNumber, fullName: citizen.fullName, ca: 'vnpt' },
      describe: `citizen   ${citizen.idNumber}  ${citizen.fullName}  (born ${citizen.birthDate}; EC P-256, VNPT-CA)`,
    },
    {
      label: 'business',
      kind: 'rsa',
      request: { ...BUSINESS, ca: 'viettel' },
      describe: `business  MST ${BUSINESS.taxCode}  ${BUSINESS.organisationName}  (RSA-2048, Viettel-CA)`,
    },
  ];
}
