/**
 * Registration by social insurance: the social-insurance registry (Vietnam Social Security) confirms that a
 * record with this social-insurance number (mã số BHXH) holds this ID number, name and birth date; the code
 * then goes to the phone held on that record. The registry vouches for the phone, so there is no carrier
 * check; a record without a phone cannot be used until the citizen adds one (VssID app or an office).
 */
import { vouchedBy } from '../../../domain/identity-claims.ts';
import { REGISTRIES } from '../../../domain/partners.ts';
import { failure, success } from '../../../usecases/outcome.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import type { SocialInsuranceRegistry } from '../../../usecases/ports/social-insurance-registry.ts';
import { validateCitizenEntries } from '../../../usecases/registration/citizen-entries.ts';
import type {
  CaptchaAnswer,
  CitizenEntries,
  CodeRegistrationMethod,
} from '../../../usecases/registration/index.ts';

export interface SocialInsuranceInput extends CitizenEntries, CaptchaAnswer {
  socialInsuranceNumber: string;
}

export interface SocialInsuranceEntries extends CitizenEntries {
  socialInsuranceNumber: string;
}

const VSS_CONTACT = REGISTRIES.vss;

export function createSocialInsuranceMethod(deps: {
  registry: SocialInsuranceRegistry;
  metrics: JourneyMetrics;
}): CodeRegistrationMethod<SocialInsuranceInput, SocialInsuranceEntries> {
  return {
    id: 'social-insurance',

    validate(input, today) {
      const citizen = validateCitizenEntries(input, today);
      const number = input.socialInsuranceNumber.replace(/\s/g, '');
      const numberOk = /^\d{10}$/.test(number);
      const errors = [
        ...(numberOk ? [] : [{ field: 'socialInsuranceNumber', code: 'SOCIAL_INSURANCE_NUMBER_INVALID' }]),
        ...citizen.errors,
      ];
      if (!citizen.entries || !numberOk) return failure('VALIDATION_FAILED', { fieldErrors: errors });
      return success({ ...citizen.entries, socialInsuranceNumber: number });
    },

    async prove(entries, context) {
      const started = performance.now();
      const answer = await deps.registry.match(entries, { requestId: context.requestId });
      deps.metrics.partnerCall('record_match', answer.outcome, (performance.now() - started) / 1000);
      switch (answer.outcome) {
        case 'unavailable':
          return {
            proven: false,
            failure: { code: 'SOCIAL_INSURANCE_UNAVAILABLE', retryAfterSeconds: 30 },
            partner: 'vss',
          };
        case 'no_match':
          return {
            proven: false,
            failure: { code: 'INSURANCE_RECORD_MISMATCH', partner: VSS_CONTACT },
            partner: 'vss',
          };
        case 'match':
          if (!answer.phoneNumber)
            return {
              proven: false,
              failure: { code: 'INSURANCE_NO_PHONE', partner: VSS_CONTACT },
              partner: 'vss',
            };
          return {
            proven: true,
            identity: {
              idNumber: entries.idNumber,
              fullName: entries.fullName,
              birthDate: entries.birthDate,
              phoneNumber: answer.phoneNumber,
              claims: vouchedBy('VSS', 2, ['idNumber', 'fullName', 'birthDate', 'phoneNumber']),
            },
            partner: 'vss',
          };
      }
    },
  };
}
