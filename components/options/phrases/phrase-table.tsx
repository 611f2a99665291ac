import { i18n } from '#i18n';
import type { PhraseHit } from '../../../lib/phrases/search-core';
import type { PhraseRecord } from '../../../lib/store/db';
import { Highlighted, TemplateText } from '../../highlight';
import { relativeTime } from '../ui';

/** 「售后/退货」 as a muted stage over the category. */
export function CategoryLabel({ category }: { category?: string }) {
  if (!category) return <span class="muted">—</span>;
  const at = category.indexOf('/');
  if (at < 0) return <span class="category">{category}</span>;
  return (
    <span class="category">
      <span class="stage">{category.slice(0, at)}</span>
      {category.slice(at + 1)}
    </span>
  );
}

export const SOURCE_KEYS = {
  mine: 'phrases.source.mine',
  starter: 'phrases.source.starter',
  pack: 'phrases.source.pack',
} as const;

/**
 * The phrase list as a table: select box, title with shortcut and first variant, category,
 * tags, source, usage. Rows are focusable: Enter edits, Space selects, Delete moves to the trash.
 */
export function PhraseTable({
  rows,
  selected,
  onToggle,
  onToggleAll,
  onOpen,
  onTrash,
  onFork,
  trashMode,
  onRestore,
  onPurge,
}: {
  rows: readonly PhraseHit<PhraseRecord>[];
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  onToggleAll(on: boolean): void;
  onOpen(p: PhraseRecord): void;
  onTrash(p: PhraseRecord): void;
  onFork(p: PhraseRecord): void;
  trashMode?: boolean;
  onRestore?(p: PhraseRecord): void;
  onPurge?(p: PhraseRecord): void;
}) {
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const moveFocus = (from: HTMLElement, by: number) => {
    const list = [...(from.closest('tbody')?.querySelectorAll<HTMLElement>('tr[tabindex]') ?? [])];
    list[list.indexOf(from) + by]?.focus();
  };
  return (
    <table class="phrase-table" data-testid={trashMode ? 'trash-table' : 'phrase-table'}>
      <thead>
        <tr>
          <th class="col-check">
            <input
              type="checkbox"
              aria-label={i18n.t('phrases.list.selectAll')}
              checked={all}
              onChange={(e) => onToggleAll(e.currentTarget.checked)}
            />
          </th>
          <th>{i18n.t('phrases.field.title')}</th>
          <th class="col-category">{i18n.t('phrases.field.category')}</th>
          <th class="col-tags">{i18n.t('phrases.field.tags')}</th>
          <th class="col-source">{i18n.t('phrases.field.source')}</th>
          <th class="col-num">
            {trashMode ? i18n.t('phrases.list.deletedAt') : i18n.t('phrases.list.used')}
          </th>
          <th class="col-actions" />
        </tr>
      </thead>
      <tbody>
        {rows.map(({ phrase: p, highlight }) => {
          const on = (field: string) => (highlight?.field === field ? highlight.ranges : undefined);
          const readOnly = p.source.kind === 'pack';
          return (
            <tr
              key={p.id}
              tabIndex={0}
              data-phrase-id={p.id}
              class={selected.has(p.id) ? 'selected' : undefined}
              onKeyDown={(e) => {
                if (e.target !== e.currentTarget) return;
                if (e.key === 'Enter') onOpen(p);
                else if (e.key === ' ') {
                  e.preventDefault();
                  onToggle(p.id);
                } else if (e.key === 'Delete' && !trashMode && !readOnly) onTrash(p);
                else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  moveFocus(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
                }
              }}
              onDblClick={() => onOpen(p)}
            >
              <td class="col-check">
                <input
                  type="checkbox"
                  aria-label={i18n.t('phrases.list.select', [p.title])}
                  checked={selected.has(p.id)}
                  onChange={() => onToggle(p.id)}
                />
              </td>
              <td class="col-title">
                <div class="title-line">
                  <button type="button" class="title-link" onClick={() => onOpen(p)}>
                    <Highlighted text={p.title} ranges={on('title')} />
                  </button>
                  {p.shortcut && (
                    <kbd class="shortcut">
                      <Highlighted text={p.shortcut} ranges={on('shortcut')} />
                    </kbd>
                  )}
                  {p.variants.length > 1 && (
                    <span class="chip" title={i18n.t('popup.variantCount', [String(p.variants.length)])}>
                      ×{p.variants.length}
                    </span>
                  )}
                </div>
                <div class="first-variant">
                  {highlight?.field === 'variant' ? (
                    <Highlighted text={p.variants[highlight.index] ?? ''} ranges={highlight.ranges} />
                  ) : (
                    <TemplateText text={p.variants[0] ?? ''} />
                  )}
                </div>
              </td>
              <td class="col-category">
                <CategoryLabel category={p.category} />
              </td>
              <td class="col-tags">
                {(p.tags ?? []).map((t, k) => (
                  <span key={t} class="tag small">
                    <Highlighted
                      text={t}
                      ranges={
                        highlight?.field === 'tag' && highlight.index === k ? highlight.ranges : undefined
                      }
                    />
                  </span>
                ))}
              </td>
              <td class="col-source">
                <span
                  class={`badge badge-${p.source.kind}`}
                  title={p.source.kind === 'pack' ? `${p.source.packId} v${p.source.version}` : undefined}
                >
                  {i18n.t(SOURCE_KEYS[p.source.kind])}
                  {p.source.kind === 'pack' ? ` · ${p.source.packId}` : ''}
                </span>
              </td>
              <td class="col-num">
                {trashMode ? (
                  relativeTime(p.deletedAt)
                ) : (
                  <>
                    <div>{i18n.t('phrases.list.times', [String(p.usageCount ?? 0)])}</div>
                    <div class="muted small">{relativeTime(p.lastUsedAt)}</div>
                  </>
                )}
              </td>
              <td class="col-actions">
                {trashMode ? (
                  <>
                    <button type="button" class="small" data-testid="restore" onClick={() => onRestore?.(p)}>
                      {i18n.t('phrases.trash.restore')}
                    </button>
                    <button
                      type="button"
                      class="small danger"
                      data-testid="purge"
                      onClick={() => onPurge?.(p)}
                    >
                      {i18n.t('phrases.trash.purge')}
                    </button>
                  </>
                ) : readOnly ? (
                  <button type="button" class="small" data-testid="fork" onClick={() => onFork(p)}>
                    {i18n.t('phrases.list.fork')}
                  </button>
                ) : (
                  <>
                    <button type="button" class="small" data-testid="edit" onClick={() => onOpen(p)}>
                      {i18n.t('common.edit')}
                    </button>
                    <button type="button" class="small danger" data-testid="trash" onClick={() => onTrash(p)}>
                      {i18n.t('common.delete')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
