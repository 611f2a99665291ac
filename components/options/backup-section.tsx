import { i18n } from '#i18n';
import { useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messaging/client';
import { parseBackup, type BackupCounts, type BackupFile } from '../../lib/store/backup-format';
import type { DataError } from '../../lib/store/error-text';
import { downloadText, formatTime, Notice, stamp } from './ui';

const ROWS = [
  ['phrases', 'backup.count.phrases'],
  ['trash', 'backup.count.trash'],
  ['packs', 'backup.count.packs'],
  ['registers', 'backup.count.registers'],
  ['followups', 'backup.count.followups'],
  ['kv', 'backup.count.kv'],
] as const satisfies readonly (readonly [keyof BackupCounts, string])[];

interface Pending {
  name: string;
  backup: BackupFile;
  incoming: BackupCounts;
  current: BackupCounts;
  migratedFrom?: number;
}

/**
 * 备份与恢复: everything in one JSON file. A chosen file is validated whole here first (so a
 * broken file is explained before anything else happens), compared with what is stored now, and
 * only then, on confirmation, applied by the background in one transaction — never half.
 */
export function BackupSection() {
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState<string>();
  const [pending, setPending] = useState<Pending>();
  const [errors, setErrors] = useState<{ name: string; list: DataError[] }>();
  const [done, setDone] = useState<string>();
  const file = useRef<HTMLInputElement>(null);

  const exportAll = async () => {
    setBusy(true);
    setDone(undefined);
    try {
      const { backup, counts } = await sendMessage('backup:export', {});
      const name = `kefu-backup-${stamp()}.json`;
      downloadText(name, JSON.stringify(backup));
      setExported(i18n.t('backup.exported', [name, String(counts.phrases + counts.trash)]));
    } catch (e) {
      setErrors({ name: '', list: [{ path: '', message: e instanceof Error ? e.message : String(e) }] });
    } finally {
      setBusy(false);
    }
  };

  const choose = async (f: File) => {
    setPending(undefined);
    setErrors(undefined);
    setDone(undefined);
    const text = await f.text();
    const parsed = parseBackup(text);
    if (!parsed.ok) return setErrors({ name: f.name, list: parsed.errors });
    setBusy(true);
    try {
      const reply = await sendMessage('backup:restore', { backup: parsed.backup, dryRun: true });
      if (!reply.ok) return setErrors({ name: f.name, list: reply.errors });
      setPending({
        name: f.name,
        backup: parsed.backup,
        incoming: reply.incoming,
        current: reply.current,
        migratedFrom: reply.migratedFrom,
      });
    } finally {
      setBusy(false);
    }
  };

  const restore = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const reply = await sendMessage('backup:restore', { backup: pending.backup });
      if (!reply.ok) return setErrors({ name: pending.name, list: reply.errors });
      setPending(undefined);
      setDone(i18n.t('backup.restored', [pending.name, String(reply.incoming.phrases)]));
    } catch (e) {
      setErrors({
        name: pending.name,
        list: [{ path: '', message: e instanceof Error ? e.message : String(e) }],
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="backup" aria-labelledby="backup-title">
      <div class="section-head">
        <div>
          <h2 id="backup-title">{i18n.t('backup.title')}</h2>
          <p class="muted section-sub">{i18n.t('backup.intro')}</p>
        </div>
      </div>

      <div class="card">
        <h3>{i18n.t('backup.export.title')}</h3>
        <p class="muted">{i18n.t('backup.export.hint')}</p>
        <div class="actions-row">
          <button
            type="button"
            class="primary"
            data-testid="backup-export"
            disabled={busy}
            onClick={() => void exportAll()}
          >
            {i18n.t('backup.export.action')}
          </button>
          {exported && (
            <span class="muted" data-testid="backup-exported">
              {exported}
            </span>
          )}
        </div>
      </div>

      <div class="card">
        <h3>{i18n.t('backup.restore.title')}</h3>
        <p class="muted">{i18n.t('backup.restore.hint')}</p>
        <div class="actions-row">
          <button
            type="button"
            data-testid="backup-choose"
            disabled={busy}
            onClick={() => file.current?.click()}
          >
            {i18n.t('backup.restore.choose')}
          </button>
          <input
            ref={file}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="backup-restore-input"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void choose(f);
            }}
          />
        </div>

        {errors && (
          <div class="restore-result">
            <Notice kind="error" testId="backup-errors-title">
              {errors.name ? i18n.t('backup.invalid', [errors.name]) : i18n.t('backup.failed')}
            </Notice>
            <ul class="error-list" data-testid="backup-errors">
              {errors.list.map((e, k) => (
                <li key={k}>
                  {e.message}
                  {e.path && <code class="path">{e.path}</code>}
                </li>
              ))}
            </ul>
          </div>
        )}

        {pending && (
          <div class="restore-result" data-testid="backup-preview">
            <Notice kind="warn">
              <strong>{i18n.t('backup.replaceTitle', [pending.name])}</strong>
              <div>
                {i18n.t('backup.fileInfo', [
                  formatTime(Date.parse(pending.backup.exportedAt)),
                  pending.backup.app?.version ?? '?',
                  String(pending.backup.dbVersion),
                ])}
                {pending.migratedFrom ? ` ${i18n.t('backup.migrated', [String(pending.migratedFrom)])}` : ''}
              </div>
            </Notice>
            <table class="compare">
              <thead>
                <tr>
                  <th />
                  <th>{i18n.t('backup.now')}</th>
                  <th>{i18n.t('backup.inFile')}</th>
                </tr>
              </thead>
              <tbody>
                {ROWS.map(([key, label]) => (
                  <tr key={key}>
                    <td>{i18n.t(label)}</td>
                    <td>{pending.current[key]}</td>
                    <td class={pending.current[key] !== pending.incoming[key] ? 'changed' : undefined}>
                      {pending.incoming[key]}
                    </td>
                  </tr>
                ))}
                <tr>
                  <td>{i18n.t('backup.count.settings')}</td>
                  <td colSpan={2}>
                    {i18n.t('backup.settingsLine', [
                      pending.backup.settings.agentName || '—',
                      pending.backup.settings.shopName || '—',
                    ])}
                  </td>
                </tr>
              </tbody>
            </table>
            <div class="actions-row">
              <button type="button" onClick={() => setPending(undefined)}>
                {i18n.t('common.cancel')}
              </button>
              <button
                type="button"
                class="primary danger"
                data-testid="backup-restore-confirm"
                disabled={busy}
                onClick={() => void restore()}
              >
                {i18n.t('backup.restore.confirm')}
              </button>
            </div>
          </div>
        )}

        {done && (
          <Notice kind="ok" testId="backup-restored">
            {done}
          </Notice>
        )}
      </div>
    </section>
  );
}
