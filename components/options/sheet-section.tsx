import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messaging/client';
import { shanghaiDate, toPackPhrase } from '../../lib/packs/compose';
import { shortcutKey } from '../../lib/packs/installed';
import {
  columnLetter,
  guessColumnMapping,
  phrasesToCsv,
  phrasesToXlsx,
  readSheetFile,
  rowsToPhrases,
  SHEET_LIMITS,
  type ColumnMapping,
  type SheetField,
  type SheetRowError,
} from '../../lib/packs/sheet';
import type { Phrase } from '../../lib/phrases/model';
import { download, errorMessage, Icon, Note, t } from './packs-ui';

type Role = 'ignore' | Exclude<SheetField, 'variants'> | 'variant';
const FIELD_ROLES: Exclude<Role, 'ignore' | 'variant'>[] = [
  'title',
  'shortcut',
  'category',
  'tags',
  'platforms',
  'id',
];
const PREVIEW_ROWS = 8;
const ERRORS_SHOWN = 50;

interface Sheet {
  name: string;
  rows: string[][];
  warnings: string[];
  readErrors: SheetRowError[];
  /** Short hash of the file: ids of rows without an id column stay the same on a re-import. */
  hash: string;
}

function rolesFromMapping(m: ColumnMapping, columns: number): Role[] {
  const roles: Role[] = Array.from({ length: columns }, () => 'ignore');
  for (const f of FIELD_ROLES) {
    const i = m[f];
    if (i !== undefined && i < columns) roles[i] = f;
  }
  for (const i of m.variants) if (i < columns) roles[i] = 'variant';
  return roles;
}

function mappingFromRoles(roles: Role[], hasHeader: boolean): ColumnMapping {
  const m: ColumnMapping = { variants: [], hasHeader };
  roles.forEach((r, i) => {
    if (r === 'variant') m.variants.push(i);
    else if (r !== 'ignore') m[r] = i;
  });
  return m;
}

async function shortHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** 表格导入导出: phrases from CSV/XLSX with a column-mapping step, and back out to both. */
export function SheetSection() {
  const [mine, setMine] = useState<Phrase[] | null>(null);
  const reloadMine = () =>
    void sendMessage('phrases:list', {}).then(({ phrases }) =>
      setMine(phrases.filter((p) => p.source.kind !== 'pack')),
    );
  useEffect(reloadMine, []);
  return (
    <section class="pk" aria-labelledby="sheet-title">
      <header class="pk-head">
        <h2 id="sheet-title">{t('sheet.title')}</h2>
        <p class="pk-lead">{t('sheet.lead')}</p>
      </header>
      <SheetImport existing={mine ?? []} onImported={reloadMine} />
      <SheetExport phrases={mine} />
    </section>
  );
}

