import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, PHRASE_STAGES, phraseSchema } from '../../../lib/phrases/model';
import { createPhraseIndex } from '../../../lib/phrases/search';
import { STARTER_PHRASES } from '../../../lib/phrases/starter';
import { findVariables, validateTemplate } from '../../../lib/phrases/template';
import { findWordingIssues } from '../../../lib/phrases/wording';

describe('starter phrases', () => {
  it('has about eighty phrases that parse with the phrase model', () => {
    expect(STARTER_PHRASES.length).toBeGreaterThanOrEqual(70);
    for (const p of STARTER_PHRASES) {
      expect(phraseSchema.parse(p), p.id).toEqual(p);
      expect(p.source).toEqual({ kind: 'starter' });
    }
  });

  it('has stable, unique ids and unique short latin shortcuts', () => {
    const ids = STARTER_PHRASES.map((p) => p.id);
    const shortcuts = STARTER_PHRASES.map((p) => p.shortcut!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    for (const p of STARTER_PHRASES) {
      expect(p.shortcut).toMatch(/^[a-z]{2,5}$/);
      expect(p.id).toBe(`starter-${p.shortcut}`);
    }
    expect(ids).toContain('starter-cfh');
  });

  it('covers every default category', () => {
    for (const stage of PHRASE_STAGES) {
      for (const category of DEFAULT_CATEGORIES[stage]) {
        expect(
          STARTER_PHRASES.some((p) => p.category === `${stage}/${category}`),
          `${stage}/${category}`,
        ).toBe(true);
      }
    }
    const known = new Set(PHRASE_STAGES.flatMap((s) => DEFAULT_CATEGORIES[s].map((c) => `${s}/${c}`)));
    for (const p of STARTER_PHRASES) expect(known.has(p.category!), p.category).toBe(true);
  });

  it('gives the most common questions three different variants', () => {
    for (const shortcut of ['yj', 'cfh', 'fh', 'dh', 'wl', 'cm', 'th', 'hh']) {
      const p = STARTER_PHRASES.find((x) => x.shortcut === shortcut)!;
      expect(p.variants, shortcut).toHaveLength(3);
      expect(new Set(p.variants).size, shortcut).toBe(3);
    }
  });

  it('passes its own wording checker: no blind promises, no banned words, no cold habits', () => {
    for (const p of STARTER_PHRASES) {
      for (const v of p.variants) expect(findWordingIssues(v), `${p.id}: ${v}`).toEqual([]);
    }
  });

  it('uses only known template variables, with valid syntax', () => {
    let withVariables = 0;
    for (const p of STARTER_PHRASES) {
      for (const v of p.variants) {
        expect(validateTemplate(v), `${p.id}: ${v}`).toEqual([]);
        if (findVariables(v).length) withVariables++;
      }
    }
    expect(withVariables).toBeGreaterThan(15);
  });

  it('is found by shortcut, title and pinyin', () => {
    const index = createPhraseIndex(STARTER_PHRASES);
    expect(index.search('cfh')[0]?.id).toBe('starter-cfh');
    expect(index.search('催发货')[0]?.id).toBe('starter-cfh');
    expect(index.search('tuihuo')[0]?.id).toBe('starter-th');
    expect(index.search('物流')[0]?.id).toBe('starter-wl');
  });
});
