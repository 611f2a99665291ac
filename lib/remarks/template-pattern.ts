/**
 * The tiny pattern language of remark templates, kept small enough for a team lead to edit:
 *
 *   送{gift}[{quantity}份]         {name} is a field; [ … ] is dropped when a field inside is empty
 *   \{ \} \[ \] \\                 a backslash makes the next bracket or backslash literal
 *
 * Groups do not nest and must hold at least one field (a group of plain text would never drop).
 */

export const TEMPLATE_FIELD_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export type PatternText = { type: 'text'; text: string };
export type PatternField = { type: 'field'; name: string };
export type PatternOptional = { type: 'optional'; parts: (PatternText | PatternField)[] };
export type PatternToken = PatternText | PatternField | PatternOptional;

export type ParsedPattern = { ok: true; tokens: PatternToken[] } | { ok: false; error: string };

const SPECIAL = new Set(['{', '}', '[', ']', '\\']);

export function parseTemplatePattern(pattern: string): ParsedPattern {
  const tokens: PatternToken[] = [];
  let group: PatternOptional | null = null;
  let text = '';
  const flushText = () => {
    if (!text) return;
    (group ? group.parts : tokens).push({ type: 'text', text });
    text = '';
  };

  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || !SPECIAL.has(next)) {
        return { ok: false, error: `第 ${i + 1} 个字符：反斜杠后面只能跟 { } [ ] 或 \\` };
      }
      text += next;
      i++;
    } else if (ch === '{') {
      const close = pattern.indexOf('}', i + 1);
      if (close < 0) return { ok: false, error: `第 ${i + 1} 个字符：「{」没有对应的「}」` };
      const name = pattern.slice(i + 1, close).trim();
      if (!TEMPLATE_FIELD_NAME.test(name)) {
        return {
          ok: false,
          error: `第 ${i + 1} 个字符：字段名「${name}」无效（只能用字母、汉字、数字和下划线）`,
        };
      }
      flushText();
      (group ? group.parts : tokens).push({ type: 'field', name });
      i = close;
    } else if (ch === '}') {
      return { ok: false, error: `第 ${i + 1} 个字符：多余的「}」（要写这个符号请用 \\}）` };
    } else if (ch === '[') {
      if (group) return { ok: false, error: `第 ${i + 1} 个字符：可选段「[ ]」不能嵌套` };
      flushText();
      group = { type: 'optional', parts: [] };
    } else if (ch === ']') {
      if (!group) return { ok: false, error: `第 ${i + 1} 个字符：多余的「]」（要写这个符号请用 \\]）` };
      flushText();
      if (!group.parts.some((p) => p.type === 'field')) {
        return { ok: false, error: `第 ${i + 1} 个字符：可选段「[ ]」里至少要有一个字段` };
      }
      tokens.push(group);
      group = null;
    } else {
      text += ch;
    }
  }
  if (group) return { ok: false, error: '「[」没有对应的「]」' };
  flushText();
  return { ok: true, tokens };
}

/** Field names a parsed pattern refers to, in order of first appearance. */
export function patternFieldNames(tokens: readonly PatternToken[]): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  for (const token of tokens) {
    if (token.type === 'field') add(token.name);
    else if (token.type === 'optional')
      for (const part of token.parts) if (part.type === 'field') add(part.name);
  }
  return names;
}
