import { i18n } from '#i18n';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../../lib/messaging/client';
import { DEFAULT_CATEGORIES, PHRASE_STAGES } from '../../../lib/phrases/model';
import { createPhraseIndexCore, type PhraseHit, type PhraseIndex } from '../../../lib/phrases/search-core';
import type { PhraseRecord } from '../../../lib/store/db';
import { Notice, stamp, downloadText, type NoticeKind } from '../ui';
import { BulkBar } from './bulk-bar';
import { ConfirmDialog, type ConfirmRequest } from './confirm-dialog';
import { ImportDialog } from './import-dialog';
import { PackPhraseView } from './pack-phrase-view';
import { draftOf, forkDraft, PhraseEditor, type Draft } from './phrase-editor';
import { PhraseTable } from './phrase-table';
import { SimilarReport } from './similar-report';
import { usePhrases } from './use-phrases';
import { exportPhraseList } from '../../../lib/options/phrase-io';
import './phrases.css';

const PAGE = 50;
type Tab = 'all' | 'similar' | 'trash';
type SortKey = 'updated' | 'usage' | 'lastUsed' | 'title';
type SourceFilter = '' | 'mine' | 'starter' | 'pack';

const asHit = (phrase: PhraseRecord): PhraseHit<PhraseRecord> => ({
  id: phrase.id,
  phrase,
  score: 0,
  via: 'text',
});
const collator = new Intl.Collator('zh-CN');
const SORTERS: Record<SortKey, (a: PhraseRecord, b: PhraseRecord) => number> = {
  updated: (a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0),
  usage: (a, b) => (b.usageCount ?? 0) - (a.usageCount ?? 0) || (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0),
  lastUsed: (a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0),
  title: (a, b) => collator.compare(a.title, b.title),
};

