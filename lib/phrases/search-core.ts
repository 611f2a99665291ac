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
/**
 * Fullwidth letters and digits (ＸＬ, ３６) fold to ASCII, the ideographic space to a space, and
 * the two control characters this index uses as markers to spaces (a phrase must not fake them).
 */
// eslint-disable-next-line no-control-regex -- \u0001/\u0002 are the index's own markers
const FOLD = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u0001\u0002]/;
// eslint-disable-next-line no-control-regex -- as above
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
  // eslint-disable-next-line no-control-regex -- the index's markers never match
  return normalizeText(query).replace(/[\s'’\u0001\u0002]+/g, '');
}

const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Unigram id: a-z → 0..25, 0-9 → 26..35, else -1. */
const uniId = (c: number) => (isLetter(c) ? c - 97 : isDigit(c) ? c - 22 : -1);

const lowBit = (m: number) => 31 - Math.clz32(m & -m);
/** Characters with a posting list: everything but [a-z0-9], spaces and the field separator. */
const posted = (c: number) => uniId(c) < 0 && c !== 32 && c !== SEP;
const LATIN = /[a-z0-9]/;
const NOT_LATIN = /[^a-z0-9]/;
const ZCS = (c: number) => c === 122 || c === 99 || c === 115; // z c s: zh/ch/sh may be typed as two letters

// ---------------------------------------------------------------------------------------------
// Build-time helpers.

/** Many small segments, one per item, in one typed array (a typed array per phrase costs more than its data). */
class Pool<A extends Uint16Array | Int32Array> {
  length = 0;
  readonly off: Int32Array;
  constructor(
    public data: A,
    items: number,
  ) {
    this.off = new Int32Array(items + 1);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => A)(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** Closes item i's segment. */
  end(i: number): void {
    this.off[i + 1] = this.length;
  }
}

/** Marks a character too common to be worth a posting list: it filters nothing. */
const DENSE = new Int32Array(0);

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
  append(other: ByteBuffer): void {
    while (this.n + other.n > this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf.set(other.buf.subarray(0, other.n), this.n);
    this.n += other.n;
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
    for (let i = this.heads[fnv(2166136261, text) & (this.heads.length - 1)]!; i >= 0; i = this.next[i]!)
      fn(i);
  }
}

/** Texts of one kind (shortcut+title, labels, variants), one item per phrase or label. */
class Family {
  readonly text: string[] = [];
  /** Items kept as separate texts (variants): the fields after the first. */
  readonly rest: (string[] | undefined)[] = [];
  /**
   * Per item, one one-byte string: initials (one per character of the covered text[0, L)),
   * BLOCK, full pinyin; then, if a polyphone has an alternate reading, BLOCK, alternate
   * initials, BLOCK, alternate pinyin. '' without readings. L = c2f segment length - 1.
   */
  readonly py: string[] = [];
  /** Character → offset in the full / alternate pinyin part. */
  readonly c2f: Pool<Uint16Array>;
  readonly altC2f: Pool<Uint16Array>;
  /** Per item: field start offsets in `text`, then text.length + 1. */
  readonly fields: Pool<Int32Array>;
  readonly uni: BitMatrix;
  readonly bi: BitMatrix;
  /**
   * Posting lists (ascending) for every character that is not [a-z0-9], indexed by code unit;
   * DENSE for characters in most items (的, 您, ，), whose lists would filter nothing.
   */
  readonly other: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(65536);
  readonly words: number;

  constructor(readonly n: number) {
    this.words = (n + 31) >>> 5;
    this.c2f = new Pool(new Uint16Array(1 << 16), n);
    this.altC2f = new Pool(new Uint16Array(1 << 12), n);
    this.fields = new Pool(new Int32Array(1 << 12), n);
    this.uni = new BitMatrix(36, this.words);
    this.bi = new BitMatrix(676, this.words);
  }
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
  private readonly packed = new ByteBuffer();
  /** Letters each character of the current text can start a match with (bit per letter). */
  private firsts = new Int32Array(1024);
  /** Posting list sizes, counted while adding (stamp: last item counted per character). */
  private readonly counts = new Int32Array(65536);
  private readonly stamp = new Int32Array(65536);
  private readonly startLists = [new Map<number, number[]>(), new Map<number, number[]>()];

  /**
   * alternates: keep polyphones' second readings (short texts; variants use the contextual
   * reading only). join: one text per item, fields joined by \u0001 (else field 0 in `text`,
   * the others in `rest`). starts: record how fields 0 and 1 (shortcut, title) begin.
   */
  constructor(
    readonly fam: Family,
    private readonly alternates: boolean,
    private readonly join: boolean,
    private readonly starts?: readonly [StartSets, StartSets],
  ) {}

  /**
   * Adds item i: its fields' normalized texts and readings (checked by validReadings; the
   * arrays are the caller's scratch). `cover`: how many code units the readings cover.
   */
  add(i: number, texts: readonly string[], readings: readonly (string | undefined)[], cover: number): void {
    const fam = this.fam;
    let pos = 0;
    for (const t of texts) {
      fam.fields.push(pos);
      pos += t.length + 1;
    }
    fam.fields.push(pos);
    fam.fields.end(i);
    // Variants stay separate strings (joining 100k of them is a copy the GC pays for twice).
    const text = texts.length === 1 || !this.join ? texts[0]! : texts.join('\u0001');
    fam.text.push(text);
    if (!this.join) fam.rest.push(texts.length > 1 ? texts.slice(1) : undefined);

    const L = readings.some((r) => r) ? Math.min(cover, pos - 1) : 0;
    if (this.firsts.length < pos) this.firsts = new Int32Array(pos * 2);
    const firsts = this.firsts;
    const alternates = this.alternates;
    let anyAlt = false;
    let prevTails = 0;
    let j = 0;
    for (let f = 0; f < texts.length; f++) {
      const r = readings[f] ?? '';
      const t = texts[f]!;
      let rp = 0;
      for (let k = 0; k < t.length; k++, j++) {
        const c = t.charCodeAt(k);
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
                for (let x = t0; x < t1; x++) this.altFull.push(r.charCodeAt(x));
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
      if (f + 1 < texts.length) {
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
    if (this.starts) this.recordStarts(i, text, L);
    const packed = this.packed;
    if (L > 0) {
      packed.append(this.ini);
      packed.push(BLOCK);
      packed.append(this.full);
      if (anyAlt) {
        packed.push(BLOCK);
        packed.append(this.altIni);
        packed.push(BLOCK);
        packed.append(this.altFull);
      }
    }
    fam.py.push(packed.take());
    this.ini.n = this.full.n = this.altIni.n = this.altFull.n = 0;
    // nothing differs from the contextual readings: no alternate map
    if (!anyAlt) fam.altC2f.length = fam.altC2f.off[i]!;
    fam.c2f.end(i);
    fam.altC2f.end(i);
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
        for (const [bytes, map] of [
          [this.full, fam.c2f],
          [this.altFull, fam.altC2f],
        ] as const) {
          if (bytes.n === 0 || map.length === map.off[i]) continue;
          const a = map.data[map.off[i]! + j0]!;
          const x = bytes.buf[a]!;
          const y = bytes.buf[a + 1]!;
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
    drain(this.finishSteps());
  }

  /** finish() in steps: yields between slices of items (see buildSliced). */
  *finishSteps(): Generator<void, void> {
    const fam = this.fam;
    fam.uni.flush();
    fam.bi.flush();
    const { counts, stamp } = this;
    const dense = Math.max(64, fam.n >>> 2);
    for (let c = 0; c < 65536; c++) {
      if (counts[c]) fam.other[c] = counts[c]! > dense ? DENSE : new Int32Array(counts[c]!);
    }
    counts.fill(0);
    stamp.fill(0);
    const fill = (i: number, t: string) => {
      for (let j = 0; j < t.length; j++) {
        const c = t.charCodeAt(j);
        if (stamp[c] === i + 1 || !posted(c)) continue;
        stamp[c] = i + 1;
        const list = fam.other[c]!;
        if (list !== DENSE) list[counts[c]!++] = i;
      }
    };
    for (let i = 0; i < fam.n; i++) {
      fill(i, fam.text[i]!);
      for (const t of fam.rest[i] ?? []) fill(i, t);
      if ((i & STEP_MASK) === STEP_MASK) yield;
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

/**
 * Every toneless reading pinyin-pro gives (ü typed v). A latin query that cannot be spelled with
 * them (cfh, thdz) can only match initials, or letters written in a title: knowing that lets a
 * pass stop as soon as its list is full.
 */
const SYLLABLES = new Set(
  [
    'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang',
    'cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan',
    'chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia',
    'dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo',
    'fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai',
    'han hang hao he hei hen heng hng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang',
    'jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua',
    'kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling',
    'liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao mie',
    'min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nian niang niao nie nin ning',
    'niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping',
    'po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng',
    'ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she',
    'shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun',
    'suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai',
    'wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan',
    'yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai',
    'zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi',
    'zong zou zu zuan zui zun zuo',
  ]
    .join(' ')
    .split(' '),
);
const SYLLABLE_PREFIXES = new Set([...SYLLABLES].flatMap((s) => [...s].map((_, k) => s.slice(0, k + 1))));

/** Whether q (letters) is whole syllables, the last one possibly cut short. */
function spellable(q: string): boolean {
  const reach = new Uint8Array(q.length + 1);
  reach[0] = 1;
  for (let i = 0; i < q.length; i++) {
    if (!reach[i]) continue;
    if (SYLLABLE_PREFIXES.has(q.slice(i))) return true;
    for (let len = 1; len <= 6 && i + len <= q.length; len++)
      if (SYLLABLES.has(q.slice(i, i + len))) reach[i + len] = 1;
  }
  return reach[q.length] === 1;
}

interface QueryInfo {
  q: string;
  m: number;
  /** Only [a-z0-9]. */
  latin: boolean;
  /** Letters and other characters (催fh): only the per-character matcher can find it. */
  mixed: boolean;
  /** Could be full pinyin (false: digits, or letters no syllables spell). */
  spellable: boolean;
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
    spellable: digits.size === 0 && others.size === 0 && spellable(q),
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
  /** Family.py of the item, and where its parts start (-1: no alternates). */
  private py = '';
  private fullAt = 0;
  private altIniAt = -1;
  private altFullAt = -1;
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
    return this.run(fam, i, qi, TIER.variant + (qi.mixed ? CH_WEAK : CH_EXACT));
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
    const q = (this.q = qi.q);
    const m = (this.m = qi.m);
    this.fields = fam.fields.data;
    this.fieldAt = fam.fields.off[i]!;
    this.nFields = fam.fields.off[i + 1]! - this.fieldAt - 1;
    this.exact = qi.mixed ? CH_WEAK : CH_EXACT;

    if (this.mode === MODE_BODY) {
      // the characters in any variant: as good as a variant match gets
      const rest = fam.rest[i];
      for (let v = 0; v <= (rest?.length ?? 0); v++) {
        const p = (v === 0 ? text : rest![v - 1]!).indexOf(q);
        if (p < 0) continue;
        Object.assign(best, {
          tier: ceiling,
          kind: K_VARIANT,
          index: v,
          start: p,
          end: p + m,
          via: VIA_TEXT,
        });
        return ceiling;
      }
    } else {
      for (let p = text.indexOf(q); p >= 0; p = text.indexOf(q, p + 1)) {
        if (this.consider(p, p + m, this.exact, VIA_TEXT, true) >= ceiling) return best.tier;
      }
    }
    const py = (this.py = fam.py[i]!);
    if (!py || !(qi.latin || qi.mixed)) return best.tier;
    this.c2f = fam.c2f.data;
    this.altC2f = fam.altC2f.data;
    this.c2fAt = fam.c2f.off[i]!;
    this.altAt = fam.altC2f.off[i]!;
    const L = (this.L = fam.c2f.off[i + 1]! - this.c2fAt - 1);
    const fullAt = (this.fullAt = L + 1);
    const fullEnd = fullAt + this.c2f[this.c2fAt + L]!;
    const hasAlt = fam.altC2f.off[i + 1]! > this.altAt;
    const altIniAt = (this.altIniAt = hasAlt ? fullEnd + 1 : -1);
    const altFullAt = (this.altFullAt = hasAlt ? altIniAt + L + 1 : -1);
    if (qi.latin) {
      // one scan of all parts; a hit never spans two (the query has no BLOCK)
      for (let p = py.indexOf(q); p >= 0; p = py.indexOf(q, p + 1)) {
        if (p < L) this.consider(p, p + m, CH_WEAK, VIA_INITIALS, false);
        else if (p < fullEnd) this.fullHit(p - fullAt, this.c2f, this.c2fAt, CH_EXACT);
        else if (p < altFullAt) this.consider(p - altIniAt, p - altIniAt + m, CH_WEAK, VIA_INITIALS, false);
        else this.fullHit(p - altFullAt, this.altC2f, this.altAt, CH_ALT);
      }
    }
    // The per-character matcher is the slow path: only for mixed queries and flat misses.
    if (best.tier === 0 || qi.mixed) this.mixed();
    return best.tier;
  }

  /** A full-pinyin hit at offset p: kept if it starts on a syllable, mapped back to characters. */
  private fullHit(p: number, map: Uint16Array, at: number, ch: number): void {
    const { m, L } = this;
    let lo = 0; // largest j with map[at + j] <= p
    let hi = L;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (map[at + mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    if (map[at + lo] !== p) return;
    let end = lo;
    while (end < L && map[at + end + 1]! < p + m) end++;
    this.consider(lo, end + 1, ch, VIA_PINYIN, false);
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
      best.kind =
        this.mode === MODE_BODY
          ? K_VARIANT
          : this.mode === MODE_LABEL
            ? K_TAG
            : f === 0
              ? K_SHORTCUT
              : K_TITLE;
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
    const { q, L, text, py, altIniAt } = this;
    const q0 = q.charCodeAt(0);
    for (let j = 0; j < L; j++) {
      if (
        text.charCodeAt(j) !== q0 &&
        py.charCodeAt(j) !== q0 &&
        (altIniAt < 0 || py.charCodeAt(altIniAt + j) !== q0)
      ) {
        continue;
      }
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
    const py = this.py;
    const a = this.fullAt + this.c2f[this.c2fAt + j]!;
    const b = this.fullAt + this.c2f[this.c2fAt + j + 1]!;
    if (!isLetter(py.charCodeAt(a))) return -1;
    const r = this.reading(a, b, j, s);
    if (r >= 0 || this.altFullAt < 0) return r;
    const x = this.altFullAt + this.altC2f[this.altAt + j]!;
    const y = this.altFullAt + this.altC2f[this.altAt + j + 1]!;
    if (y - x === b - a && sameRegion(py, x, py, a, b - a)) return -1;
    return this.reading(x, y, j, s);
  }

  /** Character j read as py[a, b): its whole reading, zh/ch/sh, its initial, or the query's end. */
  private reading(a: number, b: number, j: number, s: number): number {
    const { q, m, py } = this;
    const len = b - a;
    const rest = m - s;
    const n = Math.min(len, rest);
    let k = 0;
    while (k < n && q.charCodeAt(s + k) === py.charCodeAt(a + k)) k++;
    if (k === 0) return -1;
    if (k === rest && rest < len) return j + 1; // the query ends inside this reading
    if (k === len) {
      const r = this.step(j + 1, s + len);
      if (r >= 0) return r;
    }
    if (len > 2 && k >= 2 && py.charCodeAt(a + 1) === 104 && ZCS(py.charCodeAt(a))) {
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
   * Whether no candidate after phrase `i` (in phrase order) scoring at most `bound` can enter
   * any more; i = -1: no candidate at all of such a pass.
   */
  closed(bound: number, i = -1): boolean {
    if (this.n < this.limit) return false;
    const t = this.tier[this.n - 1]!;
    return t > bound || (t === bound && i >= this.idx[this.n - 1]!);
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
  return drain(buildSteps(input, options));
}

/**
 * The same index, built in slices of about `sliceMs` with `pause()` (a new task) in between: a
 * page's thread can index 20k phrases without a long task, then search them synchronously — no
 * worker round trip between a keystroke and its results.
 */
export async function createPhraseIndexSliced<P extends SearchablePhrase>(
  input: readonly P[],
  options: IndexOptions & { sliceMs?: number; pause: () => Promise<void>; signal?: AbortSignal },
): Promise<PhraseIndex<P>> {
  const steps = buildSteps(input, options);
  const sliceMs = options.sliceMs ?? 8;
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    await options.pause();
    options.signal?.throwIfAborted();
    sliceStart = performance.now();
  }
}

/** Items between two chances to yield (a power of two minus one, for a cheap mask test). */
const STEP_MASK = 127;

function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function* buildSteps<P extends SearchablePhrase>(
  input: readonly P[],
  options: IndexOptions,
): Generator<void, PhraseIndex<P>> {
  const now = options.now ?? Date.now();
  // Phrase order = usage/recency rank, so every candidate list comes out best-first.
  const live: P[] = input.filter((p) => p.deletedAt === undefined);
  const N = live.length;
  const w = new Float64Array(N);
  const last = new Float64Array(N);
  live.forEach((p, k) => {
    last[k] = p.lastUsedAt ?? 0;
    w[k] = (p.usageCount ?? 0) * 0.5 ** (Math.max(0, now - last[k]!) / USAGE_HALF_LIFE_MS);
  });
  const rank = new Int32Array(N).map((_, k) => k);
  rank.sort((a, b) => w[b]! - w[a]! || last[b]! - last[a]! || a - b);
  const phrases = Array.from(rank, (k) => live[k]!);

  // Tags and categories repeat across phrases: each distinct one is matched once per query.
  const labelId = new Map<string, number>();
  const labelTexts: string[] = [];
  const labelReadings: (string | undefined)[] = [];
  const asCategory: number[][] = [];
  const asTag: number[][] = []; // pairs: phrase, tag index
  const label = (raw: string, readings: unknown): number => {
    const text = normalizeText(raw);
    if (!text) return -1;
    let id = labelId.get(text);
    if (id === undefined) {
      id = labelTexts.length;
      labelId.set(text, id);
      labelTexts.push(text);
      labelReadings.push(undefined);
      asCategory.push([]);
      asTag.push([]);
    }
    labelReadings[id] ??= validReadings(readings, text.length);
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
  /** Phrases whose title has latin letters or digits, which a latin query can match as written. */
  const latinTitles = new Uint32Array(words);
  /** Phrases whose shortcut has other characters (汉字): matched by pinyin too. */
  const otherShortcuts = new Uint32Array(words);
  const shortBuilder = new Builder(short, true, true, starts);
  const bodyBuilder = new Builder(body, false, false);
  const texts: string[] = [];
  const reads: (string | undefined)[] = [];

  for (let i = 0; i < N; i++) {
    const p = phrases[i]!;
    const py = freshPinyin(p);
    const sc = normalizeText(p.shortcut ?? '');
    const title = normalizeText(p.title);
    texts.length = reads.length = 0;
    texts.push(sc, title);
    reads.push(validReadings(py?.shortcut, sc.length), validReadings(py?.title, title.length));
    shortBuilder.add(i, texts, reads, Infinity);
    shortcuts.add(i, sc);
    titles.add(i, title);
    if (LATIN.test(title)) latinTitles[i >>> 5]! |= 1 << (i & 31);
    if (NOT_LATIN.test(sc)) otherShortcuts[i >>> 5]! |= 1 << (i & 31);
    const tags = p.tags ?? [];
    for (let k = 0; k < tags.length; k++) {
      const l = label(tags[k]!, py?.tags?.[k]);
      if (l >= 0) asTag[l]!.push(i, k);
    }
    const c = label(p.category ?? '', py?.category);
    if (c >= 0) asCategory[c]!.push(i);

    texts.length = reads.length = 0;
    for (const v of p.variants) texts.push(normalizeText(v));
    if (texts.length === 0) texts.push(''); // not a valid phrase, but never a crash
    const head = Math.min(texts[0]?.length ?? 0, PINYIN_VARIANT_CHARS);
    reads.push(validReadings(py?.variant, head));
    bodyBuilder.add(i, texts, reads, head);
    let mask = 0;
    for (const pl of p.platforms ?? []) mask |= 1 << PLATFORMS.indexOf(pl);
    platformMask[i] = mask;
    if ((i & STEP_MASK) === STEP_MASK) yield;
  }
  yield* shortBuilder.finishSteps();
  yield* bodyBuilder.finishSteps();
  const labels = new Family(labelTexts.length);
  const labelBuilder = new Builder(labels, true, true);
  for (let l = 0; l < labelTexts.length; l++) {
    labelBuilder.add(l, [labelTexts[l]!], [labelReadings[l]], Infinity);
    if ((l & STEP_MASK) === STEP_MASK) yield;
  }
  yield* labelBuilder.finishSteps();

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
   * query, and — with `only` — in that set; stops when visit returns false. Returns whether it
   * visited them all.
   */
  function candidates(
    fam: Family,
    qi: QueryInfo,
    start: StartSets | null,
    visit: (i: number) => boolean,
    only?: Uint32Array,
  ): boolean {
    const bitsets: Uint32Array[] = only ? [only] : [];
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
    for (const c of qi.others) {
      const l = fam.other[c];
      if (!l) return true;
      if (l !== DENSE) lists.push(l);
    }

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
    if (bitsets.length === 0) {
      // only characters too common to filter by: every item is a candidate
      for (let i = 0; i < fam.n; i++) if (!visit(i)) return false;
      return true;
    }
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
    for (const [start, max, title] of [
      [starts[0], TIER.shortcutPrefix + pad, false],
      [starts[1], TIER.titlePrefix + pad, true],
      [null, TIER.titleInner + pad, true],
    ] as const) {
      if (top.closed(max)) {
        shortComplete = false;
        break;
      }
      // A latin query no syllables spell gets the exact bonus only from letters written in a
      // title: those titles first, then the others can stop at the initials tier.
      const passes: [Uint32Array | undefined, number][] =
        title && qi.latin && !qi.spellable
          ? [
              [latinTitles, max],
              [undefined, max - pad],
            ]
          : [[undefined, max]];
      // A latin shortcut is a prefix match only if it starts with the query as written.
      const literal = !title && qi.latin;
      for (const [only, bound] of passes) {
        const all = candidates(
          short,
          qi,
          start,
          (i) => {
            if (literal && !(otherShortcuts[i >>> 5]! & (1 << (i & 31))) && !short.text[i]!.startsWith(q))
              return true;
            tryShort(i);
            return !top.closed(bound, i);
          },
          only,
        );
        if (!all) shortComplete = false;
      }
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
        const tag = f.kind === K_TAG;
        const list = tag ? asTag[f.index]! : asCategory[f.index]!;
        const step = tag ? 2 : 1;
        if (top.closed(f.tier, list[0])) {
          restComplete = false;
          if (top.closed(f.tier)) break;
          continue;
        }
        Object.assign(m, f);
        for (let k = 0; k < list.length; k += step) {
          const i = list[k]!;
          if (shortMark[i] === cur || labelMark[i] === cur) continue;
          labelMark[i] = cur;
          if (!allowed(i, platform)) continue;
          m.index = tag ? list[k + 1]! : 0;
          top.offer(i, m);
          if (top.closed(f.tier, i)) {
            if (k + step < list.length) restComplete = false;
            break;
          }
        }
      }
    }

    // Variants, only while the list has room: every other match outranks them.
    if (top.closed(TIER.variant + pad)) restComplete = false;
    else {
      restComplete =
        candidates(body, qi, null, (i) => {
          if (shortMark[i] === cur || labelMark[i] === cur) return true;
          if (
            prevRest &&
            bodyMark[i] !== prevRest &&
            shortMark[i] !== prevRest &&
            labelMark[i] !== prevRest
          ) {
            return true;
          }
          if (matcher.evalBody(body, i, qi) === 0) return true;
          bodyMark[i] = cur;
          if (allowed(i, platform)) top.offer(i, best);
          return !top.closed(TIER.variant + pad, i);
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
