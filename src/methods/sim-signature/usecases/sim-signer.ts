/**
 * The SIM signature as an asynchronous signer (src/usecases/registration/async-signer.ts): the phone number
 * addresses the SIM through the mobile-signature service; the SIM shows "Đăng ký tài khoản DVC — mã XXXX" (or the
 * sign-in text) and asks for its signing PIN; the status codes become the hub's refusals (docs/methods.md,
 * "SIM signature"). Who signed comes from the certificate only: the request knows just the phone.
 */
import { normalizeMobileNumber } from '../../../domain/phone.ts';
import { type FailureCode, failure, type Outcome, success } from '../../../usecases/outcome.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import type {
  MobileSignatureService,
  MobileSignatureStatus,
} from '../../../usecases/ports/mobile-signature-service.ts';
import type { PopulationRegistry } from '../../../usecases/ports/population-registry.ts';
import type { AsyncSigner, SignerPoll } from '../../../usecases/registration/index.ts';
import { createCitizenOfCertificate } from '../../../usecases/signatures/citizen-of-certificate.ts';

export const METHOD_ID = 'sim-signature';

export interface SimEntries {
  /** E.164. */
  phoneNumber: string;
}

/** The phone number as typed, checked; the field error when it is not a Vietnamese mobile number. */
export function simEntriesOf(input: { phoneNumber: string }): Outcome<SimEntries> {
  const phone = normalizeMobileNumber(input.phoneNumber ?? '');
  if (!phone.ok)
    return failure('VALIDATION_FAILED', {
      fieldErrors: [{ field: 'phoneNumber', code: 'PHONE_NUMBER_INVALID' }],
    });
  return success({ phoneNumber: phone.value.e164 });
}

const TEXT = {
  registration: (code: string) => `Đăng ký tài khoản DVC — mã ${code}`,
  'sign-in': (code: string) => `Đăng nhập DVC — mã ${code}`,
};

const REFUSAL: Partial<Record<MobileSignatureStatus['outcome'], FailureCode>> = {
  cancelled: 'SIGNATURE_CANCELLED',
  pin_blocked: 'SIM_PIN_BLOCKED',
  expired: 'SIGNATURE_EXPIRED',
};

export function createSimSigner(deps: {
  mobileSignature: MobileSignatureService;
  population: Pick<PopulationRegistry, 'lookup'>;
  metrics: JourneyMetrics;
}): AsyncSigner<SimEntries> {
  const timed = async <T extends { outcome: string }>(call: string, work: () => Promise<T>) => {
    const started = performance.now();
    const answer = await work();
    deps.metrics.partnerCall(call, answer.outcome, (performance.now() - started) / 1000);
    return answer;
  };

  const citizenOf = createCitizenOfCertificate(deps);
  return {
    id: METHOD_ID,
    requestSubject: (entries) => ({ key: entries.phoneNumber }),
    phoneOf: (entries) => entries.phoneNumber,

    async request(entries, ask, context) {
      const started = await timed('mssp_signature', () =>
        deps.mobileSignature.requestSignature(
          {
            phoneNumber: entries.phoneNumber,
            dataToBeSigned: ask.dataToBeSigned,
            dataToBeDisplayed: TEXT[ask.purpose](ask.displayCode),
            transactionId: ask.transactionId,
          },
          context,
        ),
      );
      if (started.outcome === 'not_enabled') return failure('MOBILE_SIGNATURE_NOT_ENABLED');
      if (started.outcome === 'unavailable')
        return failure('MOBILE_SIGNATURE_UNAVAILABLE', { retryAfterSeconds: 30 });
      return success({ request: JSON.stringify({ msspTransactionId: started.msspTransactionId }) });
    },

    async poll(request, context): Promise<SignerPoll> {
      const { msspTransactionId } = JSON.parse(request) as { msspTransactionId: string };
      const status = await timed('mssp_status', () =>
        deps.mobileSignature.queryStatus(msspTransactionId, context),
      );
      if (status.outcome === 'pending' || status.outcome === 'unavailable')
        return { outcome: status.outcome };
      if (status.outcome === 'signed') {
        const { outcome: _signed, ...signed } = status;
        return { outcome: 'signed', signed };
      }
      return { outcome: 'refused', code: REFUSAL[status.outcome] ?? 'SIGNATURE_INVALID' };
    },

    /** A SIM certificate of an organisation names no citizen. */
    async subjectOf(signer, context) {
      if (signer.kind !== 'citizen') return failure('CERTIFICATE_NO_IDENTITY');
      return citizenOf(signer, context);
    },
  };
}
