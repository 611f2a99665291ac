/**
 * Writes docs/pack.schema.json from the zod pack schema (lib/packs/schema.ts).
 * Run after changing the pack format:  npx tsx scripts/gen-pack-schema.ts
 * tests/unit/packs/schema-file.test.ts fails while the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packJsonSchemaText } from '../lib/packs/json-schema';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'pack.schema.json');
writeFileSync(out, packJsonSchemaText(), 'utf8');
console.log(`wrote ${out}`);
