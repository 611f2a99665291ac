import { i18n } from '#i18n';
import { useMemo, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { formatCountdown } from '../../lib/orders/countdown';
import { buyerReply } from '../../lib/orders/replies';
import {
  CATEGORY_CHOICES,
  DEFAULT_RETURN_ANSWERS,
  orderFacts,
  parseYuanInput,
  relevantQuestions,
  runReturnCheck,
  type ReturnAnswers,
  type YesNoUnknown,
} from '../../lib/orders/return-input';
import { factChips, refundFormula, shippingLines, verdictLabel } from '../../lib/orders/return-view';
import { checklistFlagLabel, type ReturnCheckLike } from '../../lib/remarks';
import {
  formatYuan,
  type CategoryId,
  type FreeShipping,
  type PolicyRuleId,
  type ShopPolicy,
} from '../../lib/returns';
import type { TeamSettings } from '../../lib/packs/team-settings';
import type { Platform } from '../../lib/sites/platforms';
import type { OrderOnPage } from '../../lib/sites/types';
import { copyText, useNow } from './use-now';
import { sourceLabel } from '../team/source-label';
import { useTeamSettings } from '../team/use-team-settings';

export interface ReturnUse {
  remarkContent: string;
  check: ReturnCheckLike;
  reply: string;
  /** What the agent answered, so the composer's own panel shows the same case. */
  answers: ReturnAnswers;
}

export interface ReturnPanelProps {
  platform: Platform;
  order: OrderOnPage;
  /** The shop policy in force and where it comes from (packs/team-settings.ts); kept live. */
  team?: TeamSettings | undefined;
  /** `inline`: a card on the order page; `side`: the composer's right column. */
  layout: 'inline' | 'side';
  initialAnswers?: ReturnAnswers | undefined;
  /** Composes the matching remark (the reply is already on the clipboard). */
  onUse(use: ReturnUse): void;
}

type Option<T extends string> = { value: T; label: string };

/** A row of radio buttons that looks like a segmented control (arrow keys move, as radios do). */
function Segmented<T extends string>(props: {
  name: string;
  value: T;
  options: readonly Option<T>[];
  onChange(value: T): void;
}) {
  return (
    <span class="seg" role="radiogroup">
      {props.options.map((o) => (
        <label key={o.value} class={o.value === props.value ? 'on' : ''}>
          <input
            type="radio"
            name={props.name}
            value={o.value}
            checked={o.value === props.value}
            onChange={() => props.onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </span>
  );
}

function Field(props: { label: string; children: JSX.Element | JSX.Element[] }) {
  return (
    <div class="rp-field">
      <span class="rp-label">{props.label}</span>
      <span class="rp-control">{props.children}</span>
    </div>
  );
}

/** A question the agent may not know the answer to yet: 不确定 / yes / no. */
function YesNoField(props: {
  label: string;
  name: string;
  value: YesNoUnknown;
  yes: string;
  no: string;
  onChange(value: YesNoUnknown): void;
}) {
  return (
    <Field label={props.label}>
      <Segmented<YesNoUnknown>
        name={props.name}
        value={props.value}
        options={[
          { value: 'unknown', label: i18n.t('returnPanel.intactUnknown') },
          { value: 'yes', label: props.yes },
          { value: 'no', label: props.no },
        ]}
        onChange={props.onChange}
      />
    </Field>
  );
}

let panelSeq = 0;

/** T-rules show their id (T1…); shop promises (P-…) show 店铺 instead of a long id. */
function ruleTag(id: string): string {
  return id.startsWith('P-') ? i18n.t('returnPanel.policyTag') : id;
}

/** The policy field behind each P-rule: only those the team policy set are credited to it. */
const POLICY_FIELD: Record<PolicyRuleId, keyof ShopPolicy> = {
  'P-exchange-split': 'exchangeShippingSplit',
  'P-return-shipping-free': 'returnShippingFree',
  'P-allergy': 'allergyReturnDays',
  'P-grace': 'graceDays',
  'P-no-reason-days': 'noReasonDays',
};

export function ReturnPanel({
  platform,
  order,
  team: initialTeam,
  layout,
  initialAnswers,
  onUse,
}: ReturnPanelProps) {
  const team = useTeamSettings(initialTeam);
  const shopPolicy = team.shopPolicy.value;
  const policyFrom = team.shopPolicy.from;
  // The checklist names flags as the team's legend colours them (a pack may move 退货 to blue).
  const legend = team.legend.value;
  const flagLabels = useMemo(
    () => ({
      return: checklistFlagLabel('return', legend),
      exchange: checklistFlagLabel('exchange', legend),
      problem: checklistFlagLabel('problem', legend),
      'follow-up': checklistFlagLabel('follow-up', legend),
    }),
    [legend],
  );
  const policyNotes = team.notes.filter((n) => n.part === 'shopPolicy');
  const [answers, setAnswers] = useState<ReturnAnswers>(initialAnswers ?? DEFAULT_RETURN_ANSWERS);
  // Inline on a detail page it starts compact (verdict, deadline, the form); details on demand.
  const [open, setOpen] = useState(layout === 'side');
  const [copyState, setCopyState] = useState<{ ok: boolean; reply: string }>();
  const [ids] = useState(() => `rp${++panelSeq}`);
  const now = useNow(1000);
  const facts = useMemo(() => orderFacts(order), [order]);
  // The verdict can only change at a minute boundary of the deadline; the countdown ticks per second.
  const minute = Math.floor(now / 60_000);
  const run = useMemo(
    () => runReturnCheck(platform, facts, answers, now, shopPolicy, flagLabels),
    [platform, facts, answers, shopPolicy, flagLabels, minute],
  );
  const q = relevantQuestions(answers, facts);
  const set = (patch: Partial<ReturnAnswers>) => {
    setAnswers((a) => ({ ...a, ...patch }));
    setCopyState(undefined);
  };

  if (run.status !== 'ok') {
    return (
      <section class={`rp rp-${layout}`} data-testid="return-panel" data-eligible="unknown">
        <header class="rp-head">
          <span class="rp-title">{i18n.t('returnPanel.title')}</span>
        </header>
        <p class="rp-empty">
          {run.status === 'unsigned'
            ? i18n.t('returnPanel.unsigned')
            : i18n.t('returnPanel.error', [run.errors.map((e) => e.message).join('；')])}
        </p>
      </section>
    );
  }

  const { result, input } = run;
  const countdown = formatCountdown(result.deadlineMs - now);
  const formula = refundFormula(result);
  const shipping = shippingLines(result, input);
  const decided = result.explanations.filter((e) => e.role === 'decided');
  const info = result.explanations.filter((e) => e.role === 'info');

  const use = async (event: Event) => {
    const reply = buyerReply(result, input);
    const ok = await copyText(reply, event.currentTarget as Node);
    setCopyState({ ok, reply });
    onUse({
      remarkContent: result.remarkContent,
      check: { kind: input.kind, reason: input.reason, eligible: result.eligible },
      reply,
      answers,
    });
  };

  const form = (
    <div class="rp-form">
      <Field label={i18n.t('returnPanel.kind')}>
        <Segmented
          name={`${ids}-kind`}
          value={answers.kind}
          options={[
            { value: 'return', label: i18n.t('returnPanel.kindReturn') },
            { value: 'exchange', label: i18n.t('returnPanel.kindExchange') },
          ]}
          onChange={(kind) => set({ kind })}
        />
      </Field>
      <Field label={i18n.t('returnPanel.reason')}>
        <Segmented
          name={`${ids}-reason`}
          value={answers.reason}
          options={[
            { value: 'no_reason', label: i18n.t('returnPanel.reasonNoReason') },
            { value: 'quality', label: i18n.t('returnPanel.reasonQuality') },
          ]}
          onChange={(reason) => set({ reason })}
        />
      </Field>
      <Field label={i18n.t('returnPanel.category')}>
        <select
          value={answers.category}
          onChange={(e) => set({ category: e.currentTarget.value as CategoryId, defectType: undefined })}
        >
          {CATEGORY_CHOICES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      {q.intact && (
        <YesNoField
          label={i18n.t('returnPanel.intact')}
          name={`${ids}-intact`}
          value={answers.intact}
          yes={i18n.t('returnPanel.intactYes')}
          no={i18n.t('returnPanel.intactNo')}
          onChange={(intact) => set({ intact })}
        />
      )}
      {q.defectType && (
        <Field label={i18n.t('returnPanel.defect')}>
          <Segmented
            name={`${ids}-defect`}
            value={answers.defectType ?? 'function'}
            options={[
              { value: 'function', label: i18n.t('returnPanel.defectFunction') },
              { value: 'appearance', label: i18n.t('returnPanel.defectAppearance') },
            ]}
            onChange={(defectType) => set({ defectType })}
          />
        </Field>
      )}
      <Field label={i18n.t('returnPanel.freeShipping')}>
        <select
          value={answers.freeShipping ?? facts.freeShipping ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            set({ freeShipping: value ? (value as FreeShipping) : undefined });
          }}
        >
          {!facts.freeShipping && <option value="">{i18n.t('returnPanel.freeUnknown')}</option>}
          <option value="unconditional">{i18n.t('returnPanel.freeUnconditional')}</option>
          <option value="threshold">{i18n.t('returnPanel.freeThreshold')}</option>
          <option value="none">{i18n.t('returnPanel.freeNone')}</option>
        </select>
      </Field>
      {q.thresholdStillMet && (
        <YesNoField
          label={i18n.t('returnPanel.thresholdMet')}
          name={`${ids}-threshold`}
          value={answers.thresholdStillMet}
          yes={i18n.t('returnPanel.yes')}
          no={i18n.t('returnPanel.no')}
          onChange={(thresholdStillMet) => set({ thresholdStillMet })}
        />
      )}
      {q.outboundShipping && (
        <Field label={i18n.t('returnPanel.outbound')}>
          <input
            class="yuan"
            inputMode="decimal"
            placeholder={facts.shippingFen !== undefined ? (facts.shippingFen / 100).toFixed(2) : '0.00'}
            onInput={(e) => set({ outboundShippingFen: parseYuanInput(e.currentTarget.value) })}
          />
        </Field>
      )}
      {input.kind === 'return' && (
        <Field label={i18n.t('returnPanel.gift')}>
          <input
            class="yuan"
            inputMode="decimal"
            placeholder="0.00"
            onInput={(e) => set({ giftFenNotReturned: parseYuanInput(e.currentTarget.value) })}
          />
        </Field>
      )}
      {(q.buyerConfirmed || q.allergy) && (
        <div class="rp-checks">
          {q.buyerConfirmed && (
            <label class="check">
              <input
                type="checkbox"
                checked={answers.buyerConfirmedNoReturn}
                onChange={(e) => set({ buyerConfirmedNoReturn: e.currentTarget.checked })}
              />
              {i18n.t('returnPanel.confirmed')}
            </label>
          )}
          {q.allergy && (
            <label class="check">
              <input
                type="checkbox"
                checked={answers.allergy}
                onChange={(e) => set({ allergy: e.currentTarget.checked })}
              />
              {i18n.t('returnPanel.allergy')}
            </label>
          )}
        </div>
      )}
    </div>
  );

  const outcome = (
    <div class="rp-outcome">
      <dl class="rp-facts-list">
        <dt>{i18n.t('returnPanel.deadline')}</dt>
        <dd>
          <span class="mono">{result.lastMomentText}</span>
          <span class="muted"> · {result.window.label}</span>
        </dd>
        <dt>{i18n.t('returnPanel.refund')}</dt>
        <dd>
          {formula ? (
            <span class="mono">{formula}</span>
          ) : (
            <span class="muted">
              {input.kind === 'exchange'
                ? i18n.t('returnPanel.noRefundExchange')
                : i18n.t('returnPanel.noRefund')}
            </span>
          )}
          {result.refundBreakdown.length > 1 && (
            <ul class="rp-breakdown">
              {result.refundBreakdown.map((l, i) => (
                <li key={i}>
                  <span>{l.label}</span>
                  <span class="mono">
                    {l.fen < 0 ? '−' : ''}
                    {formatYuan(Math.abs(l.fen))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{i18n.t('returnPanel.payer')}</dt>
        <dd>
          <ul class="rp-lines">
            {shipping.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </dd>
      </dl>
    </div>
  );

  const rules = (
    <div class="rp-why">
      <h4>{i18n.t('returnPanel.rules')}</h4>
      <ol class="rp-rules">
        {decided.map((e) => (
          <li key={e.ruleId}>
            <span class="rule-id" title={e.ruleId}>
              {ruleTag(e.ruleId)}
            </span>
            <div>
              <b>{e.title}</b>
              <p>{e.detail ?? e.text}</p>
              <cite>
                {e.source}
                {policyFrom.kind !== 'default' &&
                e.ruleId in POLICY_FIELD &&
                shopPolicy[POLICY_FIELD[e.ruleId as PolicyRuleId]] !== undefined
                  ? ` · ${sourceLabel(policyFrom)}`
                  : ''}
                {e.asOf ? ` · ${i18n.t('returnPanel.asOf', [e.asOf])}` : ''}
              </cite>
            </div>
          </li>
        ))}
      </ol>
      {info.length > 0 && (
        <details class="rp-more">
          <summary>{i18n.t('returnPanel.moreRules', [String(info.length)])}</summary>
          <ol class="rp-rules">
            {info.map((e) => (
              <li key={e.ruleId}>
                <span class="rule-id" title={e.ruleId}>
                  {ruleTag(e.ruleId)}
                </span>
                <div>
                  <b>{e.title}</b>
                  <p>{e.detail ?? e.text}</p>
                  <cite>{e.source}</cite>
                </div>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );

  const steps = (
    <div class="rp-steps">
      <h4>{i18n.t('returnPanel.checklist')}</h4>
      <ol class="rp-checklist">
        {result.checklist.map((c) => (
          <li key={c.id}>
            <label>
              <input type="checkbox" />
              <span>{c.text}</span>
            </label>
          </li>
        ))}
      </ol>
      {result.notes.length > 0 && (
        <>
          <h4>{i18n.t('returnPanel.notes')}</h4>
          <ul class="rp-notes">
            {result.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );

  const useButton = (
    <button
      type="button"
      class={`btn primary${layout === 'inline' ? ' small' : ''}`}
      data-testid="return-use"
      onClick={(e) => void use(e)}
    >
      {layout === 'side' ? i18n.t('returnPanel.use') : i18n.t('returnPanel.useInline')}
    </button>
  );
  const copied = copyState && (
    <span class={`rp-copied${copyState.ok ? '' : ' bad'}`} role="status">
      {copyState.ok ? i18n.t('returnPanel.copied') : i18n.t('returnPanel.copyFailed')}
    </span>
  );
  const chips = (
    <div class="rp-chips">
      <span class="muted">{i18n.t('returnPanel.facts')}</span>
      {factChips(facts).map((c) => (
        <span key={c} class="chip">
          {c}
        </span>
      ))}
    </div>
  );

  const policyLine = (policyFrom.kind !== 'default' || policyNotes.length > 0) && (
    <div class="rp-policy" data-testid="policy-source">
      {policyFrom.kind !== 'default' && <span>{i18n.t('team.policyFrom', [sourceLabel(policyFrom)])}</span>}
      {policyNotes.map((n) => (
        <span key={n.message} class={n.kind === 'stricter' ? 'bad' : 'muted'} data-kind={n.kind}>
          {sourceLabel(n.from)}：{n.message}
        </span>
      ))}
    </div>
  );

  return (
    <section
      class={`rp rp-${layout}${open ? ' open' : ''}`}
      data-testid="return-panel"
      data-eligible={result.eligible}
      aria-label={i18n.t('returnPanel.title')}
    >
      <header class="rp-head">
        <span class="rp-title">{i18n.t('returnPanel.title')}</span>
        <span class={`verdict v-${result.eligible}`} data-testid="return-verdict">
          {verdictLabel(result.eligible, input.kind)}
        </span>
        <span
          class={`countdown${countdown.passed ? ' passed' : countdown.urgent ? ' urgent' : ''}`}
          title={result.summary}
        >
          {countdown.text}
        </span>
        {layout === 'inline' && (
          <>
            <span class="rp-summary">
              <span>
                {i18n.t('returnPanel.deadline')} <b class="mono">{result.lastMomentText.slice(0, 16)}</b>
              </span>
              {result.refundFen !== undefined && (
                <span>
                  {i18n.t('returnPanel.refund')} <b class="mono">{formatYuan(result.refundFen)}</b>
                </span>
              )}
              <span>{shipping[0]}</span>
            </span>
            <span class="spacer" />
            {copied}
            {useButton}
            <button type="button" class="link toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? i18n.t('returnPanel.collapse') : i18n.t('returnPanel.expand')}
            </button>
          </>
        )}
      </header>
      {layout === 'inline' ? (
        <>
          <div class="rp-bar">
            {form}
            {chips}
            {policyLine}
          </div>
          {open && (
            <div class="rp-body">
              {outcome}
              {rules}
              {steps}
            </div>
          )}
        </>
      ) : (
        <>
          {chips}
          {policyLine}
          <div class="rp-body">
            {form}
            {outcome}
            {rules}
            {steps}
          </div>
          <footer class="rp-foot">
            {useButton}
            {copied}
          </footer>
        </>
      )}
      {copyState && <blockquote class="rp-reply">{copyState.reply}</blockquote>}
    </section>
  );
}