function SheetImport(props: { existing: Phrase[]; onImported: () => void }) {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [hasHeader, setHasHeader] = useState(true);
  const [error, setError] = useState('');
  const [dropClashing, setDropClashing] = useState(true);
  const [done, setDone] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    setDone(null);
    setError('');
    if (!file) return;
    if (file.size > SHEET_LIMITS.fileBytes) return setError(t('sheet.tooBig', [file.name]));
    const r = await readSheetFile(file);
    if (!r.ok) return setError(r.message);
    if (r.rows.length === 0) return setError(t('sheet.empty'));
    const columns = r.rows.reduce((n, row) => Math.max(n, row.length), 0);
    const guess = guessColumnMapping(r.rows[0] ?? []);
    setSheet({
      name: file.name,
      rows: r.rows,
      warnings: r.warnings,
      readErrors: r.errors,
      hash: await shortHash(`${file.name}\u0000${r.rows.length}\u0000${JSON.stringify(r.rows[0])}`),
    });
    setHasHeader(guess.hasHeader);
    setRoles(rolesFromMapping(guess, columns));
  };

  const mapping = useMemo(() => mappingFromRoles(roles, hasHeader), [roles, hasHeader]);
  const result = useMemo(() => {
    if (!sheet) return null;
    let n = 0;
    return rowsToPhrases(sheet.rows, mapping, { makeId: () => `sheet-${sheet.hash}-${++n}` });
  }, [sheet, mapping]);

  // Shortcuts another of the agent's phrases already uses: one shortcut must mean one phrase.
  const clashing = useMemo(() => {
    if (!result) return new Set<string>();
    const taken = new Map(
      props.existing.filter((p) => p.shortcut).map((p) => [shortcutKey(p.shortcut), p.id]),
    );
    return new Set(
      result.phrases
        .filter(
          (p) =>
            p.shortcut && taken.has(shortcutKey(p.shortcut)) && taken.get(shortcutKey(p.shortcut)) !== p.id,
        )
        .map((p) => p.id),
    );
  }, [result, props.existing]);

  const setRole = (col: number, role: Role) =>
    setRoles((rs) =>
      rs.map((r, i) => {
        if (i === col) return role;
        // A field lives in one column; content may span several (话术1, 话术2 …).
        if (role !== 'ignore' && role !== 'variant' && r === role) return 'ignore';
        return r;
      }),
    );

  const badCells = useMemo(() => {
    const set = new Set<string>();
    for (const e of result?.errors ?? []) set.add(`${e.row}:${e.column}`);
    return set;
  }, [result]);

  const doImport = async () => {
    if (!result || result.phrases.length === 0) return;
    setBusy(true);
    try {
      const phrases = result.phrases.map((p) => {
        if (!dropClashing || !clashing.has(p.id)) return p;
        const { shortcut: _s, ...rest } = p;
        return rest;
      });
      const r = await sendMessage('phrases:import', { phrases });
      if (r.ok) {
        setDone({ kind: 'ok', text: t('sheet.imported', [r.added, r.replaced]) });
        setSheet(null);
        props.onImported();
      } else {
        setDone({
          kind: 'bad',
          text: r.errors
            .slice(0, 5)
            .map((e) => `${e.field}: ${e.message}`)
            .join('；'),
        });
      }
    } catch (e) {
      setDone({ kind: 'bad', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const columns = roles.length;
  const start = hasHeader ? 1 : 0;
  const preview = sheet ? sheet.rows.slice(0, start + PREVIEW_ROWS) : [];
  const allErrors = [...(sheet?.readErrors ?? []), ...(result?.errors ?? [])];
  const step = !sheet ? 1 : 2;

  return (
    <div class="pk-card" data-testid="sheet-import">
      <div class="pk-row">
        <h3 class="pk-card-title">{t('sheet.importTitle')}</h3>
        <span class="pk-spacer" />
        <div class="pk-steps">
          {[1, 2, 3].map((n) => (
            <Fragment key={n}>
              {n > 1 && <span class="pk-step-line" />}
              <span class={`pk-step-dot ${step >= n ? 'on' : ''}`}>{n}</span>
              {step === n ? <b>{t(`sheet.step${n}`)}</b> : <span>{t(`sheet.step${n}`)}</span>}
            </Fragment>
          ))}
        </div>
      </div>
      {!sheet && (
        <label class="pk-drop">
          <input
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="sheet-import-input"
            onChange={(e) => void onFile(e.currentTarget)}
          />
          <span>
            <strong>{t('sheet.chooseFile')}</strong>
          </span>
          <span class="pk-sub">{t('sheet.fileHint')}</span>
        </label>
      )}
      {error && <Note kind="bad">{error}</Note>}
      {done && (
        <Note kind={done.kind} testId="sheet-result">
          {done.text}
        </Note>
      )}
      {sheet && result && (
        <div style={{ display: 'grid', gap: '12px' }} data-testid="sheet-mapping">
          <div class="pk-row">
            <span class="pk-badge plain">
              <Icon name="file" /> {sheet.name}
            </span>
            <span class="pk-sub">{t('sheet.rowsRead', [sheet.rows.length - start])}</span>
            <span class="pk-spacer" />
            <label class="pk-check">
              <input
                type="checkbox"
                checked={hasHeader}
                onChange={(e) => setHasHeader(e.currentTarget.checked)}
              />
              {t('sheet.hasHeader')}
            </label>
            <button type="button" onClick={() => setSheet(null)}>
              {t('sheet.chooseOther')}
            </button>
          </div>
          {sheet.warnings.map((w, i) => (
            <Note kind="warn" key={i}>
              {w}
            </Note>
          ))}
          <span class="pk-sub">{t('sheet.mappingHint')}</span>
          <div class="pk-table-wrap">
            <table class="pk-table">
              <thead>
                <tr>
                  <th class="rowno" />
                  {roles.map((role, col) => (
                    <th key={col}>
                      <span class="pk-colletter">{t('sheet.column', [columnLetter(col)])}</span>
                      <select
                        data-testid={`sheet-role-${columnLetter(col)}`}
                        value={role}
                        aria-label={t('sheet.column', [columnLetter(col)])}
                        onChange={(e) => setRole(col, e.currentTarget.value as Role)}
                      >
                        <option value="ignore">{t('sheet.role.ignore')}</option>
                        <option value="variant">{t('sheet.role.variant')}</option>
                        {FIELD_ROLES.map((f) => (
                          <option key={f} value={f}>
                            {t(`sheet.role.${f}`)}
                          </option>
                        ))}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.map((row, r) => (
                  <tr key={r} class={hasHeader && r === 0 ? 'header-row' : ''}>
                    <td class="rowno">{r + 1}</td>
                    {Array.from({ length: columns }, (_, col) => (
                      <td
                        key={col}
                        class={
                          roles[col] === 'ignore'
                            ? 'ignored'
                            : badCells.has(`${r + 1}:${columnLetter(col)}`)
                              ? 'bad'
                              : ''
                        }
                      >
                        {row[col] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {sheet.rows.length > preview.length && (
            <span class="pk-sub">{t('sheet.moreRows', [sheet.rows.length - preview.length])}</span>
          )}

          {allErrors.length > 0 && (
            <Note kind="bad" title={t('sheet.rowErrors', [allErrors.length])} testId="sheet-errors">
              <ul class="pk-errors">
                {allErrors.slice(0, ERRORS_SHOWN).map((e, i) => (
                  <li key={i}>
                    <span class="pk-where">
                      {t('sheet.rowN', [e.row])}
                      {e.column ? ` ${t('sheet.column', [e.column])}` : ''}
                    </span>
                    <span>{e.message}</span>
                  </li>
                ))}
              </ul>
              {allErrors.length > ERRORS_SHOWN && (
                <span class="pk-sub">{t('packs.moreItems', [allErrors.length - ERRORS_SHOWN])}</span>
              )}
            </Note>
          )}
          {clashing.size > 0 && (
            <Note kind="warn" title={t('sheet.clashTitle', [clashing.size])}>
              <label class="pk-check">
                <input
                  type="checkbox"
                  checked={dropClashing}
                  onChange={(e) => setDropClashing(e.currentTarget.checked)}
                />
                {t('sheet.dropClashing')}
              </label>
            </Note>
          )}
          <div class="pk-row">
            <span data-testid="sheet-summary">
              {t('sheet.ready', [result.phrases.length])}
              {result.errors.length > 0
                ? ` · ${t('sheet.skipped', [new Set(result.errors.map((e) => e.row)).size])}`
                : ''}
              {result.emptyRows > 0 ? ` · ${t('sheet.emptyRows', [result.emptyRows])}` : ''}
            </span>
            <span class="pk-spacer" />
            <button
              type="button"
              class="primary"
              data-testid="sheet-import-apply"
              disabled={busy || result.phrases.length === 0}
              onClick={() => void doImport()}
            >
              {t('sheet.importN', [result.phrases.length])}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function SheetExport(props: { phrases: Phrase[] | null }) {
  const [category, setCategory] = useState('');
  const [busy, setBusy] = useState(false);
  const all = props.phrases ?? [];
  const categories = useMemo(
    () =>
      [...new Set(all.map((p) => p.category ?? ''))].filter(Boolean).sort((a, b) => a.localeCompare(b, 'zh')),
    [all],
  );
  const chosen = category ? all.filter((p) => p.category === category) : all;
  // ASCII only: Chromium drops a non-ASCII `download` name and saves the file as "download".
  const base = `kefu-phrases-${shanghaiDate(Date.now())}`;

  const exportCsv = () => download(`${base}.csv`, phrasesToCsv(chosen.map(toPackPhrase)), 'text/csv');
  const exportXlsx = async () => {
    setBusy(true);
    try {
      download(`${base}.xlsx`, await phrasesToXlsx(chosen.map(toPackPhrase)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="pk-card" data-testid="sheet-export">
      <h3 class="pk-card-title">{t('sheet.exportTitle')}</h3>
      <span class="pk-sub">{t('sheet.exportHint')}</span>
      <div class="pk-row">
        <label class="pk-field" style={{ minWidth: '220px' }}>
          {t('sheet.exportScope')}
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">{t('sheet.allMine', [all.length])}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}（{all.filter((p) => p.category === c).length}）
              </option>
            ))}
          </select>
        </label>
        <span class="pk-spacer" />
        <button
          type="button"
          data-testid="sheet-export-csv"
          disabled={chosen.length === 0}
          onClick={exportCsv}
        >
          {t('sheet.exportCsv')}
        </button>
        <button
          type="button"
          class="primary"
          data-testid="sheet-export-xlsx"
          disabled={chosen.length === 0 || busy}
          onClick={() => void exportXlsx()}
        >
          {t('sheet.exportXlsx')}
        </button>
      </div>
    </div>
  );
}
