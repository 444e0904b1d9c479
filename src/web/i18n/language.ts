/** The hub's pages and the portal apps pick a language the same way: the rule lives in `src/lib/`. */
export * from '../../lib/language.ts';
