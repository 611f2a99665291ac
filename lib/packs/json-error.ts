/**
 * Finds where and why a JSON text is invalid, in Chinese. JSON.parse's own messages differ per
 * engine and V8's no longer give a position, so after JSON.parse has failed we re-scan the text
 * with this small iterative scanner (no recursion: a file of 100k `[` must not overflow the stack).
 */

export interface JsonSyntaxProblem {
  /** 0-based UTF-16 offset of the offending character. */
  offset: number;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  message: string;
}

type Frame = 'array' | 'object';

const WS = new Set([' ', '\t', '\n', '\r']);
/** Sticky, so it matches at the scan position without copying the rest of a 5 MB text. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return '文件结尾';
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `控制字符 U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `「${ch}」`;
}

/** Hints for the mistakes people make when hand-editing JSON in a Chinese input method. */
function hintFor(ch: string | undefined, expecting: string): string {
  switch (ch) {
    case '“':
    case '”':
    case '‘':
    case '’':
      return '使用了中文引号，JSON 只能用英文双引号 "';
    case "'":
      return 'JSON 不能用单引号，请改用英文双引号 "';
    case '，':
      return '使用了中文逗号「，」，请改用英文逗号 ,';
    case '：':
      return '使用了中文冒号「：」，请改用英文冒号 :';
    case '/':
      return 'JSON 不支持注释（// 或 /* */）';
    case undefined:
      return `文件意外结束，此处应为${expecting}（可能缺少 } 或 ]）`;
    default:
      return `此处应为${expecting}，却遇到${describeChar(ch)}`;
  }
}

/** Returns null when the text is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const stack: Frame[] = [];
  let i = 0;
  const n = text.length;

  const fail = (offset: number, message: string): JsonSyntaxProblem => ({
    offset,
    ...lineAndColumn(text, offset),
    message,
  });
  const skipWs = () => {
    while (i < n && WS.has(text[i] as string)) i++;
  };

  // Scans a string starting at the opening quote; returns an error or null, leaving i after it.
  const scanString = (): JsonSyntaxProblem | null => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return fail(i, '无效的 \\u 转义，应为 \\u 加 4 位十六进制数');
          i += 6;
          continue;
        }
        if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
          continue;
        }
        return fail(i, `无效的转义符「\\${e ?? ''}」（要写反斜杠本身请用 \\\\）`);
      }
      if (c === 0x0a || c === 0x0d) return fail(i, '字符串中不能直接换行，请写成 \\n');
      if (c < 0x20) return fail(i, `字符串中不能有${describeChar(text[i])}，请用转义写法`);
      i++;
    }
    return fail(start, '字符串没有结束（缺少右边的英文双引号 "）');
  };

  const scanNumber = (): JsonSyntaxProblem | null => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0] === '-' || m[0] === '') return fail(i, '数字格式不正确');
    const after = text[i + m[0].length];
    if (after !== undefined && /[0-9.eE+\-xX]/.test(after))
      return fail(i, '数字格式不正确（不能有前导 0、多个小数点或十六进制）');
    i += m[0].length;
    return null;
  };

  // Scans one value; containers push a frame and return, their contents are scanned by the loop.
  const scanValue = (): JsonSyntaxProblem | null => {
    skipWs();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      stack.push(ch === '{' ? 'object' : 'array');
      i++;
      return null;
    }
    if (ch === '"') return scanString();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return scanNumber();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return null;
      }
    }
    if (ch !== undefined && /[A-Za-z]/.test(ch)) {
      return fail(i, '无法识别的值：文字需要用英文双引号括起来，其他只能是数字、true、false 或 null');
    }
    return fail(i, hintFor(ch, '一个值'));
  };

  // Inside an object, after `{` or `,`: a quoted key, a colon, then a value.
  const scanMember = (): JsonSyntaxProblem | null => {
    const ch = text[i];
    if (ch !== '"') {
      if (ch !== undefined && /[\p{L}_$]/u.test(ch)) return fail(i, '字段名必须用英文双引号括起来');
      return fail(i, hintFor(ch, '用英文双引号括起来的字段名'));
    }
    const err = scanString();
    if (err) return err;
    skipWs();
    if (text[i] !== ':') return fail(i, hintFor(text[i], '冒号 :'));
    i++;
    return scanValue();
  };

  const depthBefore = stack.length;
  let err = scanValue();
  if (err) return err;
  let opened = stack.length > depthBefore;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const close = top === 'object' ? '}' : ']';
    skipWs();
    const ch = text[i];
    if (ch === close) {
      stack.pop();
      i++;
      opened = false;
      continue;
    }
    if (!opened) {
      if (ch === undefined) return fail(i, `文件意外结束：缺少「${close}」`);
      if (ch === (top === 'object' ? ']' : '}')) return fail(i, `括号不匹配：这里应为「${close}」`);
      if (ch !== ',') {
        if (ch === '"' || ch === '{' || ch === '[' || (ch >= '0' && ch <= '9')) {
          return fail(i, '缺少逗号：两项之间要用英文逗号 , 隔开');
        }
        return fail(i, hintFor(ch, `逗号 , 或「${close}」`));
      }
      i++;
      skipWs();
      if (text[i] === close) return fail(i, '多余的逗号：最后一项后面不能有逗号');
    }
    const depth = stack.length;
    err = top === 'object' ? scanMember() : scanValue();
    if (err) return err;
    opened = stack.length > depth;
  }
  skipWs();
  if (i < n) return fail(i, `JSON 已经结束，后面还有多余的内容${describeChar(text[i])}`);
  return null;
}
