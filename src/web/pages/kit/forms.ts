/**
 * Reading an HTML form against a page's form schema: each field a string of bounded length, required or
 * not. Missing required fields become REQUIRED errors; over-long ones INVALID. What a use case answers
 * (field codes) is merged into the same list, so one error summary shows both.
 */
import type { Failure } from '../../../usecases/outcome.ts';
import type { PageError } from './flash.ts';

export interface FieldSpec {
  maxLength: number;
  required?: boolean;
  /** Passwords keep their spaces; everything else is trimmed. */
  keepSpaces?: boolean;
}

export type FormSchema = Record<string, FieldSpec>;

export function readForm<S extends FormSchema>(
  body: unknown,
  schema: S,
): { values: Record<keyof S & string, string>; errors: PageError[] } {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values = {} as Record<keyof S & string, string>;
  const errors: PageError[] = [];
  for (const [field, spec] of Object.entries(schema) as [keyof S & string, FieldSpec][]) {
    const raw = Array.isArray(source[field]) ? source[field][0] : source[field];
    const text = typeof raw === 'string' ? (spec.keepSpaces ? raw : raw.trim()) : '';
    values[field] = text.length > spec.maxLength ? '' : text;
    if (text.length > spec.maxLength) errors.push({ field, code: 'INVALID' });
    else if (spec.required && text === '') errors.push({ field, code: 'REQUIRED' });
  }
  return { values, errors };
}

/** The field errors of a use case's failure, with the parameters their messages need. */
export function pageErrorsOf(failure: Failure, fallbackField: string): PageError[] {
  const params: Record<string, string | number> = {
    ...(failure.attemptsLeft !== undefined && { attemptsLeft: failure.attemptsLeft }),
    ...(failure.retryAfterSeconds !== undefined && { retryAfter: failure.retryAfterSeconds }),
    ...(failure.commonBase !== undefined && { common: failure.commonBase }),
  };
  if (failure.fieldErrors?.length) {
    return failure.fieldErrors.map((error) => ({
      field: error.field,
      code: error.code === 'TOO_COMMON' && failure.commonBase !== undefined ? 'TOO_COMMON_BASE' : error.code,
      params,
    }));
  }
  return [{ field: fallbackField, code: failure.code, params }];
}

/** Errors in the order of the form's fields, so the error summary reads as the page does. */
export function inFieldOrder(errors: PageError[], schema: FormSchema): PageError[] {
  const order = Object.keys(schema);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/** Only what may be shown again: never passwords, codes or captcha answers. */
export function keptValues(values: Record<string, string>, keep: readonly string[]): Record<string, string> {
  return Object.fromEntries(keep.map((field) => [field, values[field] ?? '']));
}
