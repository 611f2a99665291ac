import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import {
  findShortcutClashes,
  findSimilarPairs,
  type ShortcutClash,
  type SimilarPair,
} from '../../../lib/options/similar';
import type { PhraseRecord } from '../../../lib/store/db';
import { TemplateText } from '../../highlight';

/** 相似短语: replies saved twice under different titles, and shortcuts used by two phrases. */
export function SimilarReport({
  phrases,
  onOpen,
  onTrash,
}: {
  phrases: readonly PhraseRecord[];
  onOpen(p: PhraseRecord): void;
  onTrash(p: PhraseRecord): void;
}) {
  const [report, setReport] = useState<{ pairs: SimilarPair[]; clashes: ShortcutClash[] }>();
  useEffect(() => {
    setReport(undefined);
    // After the tab has painted: at 20k phrases this takes a moment.
    const t = setTimeout(
      () => setReport({ pairs: findSimilarPairs(phrases), clashes: findShortcutClashes(phrases) }),
      30,
    );
    return () => clearTimeout(t);
  }, [phrases]);
  if (!report) return <div class="empty-state">{i18n.t('phrases.similar.computing')}</div>;
  const { pairs, clashes } = report;
  if (!pairs.length && !clashes.length) {
    return (
      <div class="empty-state" data-testid="similar-none">
        {i18n.t('phrases.similar.none')}
      </div>
    );
  }
  const side = (p: PhraseRecord, variant: number) => (
    <div class="pair-side">
      <div class="title-line">
        <button type="button" class="title-link" onClick={() => onOpen(p)}>
          {p.title}
        </button>
        {p.shortcut && <kbd class="shortcut">{p.shortcut}</kbd>}
      </div>
      <div class="pair-text">
        <TemplateText text={p.variants[variant] ?? ''} />
      </div>
      {p.source.kind !== 'pack' && (
        <button type="button" class="small danger" onClick={() => onTrash(p)}>
          {i18n.t('common.delete')}
        </button>
      )}
    </div>
  );
  return (
    <div class="similar" data-testid="similar-report">
      <p class="muted">{i18n.t('phrases.similar.intro')}</p>
      {clashes.length > 0 && (
        <>
          <h3>{i18n.t('phrases.similar.clashes', [String(clashes.length)])}</h3>
          <ul class="clash-list">
            {clashes.map((c) => (
              <li key={c.shortcut}>
                <kbd class="shortcut">{c.shortcut}</kbd>
                {c.phrases.map((p) => (
                  <button key={p.id} type="button" class="title-link" onClick={() => onOpen(p)}>
                    {p.title}
                  </button>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      {pairs.length > 0 && <h3>{i18n.t('phrases.similar.pairs', [String(pairs.length)])}</h3>}
      {pairs.map((pair) => (
        <div key={`${pair.a.id}|${pair.b.id}`} class="pair">
          <div class="pair-score">{Math.round(pair.similarity * 100)}%</div>
          {side(pair.a, pair.variantA)}
          {side(pair.b, pair.variantB)}
        </div>
      ))}
    </div>
  );
}
