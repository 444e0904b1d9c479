/** Picks the answer's language: an explicit choice (cookie or query) first, then Accept-Language; Vietnamese by default. Shared by the hub's pages and the portal apps. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return value === 'vi' || value === 'en';
}

export function negotiateLanguage(acceptLanguage: string | undefined, explicit?: string): Language {
  if (isLanguage(explicit)) return explicit;
  if (!acceptLanguage) return 'vi';
  let best: { lang: Language; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (!isLanguage(primary)) continue;
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang: primary, q };
  }
  return best?.lang ?? 'vi';
}