/** Options › 短语: the agent's phrase library. */
export function PhrasesSection() {
  const { data, error: loadError, reload } = usePhrases();
  const [tab, setTab] = useState<Tab>('all');
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [tag, setTag] = useState('');
  const [source, setSource] = useState<SourceFilter>('');
  const [sort, setSort] = useState<SortKey>('updated');
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<{ draft: Draft; isNew: boolean }>();
  const [viewing, setViewing] = useState<PhraseRecord>();
  const [importing, setImporting] = useState<{ name: string; text: string }>();
  const [confirming, setConfirming] = useState<ConfirmRequest>();
  const [notice, setNotice] = useState<{ kind: NoticeKind; text: string }>();
  const searchBox = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const active = data?.active ?? [];
  const trash = data?.trash ?? [];
  const all = useMemo(() => [...active, ...trash], [data]);

  // The search index is built on the first query and again when the phrases change.
  const index = useRef<{ revision: number; index: PhraseIndex<PhraseRecord> }>(undefined);
  const searchIndex = () => {
    if (!data) return undefined;
    if (index.current?.revision !== data.revision) {
      index.current = { revision: data.revision, index: createPhraseIndexCore(data.active) };
    }
    return index.current.index;
  };

  const categories = useMemo(() => {
    const used = new Set(active.map((p) => p.category ?? '').filter(Boolean));
    const ordered = PHRASE_STAGES.flatMap((s) => DEFAULT_CATEGORIES[s].map((c) => `${s}/${c}`)).filter((c) =>
      used.has(c),
    );
    return [...ordered, ...[...used].filter((c) => !ordered.includes(c)).sort(collator.compare)];
  }, [data]);
  const tags = useMemo(
    () => [...new Set(active.flatMap((p) => p.tags ?? []))].sort(collator.compare),
    [data],
  );

  const q = query.trim();
  const rows = useMemo(() => {
    const list = tab === 'trash' ? trash : active;
    let hits: PhraseHit<PhraseRecord>[];
    if (q && tab === 'all') hits = searchIndex()?.search(q, 100_000) ?? [];
    else if (q)
      hits = list
        .filter((p) => `${p.title} ${p.shortcut ?? ''} ${p.variants.join(' ')}`.includes(q))
        .map(asHit);
    else
      hits = [...list]
        .sort(tab === 'trash' ? (a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0) : SORTERS[sort])
        .map(asHit);
    return hits.filter(
      ({ phrase: p }) =>
        (!category || p.category === category || (p.category ?? '').startsWith(`${category}/`)) &&
        (!tag || (p.tags ?? []).includes(tag)) &&
        (!source || p.source.kind === source),
    );
  }, [data, tab, q, category, tag, source, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, page * PAGE + PAGE);

  useEffect(() => setPage(0), [tab, q, category, tag, source, sort]);
  useEffect(() => setSelected(new Set()), [tab]);
  useEffect(() => {
    // Keyboard first: "/" searches, "n" starts a new phrase (when not typing in a field).
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (editing || viewing || importing || confirming || e.ctrlKey || e.metaKey || e.altKey) return;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
      if (e.key === '/') {
        e.preventDefault();
        searchBox.current?.focus();
      } else if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        setEditing({ draft: draftOf(), isNew: true });
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [editing, viewing, importing, confirming]);

  const say = (kind: NoticeKind, text: string) => setNotice({ kind, text });
  const idsOf = (list: Iterable<string>) => [...list];
  const editable = (ids: Iterable<string>) =>
    [...ids]
      .map((id) => active.find((p) => p.id === id))
      .filter((p): p is PhraseRecord => !!p && p.source.kind !== 'pack');

  const trashIds = async (ids: string[]) => {
    const { changed } = await sendMessage('phrases:trash', { ids });
    say('ok', i18n.t('phrases.notice.trashed', [String(changed)]));
    setSelected(new Set());
    await reload();
  };
  const restoreIds = async (ids: string[]) => {
    const { changed } = await sendMessage('phrases:restore', { ids });
    say('ok', i18n.t('phrases.notice.restored', [String(changed)]));
    setSelected(new Set());
    await reload();
  };
  const purgeIds = (ids: string[]) =>
    setConfirming({
      title: i18n.t('phrases.trash.purgeTitle'),
      text: i18n.t('phrases.trash.purgeText', [String(ids.length)]),
      action: i18n.t('phrases.trash.purge'),
      danger: true,
      run: async () => {
        const { changed } = await sendMessage('phrases:purge', { ids });
        say('ok', i18n.t('phrases.notice.purged', [String(changed)]));
        setSelected(new Set());
        await reload();
      },
    });

  /** Bulk edits go through the all-or-nothing import: either every selected phrase changes or none. */
  const rewrite = async (list: PhraseRecord[], change: (p: PhraseRecord) => PhraseRecord, done: string) => {
    if (!list.length) return say('warn', i18n.t('phrases.bulk.nothingEditable'));
    const phrases = list.map((p) => {
      const { py: _py, ...rest } = change(p);
      return rest;
    });
    const reply = await sendMessage('phrases:import', { phrases });
    if (!reply.ok) return say('error', reply.errors.map((e) => `${e.field}：${e.message}`).join('；'));
    say('ok', done);
    await reload();
  };

  const removeStarter = () => {
    const ids = active.filter((p) => p.source.kind === 'starter').map((p) => p.id);
    if (!ids.length) return say('info', i18n.t('phrases.notice.noStarter'));
    setConfirming({
      title: i18n.t('phrases.starter.removeTitle'),
      text: i18n.t('phrases.starter.removeText', [String(ids.length)]),
      action: i18n.t('phrases.starter.removeAction'),
      danger: true,
      run: () => trashIds(ids),
    });
  };

  const exportList = (list: PhraseRecord[]) => {
    downloadText(`kefu-phrases-${stamp()}.json`, exportPhraseList(list));
    say(
      'ok',
      i18n.t('phrases.notice.exported', [String(list.filter((p) => p.deletedAt === undefined).length)]),
    );
  };

  const open = (p: PhraseRecord) => {
    if (p.source.kind === 'pack') setViewing(p);
    else if (p.deletedAt !== undefined) say('info', i18n.t('phrases.notice.restoreFirst'));
    else setEditing({ draft: draftOf(p), isNew: false });
  };

  return (
    <section class="phrases" aria-labelledby="phrases-title">
      <div class="section-head">
        <div>
          <h2 id="phrases-title">{i18n.t('phrases.title')}</h2>
          <p class="muted section-sub">
            {data
              ? i18n.t('phrases.summary', [String(active.length), String(trash.length)])
              : i18n.t('phrases.loading')}
          </p>
        </div>
        <div class="head-actions">
          <button
            type="button"
            class="primary"
            data-testid="phrase-new"
            onClick={() => setEditing({ draft: draftOf(), isNew: true })}
          >
            + {i18n.t('phrases.new')} <kbd>N</kbd>
          </button>
          <button type="button" data-testid="phrase-import" onClick={() => fileInput.current?.click()}>
            {i18n.t('phrases.import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="phrase-import-input"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) setImporting({ name: file.name, text: await file.text() });
            }}
          />
          <button type="button" data-testid="phrase-export" onClick={() => exportList(active)}>
            {i18n.t('phrases.export')}
          </button>
          <button type="button" class="subtle" data-testid="remove-starter" onClick={removeStarter}>
            {i18n.t('phrases.starter.remove')}
          </button>
        </div>
      </div>

      {loadError && <Notice kind="error">{i18n.t('phrases.loadFailed', [loadError])}</Notice>}
      {notice && (
        <Notice kind={notice.kind} testId="phrases-notice">
          <span>{notice.text}</span>
          <button type="button" class="link" onClick={() => setNotice(undefined)}>
            {i18n.t('common.dismiss')}
          </button>
        </Notice>
      )}

      <div class="tabs" role="tablist">
        {(
          [
            ['all', i18n.t('phrases.tab.all'), active.length],
            ['similar', i18n.t('phrases.tab.similar'), undefined],
            ['trash', i18n.t('phrases.tab.trash'), trash.length],
          ] as const
        ).map(([id, label, count]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            class={tab === id ? 'tab active' : 'tab'}
            data-testid={`tab-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
            {count !== undefined && <span class="tab-count">{count}</span>}
          </button>
        ))}
      </div>

      {tab === 'similar' ? (
        <SimilarReport phrases={active} onOpen={open} onTrash={(p) => void trashIds([p.id])} />
      ) : (
        <>
          <div class="toolbar">
            <div class="search-wrap">
              <input
                ref={searchBox}
                type="search"
                data-testid="phrases-search"
                value={query}
                placeholder={i18n.t('phrases.searchPlaceholder')}
                onInput={(e) => setQuery(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') setQuery('');
                  if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    document.querySelector<HTMLElement>('.phrase-table tbody tr')?.focus();
                  }
                }}
              />
              <kbd class="search-key">/</kbd>
            </div>
            <select
              aria-label={i18n.t('phrases.field.category')}
              data-testid="filter-category"
              value={category}
              onChange={(e) => setCategory(e.currentTarget.value)}
            >
              <option value="">{i18n.t('phrases.filter.allCategories')}</option>
              {PHRASE_STAGES.filter((s) => categories.some((c) => c.startsWith(`${s}/`))).map((s) => (
                <option key={s} value={s}>
                  {i18n.t('phrases.filter.stage', [s])}
                </option>
              ))}
              {categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <select
              aria-label={i18n.t('phrases.field.tags')}
              data-testid="filter-tag"
              value={tag}
              onChange={(e) => setTag(e.currentTarget.value)}
            >
              <option value="">{i18n.t('phrases.filter.allTags')}</option>
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <select
              aria-label={i18n.t('phrases.field.source')}
              data-testid="filter-source"
              value={source}
              onChange={(e) => setSource(e.currentTarget.value as SourceFilter)}
            >
              <option value="">{i18n.t('phrases.filter.allSources')}</option>
              <option value="mine">{i18n.t('phrases.source.mine')}</option>
              <option value="starter">{i18n.t('phrases.source.starter')}</option>
              <option value="pack">{i18n.t('phrases.source.pack')}</option>
            </select>
            {tab === 'all' && (
              <select
                aria-label={i18n.t('phrases.sort.label')}
                value={sort}
                disabled={!!q}
                onChange={(e) => setSort(e.currentTarget.value as SortKey)}
              >
                <option value="updated">{i18n.t('phrases.sort.updated')}</option>
                <option value="usage">{i18n.t('phrases.sort.usage')}</option>
                <option value="lastUsed">{i18n.t('phrases.sort.lastUsed')}</option>
                <option value="title">{i18n.t('phrases.sort.title')}</option>
              </select>
            )}
          </div>

          {selected.size > 0 && (
            <BulkBar
              count={selected.size}
              trashMode={tab === 'trash'}
              categories={categories}
              tags={[...new Set(editable(selected).flatMap((p) => p.tags ?? []))]}
              onClear={() => setSelected(new Set())}
              onMove={(c) =>
                void rewrite(
                  editable(selected),
                  (p) => ({ ...p, category: c }),
                  i18n.t('phrases.bulk.moved', [
                    String(editable(selected).length),
                    c || i18n.t('phrases.editor.noCategory'),
                  ]),
                )
              }
              onAddTag={(t) =>
                void rewrite(
                  editable(selected),
                  (p) => ({ ...p, tags: [...new Set([...(p.tags ?? []), t])] }),
                  i18n.t('phrases.bulk.tagAdded', [t, String(editable(selected).length)]),
                )
              }
              onRemoveTag={(t) =>
                void rewrite(
                  editable(selected).filter((p) => p.tags?.includes(t)),
                  (p) => ({ ...p, tags: (p.tags ?? []).filter((x) => x !== t) }),
                  i18n.t('phrases.bulk.tagRemoved', [t]),
                )
              }
              onTrash={() => void trashIds(editable(selected).map((p) => p.id))}
              onExport={() => exportList(active.filter((p) => selected.has(p.id)))}
              onRestore={() => void restoreIds(idsOf(selected))}
              onPurge={() => purgeIds(idsOf(selected))}
            />
          )}

          {tab === 'trash' && trash.length > 0 && selected.size === 0 && (
            <div class="trash-hint">
              <span class="muted">{i18n.t('phrases.trash.hint')}</span>
              <button
                type="button"
                class="small danger"
                data-testid="empty-trash"
                onClick={() => purgeIds(trash.map((p) => p.id))}
              >
                {i18n.t('phrases.trash.empty')}
              </button>
            </div>
          )}

          {data && rows.length === 0 ? (
            <div class="empty-state" data-testid="phrases-empty">
              {tab === 'trash'
                ? i18n.t('phrases.trash.none')
                : q || category || tag || source
                  ? i18n.t('phrases.list.noMatch')
                  : i18n.t('phrases.list.none')}
            </div>
          ) : (
            <PhraseTable
              rows={shown}
              selected={selected}
              trashMode={tab === 'trash'}
              onToggle={(id) =>
                setSelected((s) => {
                  const next = new Set(s);
                  if (!next.delete(id)) next.add(id);
                  return next;
                })
              }
              onToggleAll={(on) =>
                setSelected((s) => {
                  const next = new Set(s);
                  for (const r of shown) {
                    if (on) next.add(r.id);
                    else next.delete(r.id);
                  }
                  return next;
                })
              }
              onOpen={open}
              onTrash={(p) => void trashIds([p.id])}
              onFork={(p) => setEditing({ draft: forkDraft(p), isNew: true })}
              onRestore={(p) => void restoreIds([p.id])}
              onPurge={(p) => purgeIds([p.id])}
            />
          )}
          {pages > 1 && (
            <nav class="pager" aria-label={i18n.t('phrases.list.pages')}>
              <button type="button" class="small" disabled={page === 0} onClick={() => setPage(page - 1)}>
                {i18n.t('phrases.list.prev')}
              </button>
              <span class="muted">
                {i18n.t('phrases.list.pageOf', [String(page + 1), String(pages), String(rows.length)])}
              </span>
              <button
                type="button"
                class="small"
                disabled={page >= pages - 1}
                onClick={() => setPage(page + 1)}
              >
                {i18n.t('phrases.list.next')}
              </button>
            </nav>
          )}
        </>
      )}

      {editing && (
        <PhraseEditor
          initial={editing.draft}
          isNew={editing.isNew}
          others={all}
          onClose={() => setEditing(undefined)}
          onSaved={(p) => {
            setEditing(undefined);
            say('ok', i18n.t(editing.isNew ? 'phrases.notice.created' : 'phrases.notice.saved', [p.title]));
            void reload();
          }}
        />
      )}
      {viewing && (
        <PackPhraseView
          phrase={viewing}
          onClose={() => setViewing(undefined)}
          onFork={() => {
            setEditing({ draft: forkDraft(viewing), isNew: true });
            setViewing(undefined);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          file={importing}
          existing={all}
          onClose={() => setImporting(undefined)}
          onDone={(added, replaced) => {
            setImporting(undefined);
            say('ok', i18n.t('phrases.notice.imported', [String(added), String(replaced)]));
            void reload();
          }}
        />
      )}
      {confirming && <ConfirmDialog request={confirming} onClose={() => setConfirming(undefined)} />}
    </section>
  );
}
