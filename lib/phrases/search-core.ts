import { z } from 'zod';
import { PLATFORMS, type Platform } from '../sites/platforms';

/**
 * The phrase index without pinyin-pro: content scripts (the `/` picker) build it from phrases
 * whose readings the background already derived (lib/phrases/pinyin.ts, cached as `py`).
 * Phrases without valid readings are still found by their text and shortcut.
 *
 * Layout, chosen for per-keystroke search over 100k phrases:
 * - three families of texts: per phrase its shortcut + title, per phrase its variants, and the
 *   distinct tags/categories ("labels", matched once per query, not once per phrase). Each text
 *   is kept lowercase, with one-byte initials and full-pinyin strings (plus a polyphone's
 *   alternate reading) and a char→pinyin offset map, so a pinyin hit highlights the characters;
 * - per family, bitsets for every letter/digit a match can start with and every letter pair that
 *   can occur inside one, and sorted posting lists for every other character: a query looks only
 *   at texts holding all its pieces;
 * - phrases are numbered in usage/recency order, so candidates arrive best-first, and passes run
 *   in falling order of the best score they can still give: each stops as soon as the top k is
 *   full at that score;
 * - when the query grows by a keystroke, the previous query's complete match sets narrow it.
 */

/** How much of the first variant gets pinyin (the rest is still searched as text). */
export const PINYIN_VARIANT_CHARS = 40;

/**
 * Cached readings (see pinyin.ts). Each field is '' / absent (no reading) or space-separated
 * tokens, one per UTF-16 code unit of the field: '' (no reading), `reading` or `reading|alt`.
 * `variant` covers the first PINYIN_VARIANT_CHARS code units of variants[0].
 */
export const phrasePinyinSchema = z.object({
  v: z.literal(1),
  /** pinyinFingerprint() of the texts the readings were derived from: stale readings are ignored. */
  fp: z.number().int(),
  title: z.string().optional(),
  shortcut: z.string().optional(),
  category: z.string().optional(),
  tags: z.array(z.string()).optional(),
  variant: z.string().optional(),
});
export type PhrasePinyin = z.infer<typeof phrasePinyinSchema>;

/** The texts pinyin is derived from. */
export interface PinyinSource {
  title: string;
  shortcut?: string;
  category?: string;
  tags?: readonly string[];
  variants: readonly string[];
}

export interface SearchablePhrase extends PinyinSource {
  id: string;
  usageCount?: number;
  lastUsedAt?: number;
  deletedAt?: number;
  platforms?: readonly Platform[];
  /** Cached readings (PhrasePinyin); missing, stale or malformed → text-only for this phrase. */
  py?: unknown;
}

export type HitField = 'shortcut' | 'title' | 'tag' | 'category' | 'variant';
export type MatchVia = 'shortcut' | 'text' | 'pinyin' | 'initials' | 'mixed' | 'recent';

/** Where the query matched: `ranges` are [start, end) UTF-16 offsets into that field's original text. */
export interface Highlight {
  field: HitField;
  /** Which tag or variant; 0 for the other fields. */
  index: number;
  ranges: Array<[number, number]>;
}

export interface PhraseHit<P> {
  id: string;
  phrase: P;
  /** Match quality tier (higher is better); ties are ordered by usage and recency. */
  score: number;
  via: MatchVia;
  highlight?: Highlight;
}

export interface SearchOptions {
  /** Only phrases for this platform (phrases without `platforms` are for every platform). */
  platform?: Platform;
}

export interface PhraseIndex<P> {
  readonly size: number;
  /** Best first. Empty query: the most used / most recently used phrases. */
  search(query: string, limit?: number, options?: SearchOptions): PhraseHit<P>[];
}

export interface IndexOptions {
  /** For recency weighting (epoch ms); default Date.now(). */
  now?: number;
}

export const DEFAULT_LIMIT = 20;
/** Usage counts lose half their weight for every 14 days since the phrase was last used. */
const USAGE_HALF_LIFE_MS = 14 * 24 * 3600 * 1000;

// ---------------------------------------------------------------------------------------------
// Fingerprint of the texts readings derive from (FNV-1a, 32 bit).

function fnv(h: number, s: string, end = s.length): number {
  for (let i = 0; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return Math.imul(h ^ 1, 16777619);
}

export function pinyinFingerprint(p: PinyinSource): number {
  let h = fnv(2166136261, p.title);
  h = fnv(h, p.shortcut ?? '');
  h = fnv(h, p.category ?? '');
  for (const t of p.tags ?? []) h = fnv(h, t);
  const v = p.variants[0] ?? '';
  h = fnv(h, v, Math.min(v.length, PINYIN_VARIANT_CHARS));
  return fnv(h, String(PINYIN_VARIANT_CHARS)) | 0;
}

function freshPinyin(p: SearchablePhrase): PhrasePinyin | undefined {
  const py = p.py as Partial<PhrasePinyin> | undefined;
  if (!py || typeof py !== 'object' || py.v !== 1 || py.fp !== pinyinFingerprint(p)) return undefined;
  return py as PhrasePinyin;
}

// ---------------------------------------------------------------------------------------------
// Normalization: lowercase, fullwidth ASCII folded, one code unit in → one out (so offsets in the
// normalized text are offsets in the original).

const SEP = 1; // between fields; never in a normalized query
const BLOCK = 2; // in pinyin strings where a character has no latin reading
/** Fullwidth letters and digits (ＸＬ, ３６) fold to ASCII; the ideographic space to a space. */
const FOLD = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u0001\u0002]/;
const FOLD_ALL = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u0001\u0002]/g;
/** toLowerCase is slow on long Chinese strings: only called when a cased letter is present. */
const CASED =
  /[A-Z\u00c0-\u024f\u0370-\u058f\u10a0-\u10ff\u13a0-\u13ff\u1e00-\u1fff\u2126-\u2183\u24b6-\u24cf\u2c00-\u2d2f\ua640-\ua7ff\uff21-\uff3a]|[\ud801\ud803\ud806\ud81b\ud83a]/;
