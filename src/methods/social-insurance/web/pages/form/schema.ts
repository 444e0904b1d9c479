/** The social-insurance form's fields: what is read from the post, and what may be shown again. */
import type { FormSchema } from '../../../../../web/pages/kit/forms.ts';

export const socialInsuranceFormSchema = {
  socialInsuranceNumber: { maxLength: 32, required: true },
  idNumber: { maxLength: 32, required: true },
  fullName: { maxLength: 200, required: true },
  birthDate: { maxLength: 32, required: true },
  captchaId: { maxLength: 64 },
  captchaAnswer: { maxLength: 32, required: true },
  consent: { maxLength: 8 },
  action: { maxLength: 32 },
} satisfies FormSchema;

export const KEPT = ['socialInsuranceNumber', 'idNumber', 'fullName', 'birthDate', 'consent'] as const;
