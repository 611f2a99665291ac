import { pinyin } from 'pinyin-pro';
import { PINYIN_VARIANT_CHARS, pinyinFingerprint, type PhrasePinyin, type PinyinSource } from './search-core';

/**
 * Pinyin for the phrase search, derived ONCE when a phrase is saved or imported (background,
 * options page) and cached on the record as `py`. pinyin-pro and its dictionary are large: only
 * this file imports it, and content scripts never import this file — they search with the
 * cached readings through search-core.ts.
 *
 * Readings come from converting each whole field, so pinyin-pro's word context picks the reading
 * of a polyphone (重新 chong, 银行 hang, 好了 le). Where a character has another toneless reading
 * we keep the first one as an alternate (还款: pinyin-pro says hai, buyers type huan), which the
 * index matches too, ranked a little lower.
 */
export type { PhrasePinyin } from './search-core';

const HAN = /[\u3007\u3400-\u9fff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/;
const LATIN_READING = /^[a-z]+$/;

// pinyin-pro is about three times faster with its default tone marks than with toneType 'none',
// so readings come with marks and lose them here (ü is typed v).
const PLAIN: Record<string, string> = {};
for (const [plain, marked] of Object.entries({
  a: 'āáǎà',
  e: 'ēéěèê',
  i: 'īíǐì',
  o: 'ōóǒò',
  u: 'ūúǔù',
  v: 'üǖǘǚǜ',
  n: 'ńňǹ',
  m: 'ḿ',
})) {
  for (const ch of marked) PLAIN[ch] = plain;
}
const toneless = new Map<string, string>();

/** 'lǜ' → 'lv'; '' for anything that is not a reading. */
function plain(marked: string): string {
  let r = toneless.get(marked);
  if (r === undefined) {
    r = [...marked.normalize('NFC')]
      .map((ch) => PLAIN[ch] ?? ch)
      .join('')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    if (!LATIN_READING.test(r)) r = '';
    toneless.set(marked, r);
  }
  return r;
}

/** Han character → its toneless readings, contextual-independent (cached). */
const readingsCache = new Map<string, string[]>();

function readingsOfChar(ch: string): string[] {
  let all = readingsCache.get(ch);
  if (!all) {
    all = [...new Set(pinyin(ch, { type: 'array', multiple: true }).map(plain).filter(Boolean))];
    readingsCache.set(ch, all);
  }
  return all;
}

function token(ch: string, reading: string): string {
  const alt = readingsOfChar(ch).find((r) => r !== reading);
  return alt ? `${reading}|${alt}` : reading;
}

/** One token per UTF-16 code unit of `text`: '' (no reading), `reading` or `reading|alternate`. */
function tokensOf(text: string): string[] {
  const out: string[] = new Array<string>(text.length).fill('');
  if (!HAN.test(text)) return out;
  let pos = 0;
  for (const marked of pinyin(text, { type: 'array' })) {
    if (pos >= text.length) break;
    const width = (text.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1;
    const ch = text.slice(pos, pos + width);
    const r = marked === ch ? '' : plain(marked);
    if (r) out[pos] = token(ch, r);
    pos += width;
  }
  if (pos === text.length) return out;
  // pinyin-pro grouped characters differently from code points: fall back to one at a time.
  out.fill('');
  for (let i = 0; i < text.length; i++) {
    const width = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    const r = HAN.test(ch) ? plain(pinyin(ch, { type: 'array' })[0] ?? '') : '';
    if (r) out[i] = token(ch, r);
    i += width - 1;
  }
  return out;
}

function encode(tokens: readonly string[]): string {
  return tokens.some((t) => t !== '') ? tokens.join(' ') : '';
}

/**
 * The readings of one text in the cached format: tokens joined by spaces, one per UTF-16 code
 * unit; '' when the text has no character with a reading.
 */
export function deriveReadings(text: string): string {
  return encode(tokensOf(text));
}

/**
 * Cached pinyin for a phrase: title, shortcut, category, tags and the head of the first variant
 * (PINYIN_VARIANT_CHARS; the rest of the variants is searched as text). All fields go through
 * pinyin-pro in one call — its per-call cost dominates for short fields — separated by a
 * newline, which no word spans.
 */
export function derivePhrasePinyin(phrase: PinyinSource): PhrasePinyin {
  const tags = phrase.tags ?? [];
  const head = (phrase.variants[0] ?? '').slice(0, PINYIN_VARIANT_CHARS);
  const fields = [phrase.title, phrase.shortcut ?? '', phrase.category ?? '', ...tags, head];
  const all = tokensOf(fields.join('\n'));
  const encoded: string[] = [];
  let at = 0;
  for (const f of fields) {
    encoded.push(encode(all.slice(at, at + f.length)));
    at += f.length + 1;
  }
  const [title = '', shortcut = '', category = ''] = encoded;
  const py: PhrasePinyin = { v: 1, fp: pinyinFingerprint(phrase) };
  if (title) py.title = title;
  if (shortcut) py.shortcut = shortcut;
  if (category) py.category = category;
  const tagReadings = encoded.slice(3, 3 + tags.length);
  if (tagReadings.some((t) => t !== '')) py.tags = tagReadings;
  const variant = encoded[3 + tags.length];
  if (variant) py.variant = variant;
  return py;
}

/** The phrase with up-to-date cached pinyin, recomputed only when its texts changed. */
export function withPinyin<P extends PinyinSource & { py?: unknown }>(phrase: P): P & { py: PhrasePinyin } {
  const py = phrase.py as Partial<PhrasePinyin> | undefined;
  if (py && py.v === 1 && py.fp === pinyinFingerprint(phrase)) return phrase as P & { py: PhrasePinyin };
  return { ...phrase, py: derivePhrasePinyin(phrase) };
}
