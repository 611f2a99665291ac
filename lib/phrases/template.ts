/**
 * Phrase templates: `{买家}` is filled from the page or typed by the agent, `{买家|亲}` falls back
 * to 亲 when there is no value, `{买家|}` to nothing.
 *
 * Literal braces: write `{{` for `{` and `}}` for `}` (the usual format-string rule, so a phrase
 * like 「赠品{{小样}}」 shows 「赠品{小样}」). A `{` that is not doubled always starts a variable.
 *
 * Rendering never leaves a `{变量}` in the text: a variable without value or default is left
 * out and reported in `missing`, so the caller can ask for it before inserting.
 */

export const TEMPLATE_VARIABLES = ['买家', '客服', '订单号', '商品', '快递', '单号', '日期', '店铺'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<string, string | null | undefined>>;

const KNOWN: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES);
const AVAILABLE = TEMPLATE_VARIABLES.map((v) => `{${v}}`).join('、');

export type TemplatePart =
  | { kind: 'text'; text: string }
  | {
      kind: 'variable';
      name: string;
      /** The text after `|`; undefined when there is no `|`. */
      fallback?: string;
      known: boolean;
      /** [start, end) of `{…}` in the template. */
      start: number;
      end: number;
    };

export interface TemplateIssue {
  start: number;
  end: number;
  message: string;
}

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Syntax problems (unclosed or stray braces, empty names); unknown names are validateTemplate's. */
  errors: TemplateIssue[];
}

export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const errors: TemplateIssue[] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push({ kind: 'text', text: literal });
    literal = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '}') {
      if (text[i + 1] === '}') {
        literal += '}';
        i += 2;
        continue;
      }
      errors.push({ start: i, end: i + 1, message: '多余的 “}”：要显示花括号本身，请写成 }}' });
      literal += '}';
      i++;
      continue;
    }
    if (c !== '{') {
      literal += c;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      literal += '{';
      i += 2;
      continue;
    }
    const close = text.indexOf('}', i + 1);
    const nested = text.indexOf('{', i + 1);
    if (close < 0 || (nested >= 0 && nested < close)) {
      errors.push({ start: i, end: i + 1, message: '“{” 没有配对的 “}”：要显示花括号本身，请写成 {{' });
      literal += '{';
      i++;
      continue;
    }
    const body = text.slice(i + 1, close);
    const bar = body.indexOf('|');
    const name = (bar < 0 ? body : body.slice(0, bar)).trim();
    flush();
    if (!name) errors.push({ start: i, end: close + 1, message: `变量名不能为空：可用的有 ${AVAILABLE}` });
    parts.push({
      kind: 'variable',
      name,
      ...(bar >= 0 ? { fallback: body.slice(bar + 1) } : {}),
      known: KNOWN.has(name),
      start: i,
      end: close + 1,
    });
    i = close + 1;
  }
  flush();
  return { parts, errors };
}

/** Variable names in order of first use. */
export function findVariables(text: string): string[] {
  const names: string[] = [];
  for (const p of parseTemplate(text).parts) {
    if (p.kind === 'variable' && p.name && !names.includes(p.name)) names.push(p.name);
  }
  return names;
}

export interface RenderResult {
  text: string;
  /** Variables with neither a value nor a default: left out of `text`. */
  missing: string[];
}

export function renderTemplate(text: string, values: TemplateValues = {}): RenderResult {
  let out = '';
  const missing: string[] = [];
  for (const p of parseTemplate(text).parts) {
    if (p.kind === 'text') {
      out += p.text;
      continue;
    }
    const value = values[p.name]?.trim();
    if (value) out += value;
    else if (p.fallback !== undefined) out += p.fallback;
    else if (p.name && !missing.includes(p.name)) missing.push(p.name);
  }
  return { text: out, missing };
}

/** Problems to show before saving: syntax errors and unknown variables, in Chinese. */
export function validateTemplate(text: string): TemplateIssue[] {
  const { parts, errors } = parseTemplate(text);
  const issues = [...errors];
  for (const p of parts) {
    if (p.kind === 'variable' && p.name && !p.known) {
      issues.push({ start: p.start, end: p.end, message: `未知变量 {${p.name}}：可用的有 ${AVAILABLE}` });
    }
  }
  return issues.sort((a, b) => a.start - b.start);
}
