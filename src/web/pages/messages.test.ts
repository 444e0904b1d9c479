import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiMessages } from '../i18n/api-messages.ts';
import { format, pageMessages } from './messages.ts';

/** Every key path of a catalog with the placeholders of its text. */
function entries(catalog: object, prefix = ''): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string')
      found.set(path, [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort());
    else for (const [inner, names] of entries(value as object, path)) found.set(inner, names);
  }
  return found;
}

describe('message catalogs', () => {
  for (const [name, catalogs] of [
    ['pages', pageMessages],
    ['API', apiMessages],
  ] as const) {
    it(`${name}: Vietnamese and English have the same keys and the same placeholders`, () => {
      const vi = entries(catalogs.vi);
      const en = entries(catalogs.en);
      assert.deepEqual([...en.keys()].sort(), [...vi.keys()].sort());
      for (const [key, names] of vi) assert.deepEqual(en.get(key), names, key);
    });

    it(`${name}: no text is empty or left untranslated`, () => {
      const vi = entries(catalogs.vi);
      for (const [key] of entries(catalogs.en)) {
        const path = key.split('.');
        const text = (obj: object) =>
          path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
        assert.ok(text(catalogs.en).trim().length > 0, key);
        assert.ok(vi.has(key));
      }
    });
  }

  it('format fills placeholders and leaves unknown ones visible', () => {
    assert.equal(format('còn {n} lần, {x}', { n: 3 }), 'còn 3 lần, {x}');
  });
});
