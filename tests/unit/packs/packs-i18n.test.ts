import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The packs, publish and spreadsheet sections look their strings up with keys built at runtime
 * (`t('packs.status.' + s)`), which the typed i18n cannot check: this test does, for both
 * locales, so a missing key shows here and not as a raw key in front of an agent.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const FILES = [
  'components/options/packs-section.tsx',
  'components/options/pack-card.tsx',
  'components/options/pack-preview.tsx',
  'components/options/packs-ui.tsx',
  'components/options/publish-section.tsx',
  'components/options/sheet-section.tsx',
];
/** Keys assembled from a template literal in the sections. */
const DYNAMIC = [
  ...['added', 'removed', 'changed', 'unchanged'].map((s) => `packs.status.${s}`),
  ...['ignore', 'variant', 'title', 'shortcut', 'category', 'tags', 'platforms', 'id'].map(
    (r) => `sheet.role.${r}`,
  ),
  ...[1, 2, 3].map((n) => `sheet.step${n}`),
  ...['packs', 'publish', 'sheet'].map((s) => `options.nav.${s}`),
];

function usedKeys(): string[] {
  const keys = new Set(DYNAMIC);
  for (const file of FILES) {
    const text = readFileSync(resolve(ROOT, file), 'utf8');
    for (const m of text.matchAll(/'((?:packs|publish|sheet)\.[A-Za-z0-9.]+)'/g)) keys.add(m[1] as string);
  }
  return [...keys].sort();
}

/**
 * The locale files as flat `a.b.c → text`: two-space nesting and one-line values, which is all
 * the locale files use (no YAML library is a dependency of the project).
 */
function load(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const path: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^( *)([A-Za-z0-9_@]+):(?: (.*))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 2;
    path.length = depth;
    path.push(m[2] as string);
    const raw = (m[3] ?? '').trim();
    if (!raw) continue;
    const value = raw.startsWith("'")
      ? raw.slice(1, -1).replace(/''/g, "'")
      : raw.startsWith('"')
        ? raw.slice(1, -1)
        : raw;
    out.set(path.join('.'), value);
  }
  return out;
}

function lookup(tree: Map<string, string>, key: string): string | undefined {
  return tree.get(key);
}

describe('packs UI strings', () => {
  const keys = usedKeys();
  it('finds the keys it checks', () => {
    expect(keys.length).toBeGreaterThan(150);
  });
  it.each(['zh_CN', 'en'])('every key exists in %s, with the same $n placeholders as zh_CN', (locale) => {
    const tree = load(readFileSync(resolve(ROOT, `locales/${locale}.yml`), 'utf8'));
    const zh = load(readFileSync(resolve(ROOT, 'locales/zh_CN.yml'), 'utf8'));
    const missing = keys.filter((k) => typeof lookup(tree, k) !== 'string');
    expect(missing).toEqual([]);
    const placeholders = (s: unknown) => [...String(s).matchAll(/\$(\d)/g)].map((m) => m[1]).sort();
    const mismatched = keys.filter(
      (k) => placeholders(lookup(tree, k)).join() !== placeholders(lookup(zh, k)).join(),
    );
    expect(mismatched).toEqual([]);
  });
});
