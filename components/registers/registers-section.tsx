import { i18n } from '#i18n';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messaging/client';
import type { Followup, RegisterEntry, RegisterKind } from '../../lib/registers/schema';
import {
  dedupeEntries,
  entriesToCsv,
  entriesToXlsx,
  readRegisterFile,
  type RegisterRowError,
} from '../../lib/registers/sheet';
import { buildReport, percent } from '../../lib/registers/summary';
import {
  customPeriod,
  periodFor,
  presetDueAt,
  shanghaiDate,
  shanghaiDateTime,
  type Period,
  type PeriodPreset,
} from '../../lib/registers/time';
import { getSettings, updateSettings } from '../../lib/settings/store';
import { ConversionCard, InquiryCard, ProcessingCard, ReturnReasonsCard } from './report-cards';
import { download, useRegisters } from './use-registers';
import { ReasonSelect } from './reason-select';
import './registers.css';

const PRESETS = [
  { id: 'this-week', key: 'registers.period.thisWeek' },
  { id: 'last-week', key: 'registers.period.lastWeek' },
  { id: 'this-month', key: 'registers.period.thisMonth' },
  { id: 'last-month', key: 'registers.period.lastMonth' },
  { id: 'custom', key: 'registers.period.custom' },
] as const satisfies readonly { id: PeriodPreset; key: string }[];

/** Rows shown before 「显示全部」: a month of a busy shop is hundreds. */
const PAGE = 20;

const kindLabel = (k: RegisterKind) => i18n.t(`registers.kind.${k}`);

