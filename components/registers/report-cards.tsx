import { i18n } from '#i18n';
import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import { percent, yuan, type Report, type ReasonSummary } from '../../lib/registers/summary';
import { ChartCanvas, palette } from './chart';

function barConfig(summary: ReasonSummary, highlightTop: boolean): ChartConfiguration {
  const p = palette();
  const rows = summary.rows.slice(0, 8);
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.reason),
      datasets: [
        {
          label: i18n.t('registers.col.count'),
          data: rows.map((r) => r.count),
          backgroundColor: rows.map((r) => (!highlightTop || r.rank <= 3 ? p.accent : p.border)),
          borderRadius: 4,
          maxBarThickness: 22,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: { label: (c) => `${c.parsed.x} · ${percent(rows[c.dataIndex]?.share)}` },
        },
      },
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: p.border } },
        y: { grid: { display: false }, ticks: { color: p.fg } },
      },
    },
  };
}

function doughnut(labels: string[], data: number[], colors: string[]): ChartConfiguration {
  const p = palette();
  const config: ChartConfiguration<'doughnut'> = {
    type: 'doughnut',
    data: { labels, datasets: [{ data, backgroundColor: colors, borderColor: p.bg, borderWidth: 2 }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      cutout: '62%',
      plugins: { legend: { position: 'right', labels: { color: p.fg, boxWidth: 12, padding: 12 } } },
    },
  };
  return config as ChartConfiguration;
}

function Empty() {
  return <p class="reg-empty">{i18n.t('registers.empty')}</p>;
}

/** Rank, reason, count, share; the top rows (ties included) stand out. */
export function ReasonTable({
  summary,
  testId,
  topOnly,
}: {
  summary: ReasonSummary;
  testId: string;
  topOnly?: boolean;
}) {
  const rows = topOnly ? summary.top : summary.rows;
  return (
    <table class="reg-table" data-testid={testId}>
      <thead>
        <tr>
          <th class="num">{i18n.t('registers.col.rank')}</th>
          <th>{i18n.t('registers.col.reason')}</th>
          <th class="num">{i18n.t('registers.col.count')}</th>
          <th class="num">{i18n.t('registers.col.share')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.reason} data-reason={r.reason} data-count={r.count}>
            <td class="num">
              <span class={`reg-rank rank-${Math.min(r.rank, 4)}`}>{r.rank}</span>
            </td>
            <td>{r.reason}</td>
            <td class="num">{r.count}</td>
            <td class="num">
              <span class="reg-share">
                <span class="reg-share-track" aria-hidden="true">
                  <span class="reg-share-bar" style={{ width: `${Math.round(r.share * 100)}%` }} />
                </span>
                <span>{percent(r.share)}</span>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReturnReasonsCard({ report }: { report: Report }) {
  const s = report.returns;
  const config = useMemo(() => barConfig(s, true), [s]);
  return (
    <section class="reg-card wide" data-testid="report-returns">
      <header>
        <h3>{i18n.t('registers.returnReasons')}</h3>
        <span class="muted">{i18n.t('registers.returnReasonsHint', [s.total])}</span>
      </header>
      {s.total === 0 ? (
        <Empty />
      ) : (
        <div class="reg-split">
          <ChartCanvas config={config} label={i18n.t('registers.returnReasons')} testId="chart-returns" />
          <div>
            <ReasonTable summary={s} testId="return-reasons-table" topOnly />
            {s.tieAtCutoff && <p class="reg-note">{i18n.t('registers.tie', [s.top.length])}</p>}
          </div>
        </div>
      )}
    </section>
  );
}

export function InquiryCard({ report }: { report: Report }) {
  const s = report.inquiries;
  const config = useMemo(() => barConfig(s, false), [s]);
  return (
    <section class="reg-card" data-testid="report-inquiries">
      <header>
        <h3>{i18n.t('registers.inquiryReasons')}</h3>
        <span class="muted">{s.total}</span>
      </header>
      {s.total === 0 ? (
        <Empty />
      ) : (
        <>
          <ChartCanvas
            config={config}
            label={i18n.t('registers.inquiryReasons')}
            height={180}
            testId="chart-inquiries"
          />
          <ReasonTable summary={s} testId="inquiry-reasons-table" />
        </>
      )}
    </section>
  );
}

export function ConversionCard({ report }: { report: Report }) {
  const c = report.conversion;
  const config = useMemo(() => {
    const p = palette();
    return doughnut(
      [i18n.t('registers.paid'), i18n.t('registers.stillUnpaid')],
      [c.paid, c.unpaid - c.paid],
      [p.ok, p.border],
    );
  }, [c]);
  return (
    <section class="reg-card" data-testid="report-conversion">
      <header>
        <h3>{i18n.t('registers.conversion')}</h3>
        <strong class="reg-big" data-testid="conversion-rate">
          {percent(c.rate)}
        </strong>
      </header>
      {c.unpaid === 0 ? (
        <Empty />
      ) : (
        <>
          <ChartCanvas
            config={config}
            label={i18n.t('registers.conversion')}
            height={160}
            testId="chart-conversion"
          />
          <p class="muted">{i18n.t('registers.remindersSent', [c.remindersSent, yuan(c.paidFen)])}</p>
          {c.unpaidReasons.total > 0 && (
            <ReasonTable summary={c.unpaidReasons} testId="unpaid-reasons-table" />
          )}
        </>
      )}
    </section>
  );
}

export function ProcessingCard({ report }: { report: Report }) {
  const pr = report.processing;
  const config = useMemo(() => {
    const p = palette();
    return doughnut(
      [
        i18n.t('registers.onTime'),
        i18n.t('registers.late'),
        i18n.t('registers.overdue'),
        i18n.t('registers.pending'),
      ],
      [pr.within24h, pr.late, pr.overdue, pr.pending],
      [p.ok, p.warn, p.bad, p.border],
    );
  }, [pr]);
  return (
    <section class="reg-card" data-testid="report-processing">
      <header>
        <h3>{i18n.t('registers.processing')}</h3>
        <strong class="reg-big" data-testid="processing-rate">
          {percent(pr.rate)}
        </strong>
      </header>
      {pr.received === 0 ? (
        <Empty />
      ) : (
        <>
          <ChartCanvas
            config={config}
            label={i18n.t('registers.processing')}
            height={160}
            testId="chart-processing"
          />
          <table class="reg-table compact">
            <tbody>
              {(
                [
                  ['onTime', pr.within24h],
                  ['late', pr.late],
                  ['overdue', pr.overdue],
                  ['pending', pr.pending],
                ] as const
              ).map(([k, n]) => (
                <tr key={k} data-status={k}>
                  <td>{i18n.t(`registers.${k}`)}</td>
                  <td class="num">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
