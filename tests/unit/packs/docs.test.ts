import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePack } from '../../../lib/packs';
import { packJsonSchema, packJsonSchemaText } from '../../../lib/packs/json-schema';
import { samplePack } from './fixtures';

const root = resolve(__dirname, '../../..');

describe('docs/pack.schema.json', () => {
  it('is what scripts/gen-pack-schema.ts generates from the zod schema (run it after changing the format)', () => {
    const committed = readFileSync(resolve(root, 'docs/pack.schema.json'), 'utf8');
    expect(committed).toBe(packJsonSchemaText());
  });

  it('describes the required fields and allows "$schema"', () => {
    const schema = packJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'format',
        'id',
        'name',
        'version',
        'publisher',
        'updatedAt',
        'changelog',
        'phrases',
      ]),
    );
    expect(schema.properties.$schema).toBeTruthy();
  });
});

describe('docs/pack-format.md', () => {
  const doc = readFileSync(resolve(root, 'docs/pack-format.md'), 'utf8');

  it('its worked example is a valid pack, identical to the test fixture', () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '';
    const r = parsePack(example);
    expect(r.ok).toBe(true);
    expect(JSON.parse(example)).toEqual(samplePack());
  });

  it('is Chinese first with an English summary', () => {
    expect(doc.indexOf('短语包')).toBeLessThan(doc.indexOf('## English summary'));
    expect(doc).toContain('## English summary');
  });
});
