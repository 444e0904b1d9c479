/** Every portal text exists in Vietnamese and English, key for key (the kit's and each portal's own). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PORTALS } from '../../src/portals/index.ts';
import { kitTexts } from '../../src/portals/kit/texts.ts';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

function assertSameKeys(vi: unknown, en: unknown, what: string) {
  assert.deepEqual(keysOf(en).sort(), keysOf(vi).sort(), `${what}: vi and en have the same keys`);
  for (const key of keysOf(vi)) assert.ok(key, `${what}: no empty key`);
}

describe('portal texts', () => {
  it('the kit’s texts: the same keys in vi and en, none empty', () => {
    assertSameKeys(kitTexts.vi, kitTexts.en, 'kit');
    const empty = (texts: unknown) =>
      keysOf(texts).filter((key) => key.split('.').reduce<unknown>((v, k) => (v as never)[k], texts) === '');
    assert.deepEqual([...empty(kitTexts.vi), ...empty(kitTexts.en)], []);
  });

  for (const portal of Object.values(PORTALS)) {
    it(`${portal.id}: its names and every service field and option in vi and en`, () => {
      assertSameKeys(portal.texts.vi, portal.texts.en, portal.id);
      for (const service of portal.services) {
        assertSameKeys(service.texts.vi, service.texts.en, `${portal.id}/${service.slug}`);
        for (const field of service.fields) {
          for (const lang of ['vi', 'en'] as const) {
            const texts = service.texts[lang].fields[field.name];
            assert.ok(texts?.label, `${service.slug}.${field.name} has a ${lang} label`);
            if (field.kind === 'choice')
              assert.deepEqual(
                Object.keys(texts.options ?? {}),
                field.options,
                `${field.name} options in ${lang}`,
              );
          }
        }
      }
    });
  }
});
