/**
 * Named selectors with alternatives. Seller pages change (hashed class names rotate), so every
 * selector lists the alternatives we know, newest first, each with the date it was seen and why.
 * Fixtures under tests/fixtures/demo assert how many nodes each selector matches on each page.
 */
export interface SelectorAlternative {
  css: string;
  /** ISO date the structure was seen (in public automation code or a capture). */
  seen: string;
  /** Why this selector, in a few words. */
  why: string;
}

export interface NamedSelector {
  name: string;
  alternatives: readonly SelectorAlternative[];
}

export function selector(name: string, ...alternatives: SelectorAlternative[]): NamedSelector {
  return { name, alternatives };
}

/** First node matched by the first alternative that matches anything. */
export function queryFirst<T extends Element = Element>(root: ParentNode, sel: NamedSelector): T | null {
  for (const alt of sel.alternatives) {
    const found = root.querySelector<T>(alt.css);
    if (found) return found;
  }
  return null;
}

/** All nodes matched by the first alternative that matches anything. */
export function queryAll<T extends Element = Element>(root: ParentNode, sel: NamedSelector): T[] {
  for (const alt of sel.alternatives) {
    const found = root.querySelectorAll<T>(alt.css);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

/** A CSS list of every alternative, for observers that wait for any of them. */
export function anyOf(sel: NamedSelector): string {
  return sel.alternatives.map((a) => a.css).join(', ');
}
