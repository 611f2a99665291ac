import { i18n } from '#i18n';
import type { WordingKind } from '../../lib/phrases/wording';

/** One hint as shown: the flagged words, why, and what to say instead. */
export interface WordingHintView {
  key: string;
  kind: WordingKind;
  /** The flagged text, as typed. */
  text: string;
  message: string;
  /** Replacements one click applies (plain alternatives of the rule's suggestion). */
  replacements: string[];
  /** Advice to rewrite by hand (a suggestion with “……” to fill in). */
  advice?: string;
  /** Where a team rule comes from (「规则来自团队包…」); absent for built-in rules. */
  source?: string;
}

export interface WordingMarkProps {
  hints: WordingHintView[];
  expanded: boolean;
  /** Fixed position: distance from the viewport's right and bottom edges. */
  right: number;
  bottom: number;
  platform: string;
  onApply(key: string, replacement: string): void;
  onDismiss(key: string): void;
  onToggle(): void;
}

const KIND_LABEL: Record<WordingKind, () => string> = {
  rude: () => i18n.t('wordingHints.kindRude'),
  cold: () => i18n.t('wordingHints.kindCold'),
  promise: () => i18n.t('wordingHints.kindPromise'),
  'ad-law': () => i18n.t('wordingHints.kindAdLaw'),
};

function Hint({ hint, props }: { hint: WordingHintView; props: WordingMarkProps }) {
  return (
    <li class={`hint ${hint.kind}`} data-rule={hint.key}>
      <div class="hint-main">
        <span class="kind">{KIND_LABEL[hint.kind]()}</span>
        <span class="flagged">{hint.text}</span>
        {hint.replacements.length ? <span class="arrow">→</span> : null}
        {hint.replacements.map((r) => (
          <button
            type="button"
            key={r}
            class="apply"
            title={i18n.t('wordingHints.applyTitle', [hint.text, r])}
            onClick={() => props.onApply(hint.key, r)}
          >
            {r}
          </button>
        ))}
        <button
          type="button"
          class="dismiss"
          title={i18n.t('wordingHints.dismiss')}
          aria-label={i18n.t('wordingHints.dismiss')}
          onClick={() => props.onDismiss(hint.key)}
        >
          ×
        </button>
      </div>
      <div class="why">
        {hint.message}
        {hint.advice ? `：${hint.advice}` : ''}
      </div>
      {hint.source ? (
        <div class="source" data-testid="wording-source">
          {hint.source}
        </div>
      ) : null}
    </li>
  );
}

/**
 * The wording hints of one chat box: a quiet card at the box's bottom-right corner with the
 * first hint and its one-click replacement; more hints fold out. Never blocks sending.
 */
export function WordingMark(props: WordingMarkProps) {
  const { hints, expanded } = props;
  if (!hints.length) return null;
  const shown = expanded ? hints : hints.slice(0, 1);
  return (
    <div
      class="mark"
      data-testid="wording-hints"
      data-platform={props.platform}
      data-count={hints.length}
      role="status"
      style={{ right: `${Math.round(props.right)}px`, bottom: `${Math.round(props.bottom)}px` }}
      // Clicking a hint must not take the caret out of the reply box.
      onMouseDown={(e) => e.preventDefault()}
    >
      <ul class="hints">
        {shown.map((hint) => (
          <Hint key={hint.key} hint={hint} props={props} />
        ))}
      </ul>
      {hints.length > 1 ? (
        <button type="button" class="more" onClick={() => props.onToggle()}>
          {expanded ? i18n.t('wordingHints.less') : i18n.t('wordingHints.more', [String(hints.length - 1)])}
        </button>
      ) : null}
    </div>
  );
}
