import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messaging/client';
import { composePack, suggestPackId } from '../../lib/packs/compose';
import { parsePack, type PackError } from '../../lib/packs/parse';
import { signPack } from '../../lib/packs/sign';
import {
  createTeamKey,
  deleteTeamKey,
  getPublishDraft,
  getTeamKey,
  publicKeyText,
  restoreTeamKey,
  savePublishDraft,
  teamKeyBackupText,
  type PublishDraft,
  type TeamKey,
} from '../../lib/packs/team-key';
import { DEFAULT_FLAG_LEGEND, DEFAULT_REMARK_TEMPLATES } from '../../lib/remarks';
import { flagLegendSchema, remarkTemplateSchema } from '../../lib/packs/parts';
import { PHRASE_STAGES, type Phrase } from '../../lib/phrases/model';
import { getSettings } from '../../lib/settings/store';
import type { Settings } from '../../lib/settings/schema';
import { download, ErrorList, errorMessage, Fingerprint, formatTime, Note, t } from './packs-ui';

type PhraseLite = Pick<Phrase, 'id' | 'title' | 'shortcut' | 'category' | 'tags' | 'variants' | 'platforms'>;
const NO_CATEGORY = '';

/**
 * 发布短语包 (team leads): a signing key, the pack's identity, which phrases and shop rules go in,
 * a changelog, then one click to sign and export the file the team imports or subscribes to.
 */
export function PublishSection() {
  const [key, setKey] = useState<TeamKey | null | undefined>(undefined);
  const [draft, setDraft] = useState<PublishDraft | null>(null);
  const [phrases, setPhrases] = useState<PhraseLite[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    void getTeamKey().then(setKey);
    void getSettings().then(setSettings);
    void getPublishDraft().then(setDraft);
    void sendMessage('phrases:list', {}).then(({ phrases: all }) =>
      // The lead publishes their own phrases; pack phrases belong to whoever published them.
      setPhrases(all.filter((p) => p.source.kind !== 'pack')),
    );
  }, []);

  return (
    <section class="pk" aria-labelledby="publish-title">
      <header class="pk-head">
        <h2 id="publish-title">{t('publish.title')}</h2>
        <p class="pk-lead">{t('publish.lead')}</p>
      </header>
      <KeyCard keyValue={key} onKey={setKey} publisher={draft?.publisher ?? ''} />
      {draft && phrases && settings && (
        <Composer
          draft={draft}
          setDraft={setDraft}
          phrases={phrases}
          settings={settings}
          teamKey={key ?? null}
        />
      )}
    </section>
  );
}

