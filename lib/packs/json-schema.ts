import { z } from 'zod';
import { PACK_FORMAT, packObjectSchema } from './schema';

/**
 * The JSON Schema of `kefu-pack/1` for editors (docs/pack.schema.json), generated from the zod
 * schema so the two cannot drift; a unit test compares the committed file with this.
 * Written as an input schema: optional-with-default fields stay optional for the person typing.
 * Cross-field rules (unique ids) and refinements cannot be expressed here; parsePack checks them.
 */
export function packJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(packObjectSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  const { $schema, ...rest } = generated as Record<string, unknown>;
  return {
    $schema,
    title: `客服工具箱短语包（${PACK_FORMAT}）`,
    description:
      'Kefu Kit phrase pack. 短语包格式说明见 docs/pack-format.md。编号唯一、快捷码不重复等规则由扩展导入时检查。',
    ...rest,
  };
}

/** The file's exact text: 2-space JSON and a final newline. */
export function packJsonSchemaText(): string {
  return `${JSON.stringify(packJsonSchema(), null, 2)}\n`;
}
