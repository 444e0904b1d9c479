/**
 * The pages' entry to the text catalog. The texts themselves live by feature in `../i18n/catalog/`
 * (its index says how to add some); `{name}` placeholders are filled by `format`.
 */
export { type PageMessages, pageMessages } from '../i18n/catalog/index.ts';

/** Fills `{name}` placeholders; unknown names stay visible rather than vanish. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
