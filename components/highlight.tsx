import { i18n } from '#i18n';
import { parseTemplate } from '../lib/phrases/template';

/**
 * Text with the matched ranges marked — as text nodes and <mark>s, never HTML. Ranges are
 * [start, end) UTF-16 offsets, as the search reports them.
 */
export function Highlighted({
  text,
  ranges,
}: {
  text: string;
  ranges?: readonly (readonly [number, number])[];
}) {
  if (!ranges?.length) return <>{text}</>;
  const parts = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  for (const [start, end] of sorted) {
    const s = Math.max(start, at);
    if (end <= s) continue;
    if (s > at) parts.push(text.slice(at, s));
    parts.push(<mark key={s}>{text.slice(s, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * A long variant cut to show its match: from a little before the first range, with an ellipsis,
 * ranges shifted to the cut text.
 */
export function snippet(
  text: string,
  ranges: readonly (readonly [number, number])[] | undefined,
  lead = 14,
): { text: string; ranges?: [number, number][] } {
  const first = ranges?.[0]?.[0] ?? 0;
  if (first <= lead + 4) return { text, ranges: ranges?.map(([a, b]) => [a, b]) };
  const cut = first - lead;
  return { text: `…${text.slice(cut)}`, ranges: ranges?.map(([a, b]) => [a - cut + 1, b - cut + 1]) };
}

/** A phrase text with its variables shown as tokens ({买家|亲} → a chip 「买家」). */
export function TemplateText({ text }: { text: string }) {
  const { parts } = parseTemplate(text);
  return (
    <>
      {parts.map((p, k) =>
        p.kind === 'text' ? (
          p.text
        ) : (
          <span
            key={k}
            class="var-token"
            title={
              p.fallback !== undefined
                ? i18n.t('popup.fill.defaultIs', [p.fallback || i18n.t('popup.fill.emptyDefault')])
                : undefined
            }
          >
            {p.name || '?'}
          </span>
        ),
      )}
    </>
  );
}
