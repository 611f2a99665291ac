import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../../lib/features';
import { FEATURE_IDS } from '../../../lib/features/ids';
import { SITE_ADAPTERS } from '../../../lib/sites';
import { DEMO_ROUTES } from '../../fixtures/demo/routes';

const ROOT = resolve(import.meta.dirname, '../../..');
const NOT_FEATURES = new Set(['index.ts', 'ids.ts', 'manager.ts', 'types.ts']);

describe('feature registry', () => {
  const files = readdirSync(join(ROOT, 'lib/features'))
    .filter((f) => f.endsWith('.ts') && !NOT_FEATURES.has(f))
    .map((f) => f.replace(/\.ts$/, ''));

  it('lists every feature file exactly once, with the file name as its id', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(FEATURES.map((f) => f.id).sort()).toEqual([...files].sort());
  });

  it('FEATURE_IDS (what the options page lists) is FEATURES, in the same order', () => {
    expect([...FEATURE_IDS]).toEqual(FEATURES.map((f) => f.id));
  });
});

describe('site adapters and their fixtures', () => {
  for (const adapter of SITE_ADAPTERS) {
    it(`${adapter.id} has demo pages that check every one of its selectors`, () => {
      expect(existsSync(join(ROOT, 'tests/fixtures/demo', adapter.id, 'routes.ts'))).toBe(true);
      const routes = DEMO_ROUTES.filter((r) => r.site === adapter.id);
      expect(routes.length).toBeGreaterThan(0);
      const checked = new Set(routes.flatMap((r) => Object.keys(r.expectedCounts)));
      const unchecked = adapter.selectors.map((s) => s.name).filter((name) => !checked.has(name));
      expect(unchecked, `selectors of ${adapter.id} no fixture counts`).toEqual([]);
    });

    it(`${adapter.id} dates every selector alternative and says why`, () => {
      for (const sel of adapter.selectors) {
        expect(sel.alternatives.length, sel.name).toBeGreaterThan(0);
        for (const alt of sel.alternatives) {
          expect(alt.seen, `${sel.name}: ${alt.css}`).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
          expect(alt.why.length, `${sel.name}: ${alt.css}`).toBeGreaterThan(3);
        }
      }
    });
  }

  it('every demo route file exists and its URL is answered with that file', async () => {
    const { routeFor } = await import('../../harness/demo-router');
    for (const route of DEMO_ROUTES) {
      expect(existsSync(join(ROOT, 'tests/fixtures/demo', route.file)), route.file).toBe(true);
      expect(routeFor(new URL(route.url))?.file, route.url).toBe(route.file);
    }
  });
});
