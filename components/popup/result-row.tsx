import { i18n } from '#i18n';
import type { PhraseHit } from '../../lib/phrases/search-core';
import type { PhraseRecord } from '../../lib/store/db';
import { Highlighted, TemplateText, snippet } from '../highlight';

/** One search result: title and shortcut on the first line, the matching (or first) variant below. */
export function ResultRow({
  hit,
  selected,
  index,
  onPick,
  onHover,
}: {
  hit: PhraseHit<PhraseRecord>;
  selected: boolean;
  index: number;
  onPick(index: number): void;
  onHover(index: number): void;
}) {
  const { phrase, highlight } = hit;
  const on = (field: string) => (highlight?.field === field ? highlight.ranges : undefined);
  const variantIndex = highlight?.field === 'variant' ? highlight.index : 0;
  const body = snippet(phrase.variants[variantIndex] ?? '', on('variant'));
  const label =
    highlight?.field === 'tag'
      ? phrase.tags?.[highlight.index]
      : highlight?.field === 'category'
        ? phrase.category
        : undefined;
  return (
    <li
      id={`result-${index}`}
      role="option"
      aria-selected={selected}
      class={selected ? 'result selected' : 'result'}
      data-testid="popup-result"
      data-phrase-id={phrase.id}
      data-via={hit.via}
      onMouseDown={(e) => e.preventDefault() /* keep the focus in the search box */}
      onClick={() => onPick(index)}
      onMouseMove={() => !selected && onHover(index)}
    >
      <div class="result-head">
        <span class="result-title">
          <Highlighted text={phrase.title} ranges={on('title')} />
        </span>
        {label && (
          <span class="chip chip-match">
            <Highlighted text={label} ranges={highlight?.ranges} />
          </span>
        )}
        {phrase.variants.length > 1 && (
          <span class="chip" title={i18n.t('popup.variantCount', [String(phrase.variants.length)])}>
            ×{phrase.variants.length}
          </span>
        )}
        {phrase.shortcut && (
          <kbd class="shortcut">
            <Highlighted text={phrase.shortcut} ranges={on('shortcut')} />
          </kbd>
        )}
      </div>
      <div class="result-body">
        {body.ranges ? (
          <Highlighted text={body.text} ranges={body.ranges} />
        ) : (
          <TemplateText text={body.text} />
        )}
      </div>
    </li>
  );
}
