import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assemble, definePageTexts } from './define.ts';
import { apiMessages, pageMessages } from './index.ts';

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

    it(`${name}: no text is empty`, () => {
      for (const language of ['vi', 'en'] as const)
        for (const [key] of entries(catalogs[language])) {
          const text = key
            .split('.')
            .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalogs[language]) as string;
          assert.ok(text.trim().length > 0, `${language}: ${key}`);
        }
    });
  }

  it('features share a section, each with its own keys', () => {
    assert.ok(pageMessages.en.fieldErrors.REQUIRED, 'from the errors feature');
    assert.ok(pageMessages.en.fieldErrors.CONSENT_REQUIRED, 'from the mobile feature');
    assert.ok(pageMessages.vi.refusal.exists1, 'from the registration feature');
    assert.ok(pageMessages.vi.refusal.notOwner1, 'from the mobile feature');
  });

  it('refuses a text that two features define, naming it', () => {
    const first = definePageTexts({ vi: { refusal: { title: 'a' } }, en: { refusal: { title: 'A' } } });
    const second = definePageTexts({ vi: { refusal: { title: 'b' } }, en: { refusal: { title: 'B' } } });
    assert.throws(() => assemble([first, second]), /"refusal\.title" is defined by two features/);
  });

  it('leaves the features it assembles untouched', () => {
    const first = definePageTexts({ vi: { s: { a: 'a' } }, en: { s: { a: 'A' } } });
    const second = definePageTexts({ vi: { s: { b: 'b' } }, en: { s: { b: 'B' } } });
    assert.deepEqual(assemble([first, second]).en, { s: { a: 'A', b: 'B' } });
    assert.deepEqual(first.en, { s: { a: 'A' } });
  });
});