/** 登记与报表: the weekly-meeting figures, the entries behind them, follow-ups, files. */
export function RegistersSection() {
  const { entries, followups, error, reload } = useRegisters();
  const [preset, setPreset] = useState<PeriodPreset>('this-week');
  const today = shanghaiDate(Date.now());
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [agent, setAgent] = useState('');
  const [retention, setRetention] = useState<number>();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string; errors?: RegisterRowError[] }>();
  useEffect(() => void getSettings().then((s) => setRetention(s.retentionDays)), []);

  const period: Period | undefined =
    preset === 'custom' ? customPeriod(from, to) : periodFor(preset, Date.now());
  const agents = useMemo(
    () => [...new Set((entries ?? []).map((e) => e.agent ?? '').filter(Boolean))].sort(),
    [entries],
  );
  const scoped = useMemo(() => (entries ?? []).filter((e) => !agent || e.agent === agent), [entries, agent]);
  const report = useMemo(
    () => (period ? buildReport(scoped, period, Date.now()) : undefined),
    [scoped, period?.start, period?.end],
  );

  if (!entries) return error ? <p class="reg-error">{error}</p> : null;

  const exportAs = async (type: 'csv' | 'xlsx') => {
    // ASCII file names: Chromium drops a non-ASCII `download` name on some Linux setups.
    const name = `kefu-registers-${shanghaiDate(Date.now())}`;
    if (type === 'csv')
      download(new Blob([entriesToCsv(entries)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
    else download(await entriesToXlsx(entries), `${name}.xlsx`);
  };

  const importFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    const all: RegisterEntry[] = [];
    const errors: RegisterRowError[] = [];
    for (const file of files) {
      const r = await readRegisterFile(file, file.name);
      if (r.ok) all.push(...r.entries);
      else errors.push(...r.errors);
    }
    // Nothing half-imported: one bad row in any file and nothing is sent.
    if (errors.length) return setNotice({ kind: 'error', text: i18n.t('registers.importFailed'), errors });
    const result = await sendMessage('registers:import', { entries: dedupeEntries(all) });
    if (!result.ok) {
      return setNotice({
        kind: 'error',
        text: i18n.t('registers.importFailed'),
        errors: result.errors.map((e) => ({ row: 0, column: '', message: `${e.field}：${e.message}` })),
      });
    }
    setNotice({
      kind: 'ok',
      text: i18n.t('registers.imported', [files.length, result.added, result.updated, result.unchanged]),
    });
    await reload();
  };

  const clearAll = async () => {
    if (!confirm(i18n.t('registers.clearConfirm'))) return;
    await sendMessage('registers:clear', { confirm: true });
    setNotice({ kind: 'ok', text: i18n.t('registers.cleared') });
    await reload();
  };

  return (
    <section class="reg" data-testid="registers-section" aria-labelledby="registers-title">
      <div class="reg-head">
        <h2 id="registers-title">{i18n.t('registers.title')}</h2>
        <div class="reg-actions">
          <button type="button" onClick={() => void exportAs('csv')} data-testid="register-export-csv">
            {i18n.t('registers.exportCsv')}
          </button>
          <button
            type="button"
            class="primary"
            onClick={() => void exportAs('xlsx')}
            data-testid="register-export-xlsx"
          >
            {i18n.t('registers.exportXlsx')}
          </button>
          <label class="reg-file" title={i18n.t('registers.importHint')}>
            {i18n.t('registers.import')}
            <input
              type="file"
              multiple
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="register-import-input"
              onChange={(e) => {
                const input = e.currentTarget;
                void importFiles(input.files).finally(() => (input.value = ''));
              }}
            />
          </label>
        </div>
      </div>

      <div class="reg-toolbar" role="group" aria-label={i18n.t('registers.period.label')}>
        <div class="reg-seg" data-testid="report-period">
          {PRESETS.map((p) => (
            <button
              type="button"
              key={p.id}
              class={p.id === preset ? 'on' : undefined}
              aria-pressed={p.id === preset}
              data-period={p.id}
              onClick={() => setPreset(p.id)}
            >
              {i18n.t(p.key)}
            </button>
          ))}
        </div>
        {preset === 'custom' && (
          <span class="reg-dates">
            <input
              type="date"
              value={from}
              onInput={(e) => setFrom(e.currentTarget.value)}
              data-testid="period-from"
            />
            <span>–</span>
            <input
              type="date"
              value={to}
              onInput={(e) => setTo(e.currentTarget.value)}
              data-testid="period-to"
            />
          </span>
        )}
        <span class="muted" data-testid="period-range">
          {period
            ? i18n.t('registers.period.range', [period.from, period.to])
            : i18n.t('registers.period.invalid')}
        </span>
        {agents.length > 1 && (
          <label class="reg-agent">
            {i18n.t('registers.agentFilter')}
            <select value={agent} onChange={(e) => setAgent(e.currentTarget.value)}>
              <option value="">{i18n.t('registers.allAgents')}</option>
              {agents.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      {notice && (
        <div
          class={`reg-notice ${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="register-notice"
        >
          <p>{notice.text}</p>
          {notice.errors && (
            <ul>
              {notice.errors.slice(0, 30).map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
              {notice.errors.length > 30 && <li>… +{notice.errors.length - 30}</li>}
            </ul>
          )}
        </div>
      )}

      {report && (
        <>
          <div class="reg-kpis">
            <Kpi
              testId="kpi-inquiries"
              label={i18n.t('registers.kpi.inquiries')}
              value={report.counts.inquiry}
            />
            <Kpi
              testId="kpi-unpaid"
              label={i18n.t('registers.kpi.unpaid')}
              value={report.conversion.unpaid}
              sub={i18n.t('registers.kpi.conversion', [percent(report.conversion.rate)])}
            />
            <Kpi
              testId="kpi-returns"
              label={i18n.t('registers.kpi.returns')}
              value={`${report.counts.return} / ${report.counts.exchange}`}
              sub={i18n.t('registers.kpi.quality', [report.returns.quality])}
            />
            <Kpi
              testId="kpi-24h"
              label={i18n.t('registers.kpi.within24h')}
              value={percent(report.processing.rate)}
              sub={i18n.t('registers.kpi.processed', [
                report.processing.within24h + report.processing.late,
                report.processing.received,
              ])}
              tone={report.processing.overdue > 0 ? 'bad' : undefined}
            />
          </div>
          <div class="reg-grid">
            <ReturnReasonsCard report={report} />
            <InquiryCard report={report} />
            <ConversionCard report={report} />
            <ProcessingCard report={report} />
          </div>
          <FollowupList followups={followups} onChange={reload} />
          <EntryTable entries={scoped} period={report.period} onChange={reload} />
        </>
      )}

      <footer class="reg-privacy">
        <p>{i18n.t('registers.privacy', [retention ?? 90])}</p>
        <label>
          {i18n.t('registers.retention')}
          <input
            type="number"
            min={1}
            max={3650}
            value={retention}
            data-testid="retention-days"
            onChange={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 1 && n <= 3650)
                void updateSettings({ retentionDays: n }).then((s) => setRetention(s.retentionDays));
            }}
          />
        </label>
        <button type="button" class="danger" onClick={() => void clearAll()} data-testid="register-clear">
          {i18n.t('registers.clearAll')}
        </button>
      </footer>
    </section>
  );
}

function Kpi({
  label,
  value,
  sub,
  testId,
  tone,
}: {
  label: string;
  value: string | number;
  sub?: string;
  testId: string;
  tone?: 'bad';
}) {
  return (
    <div class={`reg-kpi ${tone ?? ''}`} data-testid={testId}>
      <span class="reg-kpi-label">{label}</span>
      <strong class="reg-kpi-value">{value}</strong>
      {sub && <span class="reg-kpi-sub">{sub}</span>}
    </div>
  );
}

function FollowupList({ followups, onChange }: { followups: Followup[]; onChange: () => void }) {
  const open = followups.filter((f) => f.status === 'open');
  const act = async (id: string, done: boolean) => {
    await sendMessage(
      'followups:update',
      done ? { id, done: true } : { id, snoozeUntil: Date.now() + 3600_000 },
    );
    onChange();
  };
  return (
    <section class="reg-card full" data-testid="followup-list">
      <header>
        <h3>{i18n.t('registers.followups')}</h3>
        <span class="muted">{open.length}</span>
      </header>
      {open.length === 0 ? (
        <p class="reg-empty">{i18n.t('registers.followupsEmpty')}</p>
      ) : (
        <ul class="reg-followups">
          {open.map((f) => (
            <li key={f.id} class={f.dueAt <= Date.now() ? 'due' : undefined}>
              <span class="reg-fu-title">{f.title}</span>
              <span class="muted">{[f.buyerNick, f.orderId].filter(Boolean).join(' · ')}</span>
              <span class="reg-fu-due">{i18n.t('registers.due', [shanghaiDateTime(f.dueAt)])}</span>
              <button type="button" onClick={() => void act(f.id, true)}>
                {i18n.t('registers.done')}
              </button>
              <button type="button" onClick={() => void act(f.id, false)}>
                {i18n.t('registers.snooze')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** When an entry counts in reports: an inquiry's time, otherwise its registration time. */
const entryTime = (e: RegisterEntry) => (e.kind === 'inquiry' ? e.at : e.createdAt);

function EntryTable({
  entries,
  period,
  onChange,
}: {
  entries: RegisterEntry[];
  period: Period;
  onChange: () => void;
}) {
  const [adding, setAdding] = useState(false);
  const [all, setAll] = useState(false);
  const inPeriod = entries
    .filter((e) => entryTime(e) >= period.start && entryTime(e) < period.end)
    .sort((a, b) => entryTime(b) - entryTime(a));
  const rows = all ? inPeriod : inPeriod.slice(0, PAGE);
  const update = async (id: string, patch: Record<string, unknown>) => {
    await sendMessage('registers:update', { id, patch });
    onChange();
  };
  const remind = async (e: RegisterEntry, preset: 'signed-3-days' | 'unpaid-1-hour' | 'next-morning') => {
    await sendMessage('followups:add', {
      followup: {
        title: e.kind === 'unpaid' ? '催付款' : e.kind === 'inquiry' ? '询盘回访' : '签收回访',
        dueAt: presetDueAt(preset, Date.now()),
        entryId: e.id,
        ...(e.orderId ? { orderId: e.orderId } : {}),
        ...(e.buyerNick ? { buyerNick: e.buyerNick } : {}),
      },
    });
    onChange();
  };
  return (
    <section class="reg-card full" data-testid="entry-table">
      <header>
        <h3>{i18n.t('registers.entries')}</h3>
        <span class="muted">{inPeriod.length}</span>
        <button type="button" class="reg-add" onClick={() => setAdding(!adding)} data-testid="register-add">
          {i18n.t('registers.add')}
        </button>
      </header>
      {adding && (
        <EntryForm
          onDone={() => {
            setAdding(false);
            onChange();
          }}
        />
      )}
      {rows.length === 0 ? (
        <p class="reg-empty">{i18n.t('registers.empty')}</p>
      ) : (
        <div class="reg-scroll">
          <table class="reg-table entries">
            <thead>
              <tr>
                <th>{i18n.t('registers.col.time')}</th>
                <th>{i18n.t('registers.col.kind')}</th>
                <th>{i18n.t('registers.col.buyer')}</th>
                <th>{i18n.t('registers.col.order')}</th>
                <th>{i18n.t('registers.col.reason')}</th>
                <th>{i18n.t('registers.col.status')}</th>
                <th>{i18n.t('registers.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} data-entry-id={e.id} data-kind={e.kind}>
                  <td class="nowrap">{shanghaiDateTime(entryTime(e))}</td>
                  <td>
                    <span class={`reg-kind k-${e.kind}`}>{kindLabel(e.kind)}</span>
                  </td>
                  <td>{e.buyerNick ?? ''}</td>
                  <td class="mono">{e.orderId ?? ''}</td>
                  <td>
                    {e.reason ?? ''}
                    {e.kind === 'inquiry' && e.question ? <div class="muted small">{e.question}</div> : null}
                  </td>
                  <td class="nowrap">{status(e)}</td>
                  <td class="reg-row-actions">
                    {e.kind === 'unpaid' && e.paidAt === undefined && (
                      <>
                        <button type="button" onClick={() => void update(e.id, { paidAt: Date.now() })}>
                          {i18n.t('registers.markPaid')}
                        </button>
                        <button
                          type="button"
                          onClick={() => void update(e.id, { remindersSent: e.remindersSent + 1 })}
                        >
                          {i18n.t('registers.remind')}
                        </button>
                      </>
                    )}
                    {(e.kind === 'return' || e.kind === 'exchange') && e.receivedAt === undefined && (
                      <button type="button" onClick={() => void update(e.id, { receivedAt: Date.now() })}>
                        {i18n.t('registers.markReceived')}
                      </button>
                    )}
                    {(e.kind === 'return' || e.kind === 'exchange') &&
                      e.receivedAt !== undefined &&
                      e.processedAt === undefined && (
                        <button type="button" onClick={() => void update(e.id, { processedAt: Date.now() })}>
                          {i18n.t('registers.markProcessed')}
                        </button>
                      )}
                    <select
                      aria-label={i18n.t('registers.followup')}
                      value=""
                      onChange={(ev) => {
                        const v = ev.currentTarget.value as
                          'signed-3-days' | 'unpaid-1-hour' | 'next-morning' | '';
                        if (v) void remind(e, v);
                      }}
                    >
                      <option value="">{i18n.t('registers.followup')}</option>
                      <option value="signed-3-days">{i18n.t('registers.preset.signed3')}</option>
                      <option value="unpaid-1-hour">{i18n.t('registers.preset.unpaid1h')}</option>
                      <option value="next-morning">{i18n.t('registers.preset.nextMorning')}</option>
                    </select>
                    <button
                      type="button"
                      class="link danger"
                      onClick={() => void sendMessage('registers:delete', { ids: [e.id] }).then(onChange)}
                    >
                      {i18n.t('registers.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {inPeriod.length > rows.length && (
            <button type="button" class="link reg-more" onClick={() => setAll(true)}>
              {i18n.t('registers.showAll', [inPeriod.length])}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function status(e: RegisterEntry): string {
  if (e.kind === 'unpaid')
    return e.paidAt !== undefined ? i18n.t('registers.paid') : i18n.t('registers.stillUnpaid');
  if (e.kind === 'inquiry') return e.itemTitle ?? '';
  if (e.processedAt !== undefined)
    return `${i18n.t('registers.markProcessed')} ${shanghaiDateTime(e.processedAt)}`;
  if (e.receivedAt !== undefined)
    return `${i18n.t('registers.markReceived')} ${shanghaiDateTime(e.receivedAt)}`;
  return e.trackingNo ?? '';
}

/** Manual entry (the capture buttons prefill the same fields on seller pages). */
export function EntryForm({ onDone, initial }: { onDone: () => void; initial?: Record<string, unknown> }) {
  const [kind, setKind] = useState<RegisterKind>((initial?.kind as RegisterKind) ?? 'inquiry');
  const [errors, setErrors] = useState<string[]>([]);
  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const amount = text('amount');
    const entry: Record<string, unknown> = {
      ...initial,
      kind,
      buyerNick: text('buyerNick'),
      orderId: text('orderId'),
      reason: text('reason'),
      note: text('note'),
      agent: (await getSettings()).agentName || undefined,
    };
    if (kind === 'inquiry')
      Object.assign(entry, { itemTitle: text('itemTitle'), question: text('question') });
    if (kind !== 'inquiry' && amount) entry.amountFen = Math.round(Number(amount) * 100);
    if (kind === 'return' || kind === 'exchange')
      Object.assign(entry, { trackingNo: text('trackingNo'), quality: data.get('quality') === 'on' });
    for (const k of Object.keys(entry)) if (entry[k] === undefined) delete entry[k];
    const r = await sendMessage('registers:add', { entry });
    if (!r.ok) return setErrors(r.errors.map((e) => e.message));
    onDone();
  };
  return (
    <form
      class="reg-form"
      data-testid="register-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <div class="reg-seg small">
        {(['inquiry', 'unpaid', 'return', 'exchange'] as const).map((k) => (
          <button
            type="button"
            key={k}
            class={k === kind ? 'on' : undefined}
            aria-pressed={k === kind}
            onClick={() => setKind(k)}
          >
            {kindLabel(k)}
          </button>
        ))}
      </div>
      <Field name="buyerNick" label={i18n.t('registers.field.buyerNick')} value={initial?.buyerNick} />
      <Field name="orderId" label={i18n.t('registers.field.orderId')} value={initial?.orderId} />
      {kind === 'inquiry' && (
        <Field name="itemTitle" label={i18n.t('registers.field.itemTitle')} value={initial?.itemTitle} />
      )}
      {kind === 'inquiry' && <Field name="question" label={i18n.t('registers.field.question')} />}
      {kind !== 'inquiry' && (
        <Field
          name="amount"
          label={i18n.t('registers.field.amount')}
          value={typeof initial?.amountFen === 'number' ? (initial.amountFen / 100).toFixed(2) : undefined}
        />
      )}
      {(kind === 'return' || kind === 'exchange') && (
        <Field name="trackingNo" label={i18n.t('registers.field.trackingNo')} />
      )}
      <label class="reg-field">
        <span>{i18n.t('registers.field.reason')}</span>
        <ReasonSelect kind={kind} />
      </label>
      {(kind === 'return' || kind === 'exchange') && (
        <label class="reg-check">
          <input type="checkbox" name="quality" />
          {i18n.t('registers.field.quality')}
        </label>
      )}
      <Field name="note" label={i18n.t('registers.field.note')} />
      {errors.length > 0 && (
        <ul class="reg-form-errors" role="alert">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <div class="reg-form-actions">
        <button type="submit" class="primary">
          {i18n.t('registers.save')}
        </button>
        <button type="button" onClick={onDone}>
          {i18n.t('registers.cancel')}
        </button>
      </div>
    </form>
  );
}

function Field({ name, label, value }: { name: string; label: string; value?: unknown }) {
  return (
    <label class="reg-field">
      <span>{label}</span>
      <input name={name} defaultValue={typeof value === 'string' ? value : undefined} maxLength={200} />
    </label>
  );
}
