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

/** "4 phút" / "45 seconds": whole minutes from a minute up (rounded up), seconds below. */
export function duration(seconds: number, m: PageMessages): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return whole >= 60
    ? format(m.common.minutes, { count: Math.ceil(whole / 60) })
    : format(m.common.seconds, { count: whole });
}
