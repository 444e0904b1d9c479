/** Times and durations as citizens read them: Vietnam's time zone, in the page's language. */
import type { Language } from '../../i18n/language.ts';
import { format, type PageMessages } from '../messages.ts';

const clockFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }),
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }),
};
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }),
};

export const clockTime = (date: Date, lang: Language) => clockFormats[lang].format(date);
export const calendarDate = (date: Date, lang: Language) => dateFormats[lang].format(date);

/**
 * A wait as a person says it: "45 giây", "4 phút", "1 giờ 30 phút", "24 hours" (never "1440 phút").
 * Seconds below a minute; whole minutes (rounded up) below an hour; hours and the minutes left above.
 */
export function duration(seconds: number, m: PageMessages): string {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return format(whole === 1 ? m.common.second : m.common.seconds, { count: whole });
  const minutes = Math.ceil(whole / 60);
  const inMinutes = (count: number) => format(count === 1 ? m.common.minute : m.common.minutes, { count });
  if (minutes < 60) return inMinutes(minutes);
  const hours = Math.floor(minutes / 60);
  const inHours = format(hours === 1 ? m.common.hour : m.common.hours, { count: hours });
  const rest = minutes % 60;
  return rest === 0
    ? inHours
    : format(m.common.hoursAndMinutes, { hours: inHours, minutes: inMinutes(rest) });
}

/**
 * When a citizen may try again: the wait, and from an hour up also the clock time and date it ends
 * ("23 giờ 59 phút, tức là từ 14:05 ngày 05/12/2026"), which is how people plan a day.
 */
export function retryWhen(seconds: number, now: Date, ctx: { lang: Language; m: PageMessages }): string {
  const wait = duration(seconds, ctx.m);
  if (seconds < 3600) return wait;
  const at = new Date(now.getTime() + Math.ceil(seconds / 60) * 60_000);
  return format(ctx.m.common.waitUntil, {
    wait,
    time: clockTime(at, ctx.lang),
    date: calendarDate(at, ctx.lang),
  });
}
