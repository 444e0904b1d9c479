/** The mobile-subscriber form's fields: what is read from the post, and what may be shown again. */
import type { FormSchema } from '../../../../../web/pages/kit/forms.ts';

export const mobileFormSchema = {
  idNumber: { maxLength: 32, required: true },
  fullName: { maxLength: 200, required: true },
  birthDate: { maxLength: 32, required: true },
  phoneNumber: { maxLength: 32, required: true },
  captchaId: { maxLength: 64 },
  captchaAnswer: { maxLength: 32, required: true },
  consent: { maxLength: 8 },
  action: { maxLength: 32 },
} satisfies FormSchema;

/** Entries shown again after an error; the captcha answer never is (the next image is a new one). */
export const KEPT = ['idNumber', 'fullName', 'birthDate', 'phoneNumber', 'consent'] as const;
