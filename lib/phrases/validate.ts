import { phraseSchema, type Phrase, type PhraseInput } from './model';
import { normalizeText } from './search-core';
import { validateTemplate } from './template';

/**
 * Form-level checks before a phrase is saved (options page): the model's own rules, plus what
 * needs the other phrases or the template syntax. Messages are Chinese and keyed by field:
 * `title`, `shortcut`, `category`, `tags`, `variants` (the list) or `variants.N` (one variant).
 */

export interface OtherPhrase {
  id: string;
  title: string;
  shortcut?: string;
  variants: readonly string[];
  deletedAt?: number;
}

export type PhraseFormErrors = Partial<Record<string, string>>;

export type PhraseFormResult =
  { ok: true; phrase: Phrase; errors: PhraseFormErrors } | { ok: false; errors: PhraseFormErrors };

const fieldKey = (path: readonly PropertyKey[]): string => {
  const [head, index] = path;
  return head === 'variants' && typeof index === 'number' ? `variants.${index}` : String(head ?? 'form');
};

export function validatePhraseForm(draft: PhraseInput, others: readonly OtherPhrase[]): PhraseFormResult {
  const errors: PhraseFormErrors = {};
  const add = (key: string, message: string) => {
    errors[key] ??= message;
  };

  const parsed = phraseSchema.safeParse(draft);
  if (!parsed.success) for (const issue of parsed.error.issues) add(fieldKey(issue.path), issue.message);

  const shortcut = normalizeText(draft.shortcut?.trim() ?? '');
  if (shortcut) {
    const taken = others.find(
      (o) =>
        o.id !== draft.id &&
        o.deletedAt === undefined &&
        normalizeText(o.shortcut?.trim() ?? '') === shortcut,
    );
    if (taken) add('shortcut', `快捷码 “${draft.shortcut?.trim()}” 已被短语「${taken.title}」使用`);
  }

  const variants = Array.isArray(draft.variants) ? draft.variants : [];
  variants.forEach((text, k) => {
    if (typeof text !== 'string') return;
    const problem = validateTemplate(text)[0];
    if (problem) add(`variants.${k}`, `第 ${k + 1} 条话术：${problem.message}`);
    const same = variants.findIndex(
      (other, j) => j < k && other.trim() === text.trim() && text.trim() !== '',
    );
    if (same >= 0)
      add(`variants.${k}`, `第 ${k + 1} 条话术和第 ${same + 1} 条一样：换个说法，买家追问时才不重复`);
  });

  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, phrase: parsed.data, errors };
}

// ---------------------------------------------------------------------------------------------
// Near duplicates: the same reply saved twice under different titles.

/** Text reduced to what carries meaning: no variables, punctuation, spaces or letter case. */
export function normalizeForSimilarity(text: string): string {
  return normalizeText(text)
    .replace(/\{[^{}]*\}/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function bigrams(s: string): Map<string, number> {
  const grams = new Map<string, number>();
  if (s.length === 1) grams.set(s, 1);
  for (let k = 0; k + 1 < s.length; k++) {
    const g = s.slice(k, k + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

const gramCount = (s: string) => (s.length === 1 ? 1 : Math.max(0, s.length - 1));

/** Dice coefficient of character bigrams of the normalized texts: 1 same, 0 nothing shared. */
export function textSimilarity(a: string, b: string): number {
  return dice(normalizeForSimilarity(a), normalizeForSimilarity(b));
}

function dice(x: string, y: string, gx = bigrams(x)): number {
  if (!x || !y) return x === y && x !== '' ? 1 : 0;
  if (x === y) return 1;
  let shared = 0;
  const gy = bigrams(y);
  for (const [g, n] of gx) shared += Math.min(n, gy.get(g) ?? 0);
  return (2 * shared) / (gramCount(x) + gramCount(y));
}

export interface NearDuplicate {
  id: string;
  title: string;
  similarity: number;
  /** Which variant of the draft, and of the other phrase, are alike. */
  variant: number;
  otherVariant: number;
}

/**
 * Other phrases with a variant alike to one of the draft's (similarity ≥ threshold), most
 * similar first. Pairs whose lengths alone rule the threshold out are skipped.
 */
export function findNearDuplicates(
  draft: { id?: string; variants: readonly string[] },
  others: readonly OtherPhrase[],
  { threshold = 0.8, limit = 5 }: { threshold?: number; limit?: number } = {},
): NearDuplicate[] {
  const mine = draft.variants.map(normalizeForSimilarity).map((s) => ({ s, grams: bigrams(s) }));
  const found: NearDuplicate[] = [];
  for (const other of others) {
    if (other.id === draft.id || other.deletedAt !== undefined) continue;
    let best: NearDuplicate | undefined;
    other.variants.forEach((text, j) => {
      const t = normalizeForSimilarity(text);
      mine.forEach(({ s, grams }, k) => {
        const a = gramCount(s);
        const b = gramCount(t);
        if ((2 * Math.min(a, b)) / (a + b || 1) < threshold) return;
        const similarity = dice(s, t, grams);
        if (similarity >= threshold && (!best || similarity > best.similarity)) {
          best = { id: other.id, title: other.title, similarity, variant: k, otherVariant: j };
        }
      });
    });
    if (best) found.push(best);
  }
  return found.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
}
