/** Turns page errors (field + code) into the sentences the error summary and the fields show. */
import { format } from '../messages.ts';
import type { PageContext } from './context.ts';
import type { PageError } from './flash.ts';
import { duration } from './time.ts';

export interface ShownError {
  field: string;
  message: string;
}

export function errorMessage(ctx: PageContext, error: PageError, label = ''): string {
  const params = {
    ...error.params,
    label: label.charAt(0).toLocaleLowerCase(ctx.lang) + label.slice(1),
    ...(error.params?.retryAfter !== undefined && { when: duration(Number(error.params.retryAfter), ctx.m) }),
  };
  const template =
    ctx.m.fieldErrors[error.code as keyof typeof ctx.m.fieldErrors] ??
    ctx.api.fields[error.code as keyof typeof ctx.api.fields] ??
    ctx.api.problems[error.code as keyof typeof ctx.api.problems]?.detail ??
    ctx.api.fields.INVALID;
  return format(template, params);
}

export function shownErrors(
  ctx: PageContext,
  errors: PageError[] | undefined,
  labels: Record<string, string>,
): ShownError[] {
  return (errors ?? []).map((error) => ({
    field: error.field,
    message: errorMessage(ctx, error, labels[error.field] ?? ''),
  }));
}

export const errorFor = (errors: ShownError[], field: string) =>
  errors.find((error) => error.field === field)?.message;