/** Either of the above: most texts need neither, and one scan tells. */
const CHANGES = new RegExp(`${CASED.source}|${FOLD.source}`);

function fold(c: string): string {
  const code = c.charCodeAt(0);
  return code >= 0xff10 ? String.fromCharCode(code - 0xfee0).toLowerCase() : ' ';
}

export function normalizeText(s: string): string {
  if (!CHANGES.test(s)) return s;
  let t = s;
  if (CASED.test(t)) {
    t = t.toLowerCase();
    if (t.length !== s.length) {
      // A few characters (İ) lowercase to two code units: keep those as they are.
      t = '';
      for (const ch of s) {
        const l = ch.toLowerCase();
        t += l.length === ch.length ? l : ch;
      }
    }
  }
  return FOLD.test(t) ? t.replace(FOLD_ALL, fold) : t;
}

/** What a query is matched as: lowercase, folded, without spaces or pinyin apostrophes. */
export function normalizeQuery(query: string): string {
  return normalizeText(query).replace(/[\s'’\u0001\u0002]+/g, '');
}

const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Unigram id: a-z → 0..25, 0-9 → 26..35, else -1. */
const uniId = (c: number) => (isLetter(c) ? c - 97 : isDigit(c) ? c - 22 : -1);

const lowBit = (m: number) => 31 - Math.clz32(m & -m);
/** Characters with a posting list: everything but [a-z0-9], spaces and the field separator. */
const posted = (c: number) => uniId(c) < 0 && c !== 32 && c !== SEP;
const ZCS = (c: number) => c === 122 || c === 99 || c === 115; // z c s: zh/ch/sh may be typed as two letters

// ---------------------------------------------------------------------------------------------
// Build-time helpers.

/** Many small Uint16 segments in one buffer (a typed array per phrase costs more than its data). */
class Pool16 {
  data = new Uint16Array(1 << 16);
  length = 0;
  readonly off: Int32Array;
  constructor(n: number) {
    this.off = new Int32Array(n + 1);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint16Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  end(i: number): void {
    this.off[i + 1] = this.length;
  }
}

class Pool32 {
  data = new Int32Array(1 << 12);
  length = 0;
  readonly off: Int32Array;
  constructor(n: number) {
    this.off = new Int32Array(n + 1);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  end(i: number): void {
    this.off[i + 1] = this.length;
  }
}

/** One-byte strings (pinyin, initials) from their char codes; TextDecoder beats fromCharCode here. */
class ByteBuffer {
  private static readonly decoder = new TextDecoder('latin1');
  buf = new Uint8Array(1024);
  n = 0;
  push(c: number): void {
    if (this.n === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = c;
  }
  take(): string {
    const s = this.n === 0 ? '' : ByteBuffer.decoder.decode(this.buf.subarray(0, this.n));
    this.n = 0;
    return s;
  }
}

/**
 * Bitsets over items, one row per key, filled item by item in ascending order. Bits of the
 * current 32-item word gather in a small block written out when the word changes: setting them
 * straight into rows scattered over megabytes made the build cache-bound.
 */
class BitMatrix {
  readonly rows: (Uint32Array | undefined)[];
  private readonly block: Uint32Array;
  private readonly touched: Int32Array;
  private nTouched = 0;
  private word = 0;

  constructor(
    keys: number,
    readonly words: number,
  ) {
    this.rows = new Array<Uint32Array | undefined>(keys);
    this.block = new Uint32Array(keys);
    this.touched = new Int32Array(keys);
  }

  set(key: number, i: number): void {
    if (i >>> 5 !== this.word) {
      this.flush();
      this.word = i >>> 5;
    }
    const b = this.block[key]!;
    if (b === 0) this.touched[this.nTouched++] = key;
    this.block[key] = b | (1 << (i & 31));
  }

  flush(): void {
    for (let k = 0; k < this.nTouched; k++) {
      const key = this.touched[k]!;
      let row = this.rows[key];
      if (!row) row = this.rows[key] = new Uint32Array(this.words);
      row[this.word] = this.block[key]!;
      this.block[key] = 0;
    }
    this.nTouched = 0;
  }
}

/**
 * Items by a field's exact text, as hash chains in typed arrays (a Map of 100k strings costs
 * more to build). Collisions are harmless: every item found is matched properly afterwards.
 */
class ExactTable {
  private readonly heads: Int32Array;
  private readonly next: Int32Array;

  constructor(n: number) {
    this.heads = new Int32Array(1 << Math.max(4, 32 - Math.clz32(n * 2))).fill(-1);
    this.next = new Int32Array(n);
  }

  add(i: number, text: string): void {
    if (!text) return;
    const b = fnv(2166136261, text) & (this.heads.length - 1);
    this.next[i] = this.heads[b]!;
    this.heads[b] = i;
  }

  forEach(text: string, fn: (i: number) => void): void {
    for (let i = this.heads[fnv(2166136261, text) & (this.heads.length - 1)]!; i >= 0; i = this.next[i]!) fn(i);
  }
}

/** Texts of one kind (shortcut+title, labels, variants), one item per phrase or label. */
class Family {
  readonly text: string[] = [];
  /** Pinyin covers text[0, L): L = this item's c2f segment length - 1 (0: no pinyin). */
  readonly ini: string[] = [];
  readonly full: string[] = [];
  readonly altIni: string[] = [];
  readonly altFull: string[] = [];
  /** Character → offset in `full` / `altFull`. */
  readonly c2f: Pool16;
  readonly altC2f: Pool16;
  /** Per item: field start offsets in `text`, then text.length + 1. */
  readonly fields: Pool32;
  readonly uni: BitMatrix;
  readonly bi: BitMatrix;
  /** Posting lists (ascending) for every character that is not [a-z0-9], indexed by code unit. */
  readonly other: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(65536);
  readonly words: number;

  constructor(readonly n: number) {
    this.words = (n + 31) >>> 5;
    this.c2f = new Pool16(n);
    this.altC2f = new Pool16(n);
    this.fields = new Pool32(n);
    this.uni = new BitMatrix(36, this.words);
    this.bi = new BitMatrix(676, this.words);
  }
}

interface FieldInput {
  text: string;
  /** Readings in the cached format, already checked against text (validReadings). */
  readings?: string;
}

/** How shortcuts or titles begin: first letter/digit, first letter pair, first other character. */
interface StartSets {
  uni: BitMatrix;
  bi: BitMatrix;
  other: Map<number, Int32Array>;
}

/** Fills one family, item by item in ascending order (the index is built synchronously). */
class Builder {
  private readonly ini = new ByteBuffer();
  private readonly full = new ByteBuffer();
  private readonly altIni = new ByteBuffer();
  private readonly altFull = new ByteBuffer();
  /** Letters each character of the current text can start a match with (bit per letter). */
  private firsts = new Int32Array(1024);
  /** Posting list sizes, counted while adding (stamp: last item counted per character). */
  private readonly counts = new Int32Array(65536);
  private readonly stamp = new Int32Array(65536);
  private readonly startLists = [new Map<number, number[]>(), new Map<number, number[]>()];

  /**
   * alternates: keep polyphones' second readings (short texts; variants use the contextual
   * reading only). starts: record how fields 0 and 1 (shortcut, title) begin.
   */
  constructor(
    readonly fam: Family,
    private readonly alternates: boolean,
    private readonly starts?: readonly [StartSets, StartSets],
  ) {}

  /** Adds item i. `cover`: how many code units, from the start, the readings cover. */
  add(i: number, fields: readonly FieldInput[], cover: number): void {
    const fam = this.fam;
    let pos = 0;
    for (const f of fields) {
      fam.fields.push(pos);
      pos += f.text.length + 1;
    }
    fam.fields.push(pos);
    fam.fields.end(i);
    const text = fields.length === 1 ? fields[0]!.text : fields.map((f) => f.text).join('\u0001');
    fam.text.push(text);

    const L = fields.some((f) => f.readings) ? Math.min(cover, text.length) : 0;
    if (this.firsts.length <= text.length) this.firsts = new Int32Array(text.length * 2 + 1);
    const firsts = this.firsts;
    const alternates = this.alternates;
    let anyAlt = false;
    let prevTails = 0;
    let j = 0;
    for (const field of fields) {
      const r = field.readings ?? '';
      let rp = 0;
      for (const end = j + field.text.length; j < end; j++) {
        const c = text.charCodeAt(j);
        if (j < L) {
          fam.c2f.push(this.full.n);
          if (alternates) fam.altC2f.push(this.altFull.n);
          // token j: [t0, t1) contextual reading, [a0, a1) alternate
          const t0 = rp;
          let t1 = rp;
          while (t1 < r.length && r.charCodeAt(t1) !== 32 && r.charCodeAt(t1) !== 124) t1++;
          let a0 = t1;
          let a1 = t1;
          if (r.charCodeAt(t1) === 124) {
            a0 = a1 = t1 + 1;
            while (a1 < r.length && r.charCodeAt(a1) !== 32) a1++;
          }
          rp = a1 + 1;
          if (t1 > t0) {
            let fm = this.reading(i, r, t0, t1, this.full, this.ini);
            let tails = fm | this.tails(r, t0, t1);
            if (alternates) {
              if (a1 > a0) {
                anyAlt = true;
                const am = this.reading(i, r, a0, a1, this.altFull, this.altIni);
                fm |= am;
                tails |= am | this.tails(r, a0, a1);
              } else {
                this.altIni.push(r.charCodeAt(t0));
                for (let k = t0; k < t1; k++) this.altFull.push(r.charCodeAt(k));
              }
            }
            this.cross(i, prevTails, fm);
            for (let m = fm; m; m &= m - 1) fam.uni.set(lowBit(m), i);
            this.count(c, i);
            firsts[j] = fm;
            prevTails = tails;
            continue;
          }
          const code = isLetter(c) || isDigit(c) ? c : BLOCK;
          this.ini.push(code);
          this.full.push(code);
          if (alternates) {
            this.altIni.push(code);
            this.altFull.push(code);
          }
        }
        // no reading: latin letters and digits match as themselves
        const u = uniId(c);
        if (u >= 0) fam.uni.set(u, i);
        else this.count(c, i);
        const fm = u >= 0 && u < 26 ? 1 << u : 0;
        if (fm) this.cross(i, prevTails, fm);
        firsts[j] = fm;
        prevTails = fm;
      }
      if (j < text.length) {
        if (j < L) {
          fam.c2f.push(this.full.n);
          this.ini.push(SEP);
          this.full.push(SEP);
          if (alternates) {
            fam.altC2f.push(this.altFull.n);
            this.altIni.push(SEP);
            this.altFull.push(SEP);
          }
        }
        firsts[j] = 0;
        prevTails = 0;
        j++;
      }
    }
    if (L > 0) {
      fam.c2f.push(this.full.n);
      if (alternates) fam.altC2f.push(this.altFull.n);
    }
    fam.ini.push(this.ini.take());
    fam.full.push(this.full.take());
    if (anyAlt) {
      fam.altIni.push(this.altIni.take());
      fam.altFull.push(this.altFull.take());
    } else {
      // nothing differs from the contextual readings: drop the copy
      this.altIni.n = this.altFull.n = 0;
      fam.altC2f.length = fam.altC2f.off[i]!;
      fam.altIni.push('');
      fam.altFull.push('');
    }
    fam.c2f.end(i);
    fam.altC2f.end(i);
    if (this.starts) this.recordStarts(i, text, L);
  }

  private count(c: number, i: number): void {
    if (this.stamp[c] === i + 1 || !posted(c)) return;
    this.stamp[c] = i + 1;
    this.counts[c]!++;
  }

  /** Appends one reading; sets its inner letter pairs; returns its first letter as a bit. */
  private reading(i: number, r: string, a: number, b: number, full: ByteBuffer, ini: ByteBuffer): number {
    const bi = this.fam.bi;
    let prev = r.charCodeAt(a);
    ini.push(prev);
    full.push(prev);
    for (let k = a + 1; k < b; k++) {
      const c = r.charCodeAt(k);
      full.push(c);
      bi.set((prev - 97) * 26 + c - 97, i);
      prev = c;
    }
    return 1 << (r.charCodeAt(a) - 97);
  }

  /** Letters a match can leave a reading on: its last letter, or h after z/c/s. */
  private tails(r: string, a: number, b: number): number {
    let t = 1 << (r.charCodeAt(b - 1) - 97);
    if (b - a > 2 && r.charCodeAt(a + 1) === 104 && ZCS(r.charCodeAt(a))) t |= 1 << 7;
    return t;
  }

  /** Letter pairs across two characters: a tail of the first, a first letter of the second. */
  private cross(i: number, tails: number, firsts: number): void {
    const bi = this.fam.bi;
    for (let t = tails; t; t &= t - 1) {
      const a = lowBit(t) * 26;
      for (let f = firsts; f; f &= f - 1) bi.set(a + lowBit(f), i);
    }
  }

  private recordStarts(i: number, text: string, L: number): void {
    const fam = this.fam;
    const fd = fam.fields.data;
    const at = fam.fields.off[i]!;
    for (let f = 0; f < 2; f++) {
      const into = this.starts![f]!;
      const j0 = fd[at + f]!;
      const end = fd[at + f + 1]! - 1;
      if (j0 >= end) continue;
      const c = text.charCodeAt(j0);
      const u = uniId(c);
      if (u >= 0) into.uni.set(u, i);
      else if (posted(c)) {
        const list = this.startLists[f]!.get(c);
        if (list) list.push(i);
        else this.startLists[f]!.set(c, [i]);
      }
      const f0 = this.firsts[j0]!;
      for (let m = f0; m; m &= m - 1) into.uni.set(lowBit(m), i);
      if (j0 < L) {
        // the first two letters of the first reading(s)
        for (const [str, map] of [
          [fam.full[i]!, fam.c2f],
          [fam.altFull[i]!, fam.altC2f],
        ] as const) {
          if (!str) continue;
          const a = map.data[map.off[i]! + j0]!;
          const x = str.charCodeAt(a);
          const y = str.charCodeAt(a + 1);
          if (map.data[map.off[i]! + j0 + 1]! - a >= 2 && isLetter(x) && isLetter(y)) {
            into.bi.set((x - 97) * 26 + y - 97, i);
          }
        }
      }
      if (j0 + 1 < end) {
        // one letter for the first character, then a first letter of the second
        const f1 = this.firsts[j0 + 1]!;
        for (let a = f0; a; a &= a - 1) {
          const x = lowBit(a) * 26;
          for (let b = f1; b; b &= b - 1) into.bi.set(x + lowBit(b), i);
        }
      }
    }
  }

  /** Flushes the bitsets; fills the posting lists into their counted sizes. */
  finish(): void {
    const fam = this.fam;
    fam.uni.flush();
    fam.bi.flush();
    const { counts, stamp } = this;
    for (let c = 0; c < 65536; c++) if (counts[c]) fam.other[c] = new Int32Array(counts[c]!);
    counts.fill(0);
    stamp.fill(0);
    for (let i = 0; i < fam.n; i++) {
      const t = fam.text[i]!;
      for (let j = 0; j < t.length; j++) {
        const c = t.charCodeAt(j);
        if (stamp[c] === i + 1 || !posted(c)) continue;
        stamp[c] = i + 1;
        fam.other[c]![counts[c]!++] = i;
      }
    }
    this.starts?.forEach((s, f) => {
      s.uni.flush();
      s.bi.flush();
      for (const [c, list] of this.startLists[f]!) s.other.set(c, Int32Array.from(list));
    });
  }
}

const READINGS = /^(?:[a-z]{1,8}(?:\|[a-z]{1,8})?)?(?: (?:[a-z]{1,8}(?:\|[a-z]{1,8})?)?)*$/;

/** Readings usable for a text of `length` code units: one well-formed token per code unit. */
function validReadings(r: unknown, length: number): string | undefined {
  if (typeof r !== 'string' || r === '') return undefined;
  let tokens = 1;
  for (let p = r.indexOf(' '); p >= 0; p = r.indexOf(' ', p + 1)) tokens++;
  return tokens === length && READINGS.test(r) ? r : undefined;
}

// ---------------------------------------------------------------------------------------------
// Match evaluation.

const VIA_TEXT = 0;
const VIA_PINYIN = 1;
const VIA_INITIALS = 2;
const VIA_MIXED = 3;
const VIAS: readonly MatchVia[] = ['text', 'pinyin', 'initials', 'mixed'];

const K_SHORTCUT = 0;
const K_TITLE = 1;
const K_TAG = 2;
const K_CATEGORY = 3;
const K_VARIANT = 4;
const KINDS: readonly HitField[] = ['shortcut', 'title', 'tag', 'category', 'variant'];

/**
 * Bonus inside a tier: the characters themselves or the full pinyin > an alternate reading of a
 * polyphone > initials or a mix of characters and letters (a mixed query earns no bonus at all).
 */
const CH_EXACT = 2;
const CH_ALT = 1;
const CH_WEAK = 0;

/** Match quality, best first; a hit's `score` is one of these plus the bonus above. */
export const TIER = {
  shortcutExact: 1000,
  shortcutPrefix: 900,
  titleWhole: 800,
  titlePrefix: 700,
  titleInner: 600,
  shortcutInner: 500,
  tagPrefix: 450,
  tag: 400,
  categoryPrefix: 350,
  category: 300,
  variant: 100,
} as const;

interface QueryInfo {
  q: string;
  m: number;
  /** Only [a-z0-9]. */
  latin: boolean;
  /** Letters and other characters (催fh): only the per-character matcher can find it. */
  mixed: boolean;
  first: number;
  pairs: number[];
  digits: number[];
  others: number[];
}

function queryInfo(q: string): QueryInfo {
  const pairs = new Set<number>();
  const digits = new Set<number>();
  const others = new Set<number>();
  let letters = false;
  for (let k = 0; k < q.length; k++) {
    const c = q.charCodeAt(k);
    if (isLetter(c)) {
      letters = true;
      const n = q.charCodeAt(k + 1);
      if (isLetter(n)) pairs.add((c - 97) * 26 + n - 97);
    } else if (isDigit(c)) digits.add(uniId(c));
    else others.add(c);
  }
  return {
    q,
    m: q.length,
    latin: others.size === 0,
    mixed: letters && others.size > 0,
    first: q.charCodeAt(0),
    pairs: [...pairs],
    digits: [...digits],
    others: [...others],
  };
}

/** A match: tier, which field (kind + index) and where in it. */
interface Match {
  tier: number;
  kind: number;
  index: number;
  start: number;
  end: number;
  via: number;
}

function sameRegion(a: string, at: number, b: string, bt: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (a.charCodeAt(at + k) !== b.charCodeAt(bt + k)) return false;
  return true;
}

const MODE_SHORT = 0;
const MODE_LABEL = 1;
const MODE_BODY = 2;

/** Finds the best match of a query in one item of a family. */
class Matcher {
  private text = '';
  private ini = '';
  private full = '';
  private altIni = '';
  private altFull = '';
  private c2f: Uint16Array = new Uint16Array(0);
  private altC2f: Uint16Array = new Uint16Array(0);
  private c2fAt = 0;
  private altAt = 0;
  private L = 0;
  private fields: Int32Array = new Int32Array(0);
  private fieldAt = 0;
  private nFields = 0;
  private q = '';
  private m = 0;
  private exact = CH_EXACT;
  private mode = MODE_SHORT;
  private coarse = false;
  readonly best: Match = { tier: 0, kind: 0, index: 0, start: 0, end: 0, via: 0 };

  /** A shortcut + title item. Coarse (one-character queries): no channel bonus, no whole title. */
  evalShort(fam: Family, i: number, qi: QueryInfo, coarse: boolean): number {
    this.mode = MODE_SHORT;
    this.coarse = coarse;
    return this.run(fam, i, qi, TIER.shortcutExact);
  }

  /** A label: its tier as a tag (the caller shifts it for a category). */
  evalLabel(fam: Family, l: number, qi: QueryInfo, coarse: boolean): number {
    this.mode = MODE_LABEL;
    this.coarse = coarse;
    return this.run(fam, l, qi, TIER.tagPrefix + CH_EXACT);
  }

  evalBody(fam: Family, i: number, qi: QueryInfo): number {
    this.mode = MODE_BODY;
    this.coarse = false;
    return this.run(fam, i, qi, TIER.variant + CH_EXACT);
  }

  /** whole: the match covers the field; literal: by its characters (exact shortcut/title). */
  private tier(field: number, prefix: boolean, whole: boolean, literal: boolean, ch: number): number {
    if (this.mode === MODE_BODY) return TIER.variant + ch;
    if (this.coarse) ch = 0;
    if (this.mode === MODE_LABEL) return (prefix ? TIER.tagPrefix : TIER.tag) + ch;
    if (field === 0) {
      if (whole && literal) return TIER.shortcutExact;
      return (prefix ? TIER.shortcutPrefix : TIER.shortcutInner) + ch;
    }
    if (whole && literal && !this.coarse) return TIER.titleWhole + ch;
    return (prefix ? TIER.titlePrefix : TIER.titleInner) + ch;
  }

  /** ceiling: nothing can beat it, stop looking. */
  private run(fam: Family, i: number, qi: QueryInfo, ceiling: number): number {
    const best = this.best;
    best.tier = 0;
    const text = (this.text = fam.text[i]!);
    this.ini = fam.ini[i]!;
    const q = (this.q = qi.q);
    const m = (this.m = qi.m);
    this.fields = fam.fields.data;
    this.fieldAt = fam.fields.off[i]!;
    this.nFields = fam.fields.off[i + 1]! - this.fieldAt - 1;
    this.exact = qi.mixed ? CH_WEAK : CH_EXACT;

    for (let p = text.indexOf(q); p >= 0; p = text.indexOf(q, p + 1)) {
      if (this.consider(p, p + m, this.exact, VIA_TEXT, true) >= ceiling) return best.tier;
    }
    if (!this.ini || !(qi.latin || qi.mixed)) return best.tier;
    this.full = fam.full[i]!;
    this.altIni = fam.altIni[i]!;
    this.altFull = fam.altFull[i]!;
    this.c2f = fam.c2f.data;
    this.altC2f = fam.altC2f.data;
    this.c2fAt = fam.c2f.off[i]!;
    this.altAt = fam.altC2f.off[i]!;
    this.L = fam.c2f.off[i + 1]! - this.c2fAt - 1;
    if (qi.latin) {
      this.scanFull(this.full, this.c2f, this.c2fAt, CH_EXACT);
      if (this.altFull) this.scanFull(this.altFull, this.altC2f, this.altAt, CH_ALT);
      this.scanInitials(this.ini);
      if (this.altIni) this.scanInitials(this.altIni);
    }
    // The per-character matcher is the slow path: only for mixed queries and flat misses.
    if (best.tier === 0 || qi.mixed) this.mixed();
    return best.tier;
  }

  private scanInitials(ini: string): void {
    const { q, m } = this;
    for (let p = ini.indexOf(q); p >= 0; p = ini.indexOf(q, p + 1)) this.consider(p, p + m, CH_WEAK, VIA_INITIALS, false);
  }

  /** Full-pinyin occurrences that start on a syllable, mapped back to characters. */
  private scanFull(full: string, map: Uint16Array, at: number, ch: number): void {
    const { q, m, L } = this;
    for (let p = full.indexOf(q); p >= 0; p = full.indexOf(q, p + 1)) {
      let lo = 0; // largest j with map[at + j] <= p
      let hi = L;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (map[at + mid]! <= p) lo = mid;
        else hi = mid - 1;
      }
      if (map[at + lo] !== p) continue;
      let end = lo;
      while (end < L && map[at + end + 1]! < p + m) end++;
      this.consider(lo, end + 1, ch, VIA_PINYIN, false);
    }
  }

  /** Records a match at [start, end) of the item's text; returns the best tier so far. */
  private consider(start: number, end: number, ch: number, via: number, literal: boolean): number {
    const fd = this.fields;
    const at = this.fieldAt;
    let f = 0;
    while (f + 1 < this.nFields && fd[at + f + 1]! <= start) f++;
    const fs = fd[at + f]!;
    const prefix = start === fs;
    const tier = this.tier(f, prefix, prefix && end === fd[at + f + 1]! - 1, literal, ch);
    const best = this.best;
    if (tier > best.tier) {
      best.tier = tier;
      best.kind = this.mode === MODE_BODY ? K_VARIANT : this.mode === MODE_LABEL ? K_TAG : f === 0 ? K_SHORTCUT : K_TITLE;
      best.index = this.mode === MODE_BODY ? f : 0;
      best.start = start - fs;
      best.end = end - fs;
      best.via = via;
    }
    return best.tier;
  }

  /**
   * Per-character matching for what the flat strings cannot see: 催fh (characters and
   * initials), cuifh (full pinyin then initials), zhtong (zh typed as two letters), two
   * polyphones read differently. Each character consumes itself, one of its readings or its
   * initial (zh/ch/sh: one or two letters); the last one may consume any prefix of a reading.
   */
  private mixed(): void {
    const { q, L, text, ini, altIni } = this;
    const q0 = q.charCodeAt(0);
    for (let j = 0; j < L; j++) {
      if (text.charCodeAt(j) !== q0 && ini.charCodeAt(j) !== q0 && (!altIni || altIni.charCodeAt(j) !== q0)) continue;
      const end = this.step(j, 0);
      if (end >= 0) this.consider(j, end, CH_WEAK, VIA_MIXED, false);
    }
  }

  private step(j: number, s: number): number {
    if (s === this.m) return j;
    if (j >= this.L) return -1;
    const qc = this.q.charCodeAt(s);
    const c = this.text.charCodeAt(j);
    if (c === qc) {
      const r = this.step(j + 1, s + 1);
      if (r >= 0) return r;
    }
    if (isLetter(c) || isDigit(c) || !isLetter(qc)) return -1;
    const a = this.c2f[this.c2fAt + j]!;
    const b = this.c2f[this.c2fAt + j + 1]!;
    if (!isLetter(this.full.charCodeAt(a))) return -1;
    const r = this.reading(this.full, a, b, j, s);
    if (r >= 0 || !this.altFull) return r;
    const x = this.altC2f[this.altAt + j]!;
    const y = this.altC2f[this.altAt + j + 1]!;
    if (y - x === b - a && sameRegion(this.altFull, x, this.full, a, b - a)) return -1;
    return this.reading(this.altFull, x, y, j, s);
  }

  private reading(str: string, a: number, b: number, j: number, s: number): number {
    const { q, m } = this;
    const len = b - a;
    const rest = m - s;
    const n = Math.min(len, rest);
    let k = 0;
    while (k < n && q.charCodeAt(s + k) === str.charCodeAt(a + k)) k++;
    if (k === 0) return -1;
    if (k === rest && rest < len) return j + 1; // the query ends inside this reading
    if (k === len) {
      const r = this.step(j + 1, s + len);
      if (r >= 0) return r;
    }
    if (len > 2 && k >= 2 && str.charCodeAt(a + 1) === 104 && ZCS(str.charCodeAt(a))) {
      const r = this.step(j + 1, s + 2);
      if (r >= 0) return r;
    }
    return len > 1 ? this.step(j + 1, s + 1) : -1;
  }
}

// ---------------------------------------------------------------------------------------------

/** Top k, best first: tier descending, then phrase order (usage/recency). */
class Top {
  n = 0;
  private readonly idx: Int32Array;
  private readonly tier: Int32Array;
  private readonly match: Match[] = [];

  constructor(readonly limit: number) {
    this.idx = new Int32Array(limit);
    this.tier = new Int32Array(limit);
  }

  /**
   * True once the list is full of hits at `bound` or better: a later candidate of a pass that
   * cannot score above `bound` (and comes later in phrase order) can no longer enter.
   */
  closed(bound: number): boolean {
    return this.n === this.limit && this.tier[this.n - 1]! >= bound;
  }

  private before(i: number, t: number, k: number): boolean {
    return t > this.tier[k]! || (t === this.tier[k] && i < this.idx[k]!);
  }

  offer(i: number, m: Match): void {
    const t = m.tier;
    const full = this.n === this.limit;
    if (full && !this.before(i, t, this.n - 1)) return;
    const last = full ? this.n - 1 : this.n;
    let pos = last;
    while (pos > 0 && this.before(i, t, pos - 1)) pos--;
    this.idx.copyWithin(pos + 1, pos, last);
    this.tier.copyWithin(pos + 1, pos, last);
    if (full) this.match.pop();
    this.match.splice(pos, 0, { ...m });
    this.idx[pos] = i;
    this.tier[pos] = t;
    if (!full) this.n++;
  }

  entries(): { i: number; m: Match }[] {
    return this.match.map((m, k) => ({ i: this.idx[k]!, m }));
  }
}

// ---------------------------------------------------------------------------------------------

/** The previous search, for narrowing the next keystroke when the query grows. */
interface Previous {
  q: string;
  epoch: number;
  /** Its match sets are complete (no pass stopped early): shortcut+title; labels and variants. */
  short: boolean;
  rest: boolean;
}

export function createPhraseIndexCore<P extends SearchablePhrase>(
  input: readonly P[],
  options: IndexOptions = {},
): PhraseIndex<P> {
  const now = options.now ?? Date.now();
  const weight = (p: SearchablePhrase) =>
    (p.usageCount ?? 0) * 0.5 ** (Math.max(0, now - (p.lastUsedAt ?? 0)) / USAGE_HALF_LIFE_MS);
  const keyed = input
    .map((p, order) => ({ p, order }))
    .filter(({ p }) => p.deletedAt === undefined)
    .map(({ p, order }) => ({ p, order, w: weight(p), last: p.lastUsedAt ?? 0 }));
  keyed.sort((a, b) => b.w - a.w || b.last - a.last || a.order - b.order);
  const phrases = keyed.map((k) => k.p);
  const N = phrases.length;

  const field = (raw: string, readings: unknown): FieldInput => {
    const text = normalizeText(raw);
    return { text, readings: validReadings(readings, text.length) };
  };

  // Tags and categories repeat across phrases: each distinct one is matched once per query.
  const labelId = new Map<string, number>();
  const labelInputs: FieldInput[] = [];
  const asCategory: number[][] = [];
  const asTag: number[][] = []; // pairs: phrase, tag index
  const label = (f: FieldInput): number => {
    let id = labelId.get(f.text);
    if (id === undefined) {
      id = labelInputs.length;
      labelId.set(f.text, id);
      labelInputs.push(f);
      asCategory.push([]);
      asTag.push([]);
    } else if (!labelInputs[id]!.readings && f.readings) labelInputs[id] = f;
    return id;
  };

  const short = new Family(N);
  const body = new Family(N);
  const platformMask = new Uint8Array(N);
  const shortcuts = new ExactTable(N);
  const titles = new ExactTable(N);
  const words = (N + 31) >>> 5;
  const starts: [StartSets, StartSets] = [
    { uni: new BitMatrix(36, words), bi: new BitMatrix(676, words), other: new Map() },
    { uni: new BitMatrix(36, words), bi: new BitMatrix(676, words), other: new Map() },
  ];
  const shortBuilder = new Builder(short, true, starts);
  const bodyBuilder = new Builder(body, false);

  for (let i = 0; i < N; i++) {
    const p = phrases[i]!;
    const py = freshPinyin(p);
    const sc = field(p.shortcut ?? '', py?.shortcut);
    const title = field(p.title, py?.title);
    shortBuilder.add(i, [sc, title], Infinity);
    shortcuts.add(i, sc.text);
    titles.add(i, title.text);
    (p.tags ?? []).forEach((t, k) => {
      const f = field(t, py?.tags?.[k]);
      if (f.text) asTag[label(f)]!.push(i, k);
    });
    if (p.category) {
      const f = field(p.category, py?.category);
      if (f.text) asCategory[label(f)]!.push(i);
    }
    const variants = p.variants.map(normalizeText);
    const head = Math.min(variants[0]?.length ?? 0, PINYIN_VARIANT_CHARS);
    const vr = validReadings(py?.variant, head);
    bodyBuilder.add(
      i,
      variants.map((text, k) => ({ text, readings: k === 0 ? vr : undefined })),
      head,
    );
    let mask = 0;
    for (const pl of p.platforms ?? []) mask |= 1 << PLATFORMS.indexOf(pl);
    platformMask[i] = mask;
  }
  shortBuilder.finish();
  bodyBuilder.finish();
  const labels = new Family(labelInputs.length);
  const labelBuilder = new Builder(labels, true);
  labelInputs.forEach((f, l) => labelBuilder.add(l, [f], Infinity));
  labelBuilder.finish();

  const matcher = new Matcher();
  const seen = new Int32Array(N);
  /** Epoch of the last search in which the phrase matched by shortcut/title, label, variant. */
  const shortMark = new Int32Array(N);
  const labelMark = new Int32Array(N);
  const bodyMark = new Int32Array(N);
  let epoch = 0;
  const scratch = new Uint32Array(Math.max(words, labels.words));
  let previous: Previous | null = null;

  function allowed(i: number, platform: Platform | undefined): boolean {
    const mask = platformMask[i]!;
    return platform === undefined || mask === 0 || (mask & (1 << PLATFORMS.indexOf(platform))) !== 0;
  }

  /**
   * Calls visit, in ascending order, for each item whose family holds every piece of the query
   * (a superset of its matches) and — with `start` — whose shortcut/title can begin like the
   * query; stops when visit returns false. Returns whether it visited them all.
   */
  function candidates(fam: Family, qi: QueryInfo, start: StartSets | null, visit: (i: number) => boolean): boolean {
    const bitsets: Uint32Array[] = [];
    const lists: Int32Array[] = [];
    const bits = (b: Uint32Array | undefined) => (b ? (bitsets.push(b), true) : false);
    const posting = (l: Int32Array | undefined) => (l ? (lists.push(l), true) : false);
    const u0 = uniId(qi.first);
    if (start) {
      const q1 = qi.q.charCodeAt(1);
      const ok =
        u0 < 0
          ? posting(start.other.get(qi.first))
          : u0 < 26 && isLetter(q1)
            ? bits(start.bi.rows[u0 * 26 + q1 - 97])
            : bits(start.uni.rows[u0]);
      if (!ok) return true;
    }
    if (u0 >= 0 && !bits(fam.uni.rows[u0])) return true;
    for (const d of qi.digits) if (!bits(fam.uni.rows[d])) return true;
    for (const p of qi.pairs) if (!bits(fam.bi.rows[p])) return true;
    for (const c of qi.others) if (!posting(fam.other[c])) return true;

    if (lists.length > 0) {
      lists.sort((a, b) => a.length - b.length);
      const base = lists[0]!;
      outer: for (let k = 0; k < base.length; k++) {
        const i = base[k]!;
        for (const b of bitsets) if (!(b[i >>> 5]! & (1 << (i & 31)))) continue outer;
        for (let l = 1; l < lists.length; l++) if (!contains(lists[l]!, i)) continue outer;
        if (!visit(i)) return false;
      }
      return true;
    }
    const acc = scratch;
    const W = fam.words;
    acc.set(bitsets[0]!);
    for (let b = 1; b < bitsets.length; b++) {
      const bs = bitsets[b]!;
      for (let w = 0; w < W; w++) acc[w]! &= bs[w]!;
    }
    for (let w = 0; w < W; w++) {
      for (let word = acc[w]!; word; word &= word - 1) if (!visit((w << 5) + lowBit(word))) return false;
    }
    return true;
  }

  function toHits(top: Top): PhraseHit<P>[] {
    return top.entries().map(({ i, m }) => {
      const phrase = phrases[i]!;
      const field = KINDS[m.kind]!;
      return {
        id: phrase.id,
        phrase,
        score: m.tier,
        via: field === 'shortcut' && m.via === VIA_TEXT ? 'shortcut' : VIAS[m.via]!,
        highlight: { field, index: m.index, ranges: [[m.start, m.end]] },
      };
    });
  }

  function recent(limit: number, platform: Platform | undefined): PhraseHit<P>[] {
    const hits: PhraseHit<P>[] = [];
    for (let i = 0; i < N && hits.length < limit; i++) {
      if (!allowed(i, platform)) continue;
      const phrase = phrases[i]!;
      hits.push({ id: phrase.id, phrase, score: 0, via: 'recent' });
    }
    return hits;
  }

  function search(query: string, limit = DEFAULT_LIMIT, options: SearchOptions = {}): PhraseHit<P>[] {
    limit = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : N;
    if (limit === 0 || N === 0) return [];
    const q = normalizeQuery(query);
    const { platform } = options;
    if (!q) {
      previous = null;
      return recent(limit, platform);
    }
    const qi = queryInfo(q);
    const top = new Top(Math.min(limit, N));
    const best = matcher.best;
    const coarse = qi.m === 1;
    const pad = coarse || qi.mixed ? CH_WEAK : CH_EXACT;
    const cur = ++epoch;
    // A longer query matches a subset of what the shorter one matched.
    const prev = previous && q.startsWith(previous.q) ? previous : null;
    const prevShort = prev?.short ? prev.epoch : 0;
    const prevRest = prev?.short && prev.rest ? prev.epoch : 0;
    let shortComplete = true;
    let restComplete = true;

    const tryShort = (i: number): void => {
      if (seen[i] === cur) return;
      seen[i] = cur;
      if (prevShort && shortMark[i] !== prevShort) return;
      if (matcher.evalShort(short, i, qi, coarse) === 0) return;
      shortMark[i] = cur;
      if (allowed(i, platform)) top.offer(i, best);
    };

    // Exact shortcut, whole title, then passes in falling order of the best tier they can
    // still give; each visits candidates in phrase order and stops once the list is full at it.
    shortcuts.forEach(q, tryShort);
    if (!coarse) titles.forEach(q, tryShort);
    for (const [start, bound] of [
      [starts[0], TIER.shortcutPrefix + pad],
      [starts[1], TIER.titlePrefix + pad],
      [null, TIER.titleInner + pad],
    ] as const) {
      if (top.closed(bound)) {
        shortComplete = false;
        break;
      }
      const all = candidates(short, qi, start, (i) => {
        tryShort(i);
        return !top.closed(bound);
      });
      if (!all) shortComplete = false;
    }

    // Tags and categories: match the distinct labels, then hand out their phrases.
    if (top.closed(TIER.tagPrefix + pad)) restComplete = false;
    else {
      const found: Match[] = [];
      candidates(labels, qi, null, (l) => {
        const t = matcher.evalLabel(labels, l, qi, coarse);
        if (t === 0) return true;
        if (asTag[l]!.length) found.push({ ...best, index: l });
        if (asCategory[l]!.length) {
          found.push({ ...best, tier: t - TIER.tag + TIER.category, kind: K_CATEGORY, index: l });
        }
        return true;
      });
      found.sort((a, b) => b.tier - a.tier);
      const m: Match = { ...best };
      for (const f of found) {
        if (top.closed(f.tier)) {
          restComplete = false;
          break;
        }
        Object.assign(m, f);
        const tag = f.kind === K_TAG;
        const list = tag ? asTag[f.index]! : asCategory[f.index]!;
        const step = tag ? 2 : 1;
        for (let k = 0; k < list.length; k += step) {
          const i = list[k]!;
          if (shortMark[i] === cur || labelMark[i] === cur) continue;
          labelMark[i] = cur;
          if (!allowed(i, platform)) continue;
          m.index = tag ? list[k + 1]! : 0;
          top.offer(i, m);
          if (top.closed(f.tier)) {
            restComplete = restComplete && k + step >= list.length;
            break;
          }
        }
      }
    }

    // Variants, only while the list has room: every other match outranks them.
    if (top.closed(0)) restComplete = false;
    else {
      restComplete =
        candidates(body, qi, null, (i) => {
          if (shortMark[i] === cur || labelMark[i] === cur) return true;
          if (prevRest && bodyMark[i] !== prevRest && shortMark[i] !== prevRest && labelMark[i] !== prevRest) {
            return true;
          }
          if (matcher.evalBody(body, i, qi) === 0) return true;
          bodyMark[i] = cur;
          if (allowed(i, platform)) top.offer(i, best);
          return !top.closed(TIER.variant + pad);
        }) && restComplete;
    }

    previous = { q, epoch: cur, short: shortComplete, rest: restComplete };
    return toHits(top);
  }

  return { size: N, search };
}

function contains(list: Int32Array, x: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
