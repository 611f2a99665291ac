import { i18n } from '#i18n';
import { useState } from 'preact/hooks';

/** Shown while phrases are selected: move to a category, add/remove a tag, trash, export. */
export function BulkBar({
  count,
  trashMode,
  categories,
  tags,
  onClear,
  onMove,
  onAddTag,
  onRemoveTag,
  onTrash,
  onExport,
  onRestore,
  onPurge,
}: {
  count: number;
  trashMode: boolean;
  categories: readonly string[];
  tags: readonly string[];
  onClear(): void;
  onMove(category: string): void;
  onAddTag(tag: string): void;
  onRemoveTag(tag: string): void;
  onTrash(): void;
  onExport(): void;
  onRestore(): void;
  onPurge(): void;
}) {
  const [tag, setTag] = useState('');
  return (
    <div class="bulk-bar" role="toolbar" data-testid="bulk-bar" aria-label={i18n.t('phrases.bulk.label')}>
      <strong>{i18n.t('phrases.bulk.selected', [String(count)])}</strong>
      {trashMode ? (
        <>
          <button type="button" class="small" data-testid="bulk-restore" onClick={onRestore}>
            {i18n.t('phrases.trash.restore')}
          </button>
          <button type="button" class="small danger" data-testid="bulk-purge" onClick={onPurge}>
            {i18n.t('phrases.trash.purge')}
          </button>
        </>
      ) : (
        <>
          <select
            class="small"
            data-testid="bulk-move"
            aria-label={i18n.t('phrases.bulk.move')}
            value=""
            onChange={(e) => {
              const v = e.currentTarget.value;
              e.currentTarget.value = '';
              if (v) onMove(v === '\u0000none' ? '' : v);
            }}
          >
            <option value="">{i18n.t('phrases.bulk.move')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            <option value={'\u0000none'}>{i18n.t('phrases.editor.noCategory')}</option>
          </select>
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (tag.trim()) onAddTag(tag.trim());
              setTag('');
            }}
          >
            <input
              class="small"
              data-testid="bulk-tag"
              value={tag}
              maxLength={20}
              placeholder={i18n.t('phrases.bulk.tagPlaceholder')}
              onInput={(e) => setTag(e.currentTarget.value)}
            />
            <button type="submit" class="small" disabled={!tag.trim()}>
              {i18n.t('phrases.bulk.addTag')}
            </button>
          </form>
          {tags.length > 0 && (
            <select
              class="small"
              aria-label={i18n.t('phrases.bulk.removeTag')}
              value=""
              onChange={(e) => {
                const v = e.currentTarget.value;
                e.currentTarget.value = '';
                if (v) onRemoveTag(v);
              }}
            >
              <option value="">{i18n.t('phrases.bulk.removeTag')}</option>
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
          <button type="button" class="small" onClick={onExport}>
            {i18n.t('phrases.bulk.export')}
          </button>
          <button type="button" class="small danger" data-testid="bulk-trash" onClick={onTrash}>
            {i18n.t('common.delete')}
          </button>
        </>
      )}
      <span class="spacer" />
      <button type="button" class="small link" onClick={onClear}>
        {i18n.t('phrases.bulk.clear')}
      </button>
    </div>
  );
}