function KeyCard(props: {
  keyValue: TeamKey | null | undefined;
  onKey: (k: TeamKey | null) => void;
  publisher: string;
}) {
  const k = props.keyValue;
  const [error, setError] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [copied, setCopied] = useState(false);
  const [backedUp, setBackedUp] = useState(false);

  const generate = async () => {
    setError('');
    try {
      props.onKey(await createTeamKey());
      setBackedUp(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const restore = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > 64 * 1024) return setError(t('publish.keyFileTooBig'));
    const r = await restoreTeamKey(await file.text());
    if (!r.ok) return setError(r.message);
    setError('');
    setBackedUp(true);
    props.onKey(r.key);
  };
  const backup = () => {
    if (!k) return;
    download(`kefu-team-key-${k.fingerprint.slice(0, 9).replace(/\s/g, '')}.json`, teamKeyBackupText(k));
    setBackedUp(true);
  };
  const copyPublic = async () => {
    if (!k) return;
    await navigator.clipboard.writeText(publicKeyText(k, props.publisher || undefined));
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };

  if (k === undefined) return null;
  return (
    <div class="pk-card" data-testid="team-key">
      <h3 class="pk-card-title">
        {t('publish.keyTitle')}
        {k ? (
          <span class="pk-badge ok">{t('publish.keyReady')}</span>
        ) : (
          <span class="pk-badge plain">{t('publish.noKey')}</span>
        )}
      </h3>
      {!k ? (
        <>
          <span class="pk-sub">{t('publish.keyExplain')}</span>
          <div class="pk-row">
            <button
              type="button"
              class="primary"
              data-testid="team-key-generate"
              onClick={() => void generate()}
            >
              {t('publish.generateKey')}
            </button>
            <label class="pk-filebtn">
              <input
                type="file"
                accept=".json,application/json"
                data-testid="team-key-restore"
                onChange={(e) => void restore(e.currentTarget)}
              />
              {t('publish.restoreKey')}
            </label>
          </div>
        </>
      ) : (
        <>
          <div class="pk-row">
            <span class="pk-sub">{t('publish.fingerprint')}</span>
            <Fingerprint value={k.fingerprint} testId="team-key-fingerprint" />
          </div>
          <span class="pk-sub">
            {k.restoredAt
              ? t('publish.keyRestoredAt', [formatTime(k.restoredAt)])
              : t('publish.keyCreatedAt', [formatTime(k.createdAt)])}
            {' · '}
            {t('publish.fingerprintTell')}
          </span>
          {!backedUp && !k.restoredAt && <Note kind="warn">{t('publish.backupNow')}</Note>}
          <div class="pk-row">
            <button type="button" data-testid="team-key-backup" onClick={backup}>
              {t('publish.backupKey')}
            </button>
            <button
              type="button"
              data-testid="team-key-export-public"
              onClick={() =>
                download(`kefu-team-public-key.json`, publicKeyText(k, props.publisher || undefined))
              }
            >
              {t('publish.exportPublic')}
            </button>
            <button type="button" onClick={() => void copyPublic()}>
              {copied ? t('publish.copied') : t('publish.copyPublic')}
            </button>
            <span class="pk-spacer" />
            {confirmDelete ? (
              <>
                <span class="pk-sub">{t('publish.deleteConfirm')}</span>
                <button
                  type="button"
                  class="danger solid"
                  onClick={() =>
                    void deleteTeamKey().then(() => (props.onKey(null), setConfirmDelete(false)))
                  }
                >
                  {t('publish.deleteKey')}
                </button>
                <button type="button" onClick={() => setConfirmDelete(false)}>
                  {t('packs.cancel')}
                </button>
              </>
            ) : (
              <button type="button" class="danger" onClick={() => setConfirmDelete(true)}>
                {t('publish.deleteKey')}
              </button>
            )}
          </div>
        </>
      )}
      {error && <div class="field-error">{error}</div>}
    </div>
  );
}

/** A flag legend or template list that a future settings field might hold, validated. */
function fromSettings<T>(
  settings: Settings,
  field: string,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
): T | undefined {
  const raw = (settings as unknown as Record<string, unknown>)[field];
  if (raw === undefined) return undefined;
  const r = schema.safeParse(raw);
  return r.success ? r.data : undefined;
}

function Composer(props: {
  draft: PublishDraft;
  setDraft: (d: PublishDraft) => void;
  phrases: PhraseLite[];
  settings: Settings;
  teamKey: TeamKey | null;
}) {
  const { draft, phrases, settings } = props;
  const [notes, setNotes] = useState('');
  const [version, setVersion] = useState(draft.lastVersion + 1);
  const [selected, setSelected] = useState<Set<string>>(() => {
    const known = new Set(phrases.map((p) => p.id));
    return new Set(draft.selected ? draft.selected.filter((id) => known.has(id)) : phrases.map((p) => p.id));
  });
  const [open, setOpen] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [result, setResult] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useMemo(() => Date.now(), [notes, version, draft]);

  const legend = useMemo(
    () => fromSettings(settings, 'flagLegend', flagLegendSchema) ?? DEFAULT_FLAG_LEGEND,
    [settings],
  );
  const legendIsShop = fromSettings(settings, 'flagLegend', flagLegendSchema) !== undefined;
  const templates = useMemo(
    () =>
      fromSettings(settings, 'remarkTemplates', {
        safeParse: (v: unknown) => remarkTemplateSchema.array().safeParse(v),
      }) ?? DEFAULT_REMARK_TEMPLATES.map((tpl) => remarkTemplateSchema.parse(tpl)),
    [settings],
  );
  const policy = settings.shopPolicy;

  const update = (patch: Partial<PublishDraft>) => props.setDraft({ ...draft, ...patch });

  const categories = useMemo(() => {
    const map = new Map<string, PhraseLite[]>();
    for (const p of phrases) {
      const c = p.category ?? NO_CATEGORY;
      map.set(c, [...(map.get(c) ?? []), p]);
    }
    // In the order of the work day (售前 → 售中 → 售后 …), then by name; uncategorised last.
    const stage = (c: string) => {
      const i = PHRASE_STAGES.findIndex((s) => c === s || c.startsWith(`${s}/`));
      return i < 0 ? PHRASE_STAGES.length : i;
    };
    return [...map.entries()].sort(([a], [b]) =>
      a === NO_CATEGORY ? 1 : b === NO_CATEGORY ? -1 : stage(a) - stage(b) || a.localeCompare(b, 'zh'),
    );
  }, [phrases]);

  const chosen = phrases.filter((p) => selected.has(p.id));
  // An empty id takes the suggestion shown as the field's placeholder; it is fixed at the first export.
  const suggestedId = useMemo(() => suggestPackId(draft.name, Date.now()), [draft.name]);
  const packInput = composePack({
    id: draft.id || suggestedId,
    name: draft.name,
    publisher: draft.publisher,
    description: draft.description,
    updateUrl: draft.updateUrl,
    version,
    notes,
    history: draft.history,
    phrases: chosen,
    ...(draft.includeLegend ? { flagLegend: legend } : {}),
    ...(draft.includeTemplates ? { remarkTemplates: templates } : {}),
    ...(draft.includePolicy && policy ? { returnPolicy: policy } : {}),
    now,
  });
  const parsed = parsePack(packInput);
  // Name the phrase: "第 4 条短语" means nothing to a lead who picked phrases by category.
  const errors: PackError[] = parsed.ok
    ? []
    : parsed.errors.map((e) => {
        const m = /^\$\.phrases\[(\d+)\]/.exec(e.path);
        const ph = m ? chosen[Number(m[1])] : undefined;
        return ph ? { ...e, message: `${e.message}（「${ph.title}」）` } : e;
      });
  const versionTooLow = version <= draft.lastVersion;

  const toggle = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const exportPack = async (sign: boolean) => {
    if (!parsed.ok) return;
    setBusy(true);
    setResult(null);
    try {
      const pack =
        sign && props.teamKey ? await signPack(parsed.pack, props.teamKey.privateJwk) : parsed.pack;
      const file = `${pack.id}-v${pack.version}.kefu-pack.json`;
      download(file, `${JSON.stringify(pack, null, 2)}\n`);
      const next: PublishDraft = {
        ...draft,
        id: pack.id,
        lastVersion: Math.max(draft.lastVersion, version),
        history:
          typeof pack.changelog === 'string'
            ? draft.history
            : pack.changelog.map((e) => ({ version: e.version, date: e.date ?? '', notes: e.notes })),
        selected: [...selected],
      };
      await savePublishDraft(next);
      props.setDraft(next);
      setVersion(next.lastVersion + 1);
      setNotes('');
      setResult({
        kind: 'ok',
        text: t(sign ? 'publish.exportedSigned' : 'publish.exported', [file, pack.version + 1]),
      });
    } catch (e) {
      setResult({ kind: 'bad', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    // Keep identity fields and choices between visits, without a save button.
    void savePublishDraft({ ...draft, selected: [...selected] });
  }, [draft, selected]);

  const q = filter.trim().toLowerCase();
  return (
    <>
      <div class="pk-card">
        <h3 class="pk-card-title">{t('publish.infoTitle')}</h3>
        <div class="pk-grid2">
          <label class="pk-field">
            {t('publish.name')}
            <input
              data-testid="publish-name"
              value={draft.name}
              maxLength={60}
              placeholder={t('publish.namePlaceholder')}
              onInput={(e) => update({ name: e.currentTarget.value })}
            />
          </label>
          <label class="pk-field">
            {t('publish.id')}
            <input
              class="pk-mono"
              data-testid="publish-id"
              value={draft.id}
              maxLength={64}
              placeholder={suggestedId}
              disabled={draft.lastVersion > 0}
              title={draft.lastVersion > 0 ? t('publish.idLocked') : ''}
              onInput={(e) => update({ id: e.currentTarget.value.toLowerCase() })}
            />
          </label>
          <label class="pk-field">
            {t('publish.publisher')}
            <input
              data-testid="publish-publisher"
              value={draft.publisher}
              maxLength={60}
              placeholder={t('publish.publisherPlaceholder')}
              onInput={(e) => update({ publisher: e.currentTarget.value })}
            />
          </label>
          <label class="pk-field">
            {t('publish.updateUrl')}
            <input
              type="url"
              value={draft.updateUrl}
              placeholder="https://…/team.kefu-pack.json"
              onInput={(e) => update({ updateUrl: e.currentTarget.value })}
            />
          </label>
          <label class="pk-field wide">
            {t('publish.description')}
            <input
              value={draft.description}
              maxLength={500}
              onInput={(e) => update({ description: e.currentTarget.value })}
            />
          </label>
        </div>
      </div>

      <div class="pk-card">
        <div class="pk-row">
          <h3 class="pk-card-title">{t('publish.contentTitle')}</h3>
          <span class="pk-badge info" data-testid="publish-count">
            {t('publish.selectedCount', [selected.size, phrases.length])}
          </span>
          <span class="pk-spacer" />
          <input
            type="search"
            value={filter}
            placeholder={t('publish.filter')}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
          <button
            type="button"
            onClick={() =>
              toggle(
                phrases.map((p) => p.id),
                true,
              )
            }
          >
            {t('publish.selectAll')}
          </button>
          <button
            type="button"
            onClick={() =>
              toggle(
                phrases.map((p) => p.id),
                false,
              )
            }
          >
            {t('publish.selectNone')}
          </button>
        </div>
        {phrases.length === 0 ? (
          <div class="pk-empty">{t('publish.noPhrases')}</div>
        ) : (
          <div class="pk-cats" data-testid="publish-categories">
            {categories.map(([cat, list]) => {
              const visible = q
                ? list.filter(
                    (p) =>
                      p.title.toLowerCase().includes(q) ||
                      (p.shortcut ?? '').toLowerCase().includes(q) ||
                      cat.toLowerCase().includes(q),
                  )
                : list;
              if (visible.length === 0) return null;
              const on = list.filter((p) => selected.has(p.id)).length;
              const expanded = open === cat || (q !== '' && visible.length < 20);
              return (
                <div key={cat}>
                  <div class="pk-cat">
                    <TriCheck
                      checked={on === list.length}
                      indeterminate={on > 0 && on < list.length}
                      label={cat || t('publish.noCategory')}
                      onChange={(v) =>
                        toggle(
                          list.map((p) => p.id),
                          v,
                        )
                      }
                    />
                    <span>{cat || t('publish.noCategory')}</span>
                    <span class="pk-sub">
                      {on}/{list.length}
                    </span>
                    <button
                      type="button"
                      class="link"
                      aria-expanded={expanded}
                      onClick={() => setOpen(open === cat ? null : cat)}
                    >
                      {expanded ? t('publish.collapse') : t('publish.expand')}
                    </button>
                  </div>
                  {expanded && (
                    <div class="pk-cat-phrases">
                      {visible.map((p) => (
                        <label key={p.id}>
                          <input
                            type="checkbox"
                            checked={selected.has(p.id)}
                            onChange={(e) => toggle([p.id], e.currentTarget.checked)}
                          />
                          <span>{p.title}</span>
                          {p.shortcut && <span class="pk-kbd">/{p.shortcut}</span>}
                          <span class="pk-sub">{p.variants[0]}</span>
                        </label>
                      ))}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        )}
        <div class="pk-row" style={{ gap: '20px' }}>
          <label class="pk-check">
            <input
              type="checkbox"
              checked={draft.includeLegend}
              onChange={(e) => update({ includeLegend: e.currentTarget.checked })}
            />
            {legendIsShop ? t('publish.includeLegendShop') : t('publish.includeLegendDefault')}
          </label>
          <label class="pk-check">
            <input
              type="checkbox"
              checked={draft.includeTemplates}
              onChange={(e) => update({ includeTemplates: e.currentTarget.checked })}
            />
            {t('publish.includeTemplates', [templates.length])}
          </label>
          <label class="pk-check" title={policy ? '' : t('publish.noPolicy')}>
            <input
              type="checkbox"
              disabled={!policy}
              checked={!!policy && draft.includePolicy}
              onChange={(e) => update({ includePolicy: e.currentTarget.checked })}
            />
            {policy ? t('publish.includePolicy') : t('publish.noPolicy')}
          </label>
        </div>
      </div>

      <div class="pk-card" data-testid="publish-export">
        <h3 class="pk-card-title">{t('publish.releaseTitle')}</h3>
        <div class="pk-grid2">
          <label class="pk-field narrow">
            {t('publish.version')}
            <input
              type="number"
              min={1}
              step={1}
              data-testid="publish-version"
              value={version}
              onInput={(e) => setVersion(Math.max(1, Math.floor(Number(e.currentTarget.value) || 1)))}
            />
            {draft.lastVersion > 0 && (
              <span class={versionTooLow ? 'field-error' : 'pk-sub'}>
                {versionTooLow
                  ? t('publish.versionTooLow', [draft.lastVersion])
                  : t('publish.lastVersion', [draft.lastVersion])}
              </span>
            )}
          </label>
          <label class="pk-field wide">
            {t('publish.changelog')}
            <textarea
              rows={3}
              data-testid="publish-notes"
              value={notes}
              maxLength={2000}
              placeholder={t('publish.changelogPlaceholder')}
              onInput={(e) => setNotes(e.currentTarget.value)}
            />
          </label>
        </div>
        {errors.length > 0 && (draft.id || draft.name) && (
          <ErrorList errors={errors.slice(0, 20)} title={t('publish.problems', [errors.length])} />
        )}
        {parsed.ok && (
          <Note kind="info">
            {t('publish.summary', [parsed.pack.name, parsed.pack.version, parsed.pack.phrases.length])}
            {parsed.pack.flagLegend ? ` · ${t('packs.partFlagLegend')}` : ''}
            {parsed.pack.remarkTemplates ? ` · ${t('packs.partTemplates')}` : ''}
            {parsed.pack.returnPolicy ? ` · ${t('packs.partPolicy')}` : ''}
          </Note>
        )}
        {result && (
          <Note kind={result.kind} testId="publish-result">
            {result.text}
          </Note>
        )}
        <div class="pk-row end">
          {!props.teamKey && <span class="pk-sub">{t('publish.needKey')}</span>}
          <button
            type="button"
            data-testid="publish-export-unsigned"
            disabled={!parsed.ok || busy || versionTooLow}
            onClick={() => void exportPack(false)}
          >
            {t('publish.exportUnsigned')}
          </button>
          <button
            type="button"
            class="primary"
            data-testid="publish-export-signed"
            disabled={!parsed.ok || busy || !props.teamKey || versionTooLow}
            onClick={() => void exportPack(true)}
          >
            {t('publish.signAndExport')}
          </button>
        </div>
      </div>
    </>
  );
}

function TriCheck(props: {
  checked: boolean;
  indeterminate: boolean;
  label: string;
  onChange: (v: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = props.indeterminate;
  }, [props.indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={props.label}
      checked={props.checked}
      onChange={(e) => props.onChange(e.currentTarget.checked)}
    />
  );
}
