/** The text of a flash notice ("section.key" of the page catalog, with parameters). */
import { format } from '../messages.ts';
import type { PageContext } from './context.ts';
import type { Flash } from './flash.ts';

export function noticeText(ctx: PageContext, flash: Flash): string | undefined {
  if (!flash.notice) return undefined;
  const [section, key] = flash.notice.key.split('.') as [string, string];
  const catalog = ctx.m as unknown as Record<string, Record<string, string> | undefined>;
  const template = catalog[section]?.[key];
  return template ? format(template, flash.notice.params) : undefined;
}
