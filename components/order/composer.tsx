import { i18n } from '#i18n';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import {
  buildComposerPreview,
  lengthUnitLabel,
  type ComposerContent,
  type FlagChoice,
} from '../../lib/orders/composer';
import {
  SEMANTIC_FLAGS,
  flagLabel,
  formatRemarkDate,
  resolveFlagMapping,
  type RemarkTemplate,
  type RemarkTemplateField,
  type ReturnCheckLike,
  type SemanticFlag,
} from '../../lib/remarks';
import type { ReturnAnswers } from '../../lib/orders/return-input';
import type { TeamSettings } from '../../lib/packs/team-settings';
import { PLATFORM_LABELS, type Platform } from '../../lib/sites/platforms';
import type { OrderOnPage } from '../../lib/sites/types';
import { FlagDot } from './flag-dot';
import { ReturnPanel, type ReturnUse } from './return-panel';
import { useNow } from './use-now';
import { sourceLabel } from '../team/source-label';
import { useTeamSettings } from '../team/use-team-settings';

export interface FillRequestFromComposer {
  content: string;
  addition: string;
  flag: SemanticFlag | null;
  flagCode?: number | undefined;
  allowDuplicate: boolean;
}

export interface ComposerInitial {
  content?: ComposerContent;
  flagChoice?: FlagChoice;
  returnCheck?: ReturnCheckLike;
  /** The answers given in the inline return panel, for the composer's own panel. */
  returnAnswers?: ReturnAnswers;
  /** A banner on top (e.g. "this remark was written on the order list"). */
  notice?: string;
  onDiscard?: () => void;
}

export interface ComposerProps {
  platform: Platform;
  order: OrderOnPage;
  agentName: string;
  /** Legend, templates and shop policy in force (packs/team-settings.ts); kept live by a hook. */
  team?: TeamSettings | undefined;
  /** `page`: the site keeps remarks on another page (Taobao memo page): 填入 opens it there. */
  target: 'field' | 'page';
  initial?: ComposerInitial | undefined;
  /** Overrides the team's templates (tests). */
  templates?: readonly RemarkTemplate[];
  onSaveAgent(name: string): Promise<string>;
  /** Resolves with an error message to show, or undefined when the composer may close. */
  onFill(request: FillRequestFromComposer): Promise<string | undefined>;
  onClose(): void;
}

const FREE = '__free__';

/** Every focusable control inside the dialog, in DOM order (for the Tab trap). */
function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(
    root.querySelectorAll<HTMLElement>(
      'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])',
    ),
  ).filter((el) => el.offsetParent !== null || el.getClientRects().length > 0);
}

function activeIn(root: HTMLElement): Element | null {
  const node = root.getRootNode() as ShadowRoot | Document;
  return node.activeElement;
}

function TemplateField(props: {
  field: RemarkTemplateField;
  id: string;
  value: string;
  error?: string | undefined;
  onInput(value: string): void;
}) {
  const { field, id, value, error } = props;
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-err` : undefined,
  };
  let control: JSX.Element;
  if (field.kind === 'select' && !field.allowCustom) {
    control = (
      <select {...common} onChange={(e) => props.onInput(e.currentTarget.value)}>
        <option value="">{i18n.t('orderHelper.choose')}</option>
        {field.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'select') {
    control = (
      <>
        <input
          {...common}
          list={`${id}-list`}
          placeholder={field.hint ?? field.options.slice(0, 3).join(' / ')}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
        <datalist id={`${id}-list`}>
          {field.options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      </>
    );
  } else if (field.kind === 'date') {
    control = <input {...common} type="date" onInput={(e) => props.onInput(e.currentTarget.value)} />;
  } else {
    control = (
      <input
        {...common}
        inputMode={field.kind === 'number' ? 'decimal' : undefined}
        placeholder={field.hint ?? ''}
        maxLength={field.kind === 'text' ? field.maxLength : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    );
  }
  return (
    <div class={`tf${error ? ' has-error' : ''}`}>
      <label for={id}>
        {field.label}
        {field.required && <span class="req">*</span>}
      </label>
      <div class="tf-control">
        {control}
        {field.kind === 'number' && field.unit && <span class="unit">{field.unit}</span>}
      </div>
      {error && (
        <div class="err" id={`${id}-err`}>
          {error}
        </div>
      )}
    </div>
  );
}

/** Shows the merged remark: what is there (muted), the separator, and what we add (marked). */
function MergedPreview(props: { existing: string; separator: string; addition?: string | undefined }) {
  const { existing, separator, addition } = props;
  return (
    <div class="merged" aria-live="polite">
      {existing ? (
        <span class="existing">{existing}</span>
      ) : (
        <span class="placeholder">{i18n.t('orderHelper.previewEmpty')}</span>
      )}
      {addition && separator === '\n' && <br />}
      {addition && separator && separator !== '\n' && <span class="sep">{separator}</span>}
      {addition ? (
        <mark class="added">{addition}</mark>
      ) : (
        <span class="placeholder"> {i18n.t('orderHelper.previewWaiting')}</span>
      )}
    </div>
  );
}

export function Composer(props: ComposerProps) {
  const { platform, order, target } = props;
  const team = useTeamSettings(props.team);
  const teamTemplates = useMemo(() => team.remarkTemplates.map((t) => t.template), [team]);
  const templates = props.templates ?? teamTemplates;
  const legend = team.legend.value;
  const label = (f: SemanticFlag) => flagLabel(f, legend);
  const initial = props.initial;
  const [agent, setAgent] = useState(props.agentName);
  const [editingAgent, setEditingAgent] = useState(!props.agentName);
  const [agentDraft, setAgentDraft] = useState(props.agentName);
  const [agentError, setAgentError] = useState<string>();
  const [templateId, setTemplateId] = useState(
    initial?.content?.kind === 'template' ? initial.content.templateId : FREE,
  );
  const [freeText, setFreeText] = useState(initial?.content?.kind === 'free' ? initial.content.text : '');
  const [values, setValues] = useState<Record<string, string>>(
    initial?.content?.kind === 'template' ? { ...initial.content.values } : {},
  );
  const [flagChoice, setFlagChoice] = useState<FlagChoice>(initial?.flagChoice ?? 'auto');
  const [returnCheck, setReturnCheck] = useState<ReturnCheckLike | undefined>(initial?.returnCheck);
  const [notice, setNotice] = useState(initial?.notice);
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fillError, setFillError] = useState<string>();
  const [confirmRisk, setConfirmRisk] = useState(false);
  const [fillQueued, setFillQueued] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const now = useNow(30_000);

  const content: ComposerContent =
    templateId === FREE ? { kind: 'free', text: freeText } : { kind: 'template', templateId, values };
  const preview = useMemo(
    () =>
      buildComposerPreview({
        platform,
        existing: order.remark ?? '',
        agent,
        now,
        content,
        flagChoice,
        currentFlagCode: order.flagCode,
        returnCheck,
        templates,
        legend,
      }),
    // `content` is rebuilt each render from templateId, freeText and values.
    [platform, order, agent, now, templateId, freeText, values, flagChoice, returnCheck, templates, legend],
  );
  const mapping = useMemo(() => resolveFlagMapping(platform, legend), [platform, legend]);
  const template = templateId === FREE ? undefined : templates.find((t) => t.id === templateId);
  const templateFrom = template && team.remarkTemplates.find((t) => t.template === template)?.from;
  const siteName = PLATFORM_LABELS[platform].zh;
  const risky = preview.merged.overLimit || preview.merged.duplicate;

  // Focus the first thing to type into; give focus back to the page when closing.
  useEffect(() => {
    const root = dialogRef.current;
    if (!root) return;
    const first = root.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(root)[0];
    first?.focus();
  }, [editingAgent]);
  useEffect(() => setConfirmRisk(false), [preview.merged.text]);
  useEffect(() => {
    if (!fillQueued || editingAgent) return;
    setFillQueued(false);
    void fill();
    // `fill` is this render's: it sees the saved name.
  }, [fillQueued, editingAgent]);

  /** True once saved. */
  const saveAgent = async (): Promise<boolean> => {
    const name = agentDraft.trim();
    const problem = !name
      ? i18n.t('orderHelper.agentRequired')
      : [...name].length > 20
        ? i18n.t('orderHelper.agentTooLong')
        : undefined;
    if (problem) {
      setAgentError(problem);
      return false;
    }
    const saved = await props.onSaveAgent(name);
    setAgent(saved);
    setAgentError(undefined);
    setEditingAgent(false);
    return true;
  };

  const fill = async () => {
    if (busy) return;
    setShowErrors(true);
    if (editingAgent) {
      // The name typed but not saved yet: save it, then fill once the preview carries it.
      if (agentDraft.trim() && (await saveAgent())) setFillQueued(true);
      return;
    }
    if (!preview.ready || !preview.addition || !preview.content) return;
    if (risky && !confirmRisk) return setConfirmRisk(true);
    setBusy(true);
    setFillError(undefined);
    const error = await props.onFill({
      content: preview.content,
      addition: preview.addition,
      flag: preview.flag,
      flagCode: preview.flagCode,
      allowDuplicate: preview.merged.duplicate,
    });
    setBusy(false);
    if (error) setFillError(error);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onClose();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void fill();
    } else if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.id === 'kefu-agent') {
      e.preventDefault();
      void saveAgent();
    } else if (e.key === 'Tab' && dialogRef.current) {
      // Keep Tab inside the dialog: the page behind is covered.
      const list = focusables(dialogRef.current);
      if (list.length === 0) return;
      const active = activeIn(dialogRef.current);
      const first = list[0]!;
      const last = list[list.length - 1]!;
      if (e.shiftKey && (active === first || !dialogRef.current.contains(active))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (active === last || !dialogRef.current.contains(active))) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  const useReturn = (use: ReturnUse) => {
    setTemplateId(FREE);
    setFreeText(use.remarkContent);
    setReturnCheck(use.check);
    setFlagChoice('auto');
    setNotice(i18n.t('orderHelper.returnUsed'));
  };

  const errors = showErrors ? preview.errors : {};
  const hasSide = Boolean(order.signedAt);
  const unit = lengthUnitLabel(preview.merged.unit);
  const suggested = preview.suggestion.flag;

  return (
    <div
      class={`backdrop${busy ? ' busy' : ''}`}
      onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}
    >
      <div
        ref={dialogRef}
        class={`composer${hasSide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="kefu-composer-title"
        data-testid="remark-composer"
        onKeyDown={onKeyDown}
      >
        <header class="c-head">
          <div class="c-title">
            <h2 id="kefu-composer-title">{i18n.t('orderHelper.title')}</h2>
            <span class="c-sub">
              {siteName} · {i18n.t('orderHelper.orderLine', [order.orderId])}
              {order.buyerNick ? ` · ${order.buyerNick}` : ''}
            </span>
          </div>
          <button
            type="button"
            class="icon"
            aria-label={i18n.t('orderHelper.close')}
            title={i18n.t('orderHelper.close')}
            onClick={props.onClose}
          >
            ×
          </button>
        </header>

        <div class="c-body">
          <div class="c-main">
            {notice && (
              <div class="notice" role="status">
                <span>{notice}</span>
                {initial?.onDiscard && notice === initial.notice && (
                  <button
                    type="button"
                    class="link"
                    onClick={() => {
                      initial.onDiscard?.();
                      setNotice(undefined);
                      setFreeText('');
                    }}
                  >
                    {i18n.t('orderHelper.pendingDiscard')}
                  </button>
                )}
              </div>
            )}

            <div class="who">
              {editingAgent ? (
                <div class={`agent-ask${agentError ? ' has-error' : ''}`}>
                  <label for="kefu-agent">{i18n.t('orderHelper.agentAsk')}</label>
                  <div class="row">
                    <input
                      id="kefu-agent"
                      data-autofocus
                      value={agentDraft}
                      maxLength={20}
                      placeholder={i18n.t('orderHelper.agentPlaceholder')}
                      onInput={(e) => setAgentDraft(e.currentTarget.value)}
                    />
                    <button type="button" class="btn" onClick={() => void saveAgent()}>
                      {i18n.t('orderHelper.agentSave')}
                    </button>
                  </div>
                  {(agentError || (showErrors && preview.errors.agent)) && (
                    <div class="err">{agentError ?? preview.errors.agent}</div>
                  )}
                </div>
              ) : (
                <span class="pill">
                  <span class="k">{i18n.t('orderHelper.agent')}</span>
                  <b>{agent}</b>
                  <button
                    type="button"
                    class="link small"
                    onClick={() => {
                      setAgentDraft(agent);
                      setEditingAgent(true);
                    }}
                  >
                    {i18n.t('orderHelper.agentEdit')}
                  </button>
                </span>
              )}
              <span class="pill" title={i18n.t('orderHelper.dateHint')}>
                <span class="k">{i18n.t('orderHelper.date')}</span>
                <b>{formatRemarkDate(now)}</b>
              </span>
            </div>

            <div class="section">
              <div class="section-label" id="kefu-content-label">
                {i18n.t('orderHelper.content')}
              </div>
              <div class="tpl-chips" role="radiogroup" aria-labelledby="kefu-content-label">
                {[{ id: FREE, title: i18n.t('orderHelper.freeText') }, ...templates].map((t) => (
                  <label key={t.id} class={`tpl${templateId === t.id ? ' on' : ''}`} data-template={t.id}>
                    <input
                      type="radio"
                      name="kefu-template"
                      value={t.id}
                      checked={templateId === t.id}
                      onChange={() => {
                        setTemplateId(t.id);
                        setShowErrors(false);
                      }}
                    />
                    {t.title}
                  </label>
                ))}
              </div>
              {template ? (
                <div class="tpl-form">
                  {template.description && <p class="hint">{template.description}</p>}
                  {templateFrom && templateFrom.kind !== 'default' && (
                    <p class="hint source" data-testid="template-source">
                      {i18n.t('team.templateFrom', [sourceLabel(templateFrom)])}
                    </p>
                  )}
                  <div class="tpl-grid">
                    {template.fields.map((f) => (
                      <TemplateField
                        key={`${template.id}-${f.name}`}
                        field={f}
                        id={`kefu-f-${f.name}`}
                        value={values[f.name] ?? ''}
                        error={errors[f.name]}
                        onInput={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
                      />
                    ))}
                  </div>
                  {errors._template && <div class="err">{errors._template}</div>}
                </div>
              ) : (
                <div class={errors.content ? 'has-error' : ''}>
                  <textarea
                    data-testid="remark-content"
                    data-autofocus={editingAgent ? undefined : true}
                    rows={3}
                    value={freeText}
                    aria-label={i18n.t('orderHelper.content')}
                    placeholder={i18n.t('orderHelper.freePlaceholder')}
                    onInput={(e) => setFreeText(e.currentTarget.value)}
                  />
                  {errors.content && <div class="err">{errors.content}</div>}
                </div>
              )}
            </div>

            <div class="section">
              <div class="section-label" id="kefu-flag-label">
                {i18n.t('orderHelper.flag')}
                {preview.currentFlag && (
                  <span class="muted">
                    {' '}
                    · {i18n.t('orderHelper.flagCurrent', [label(preview.currentFlag)])}
                  </span>
                )}
                {team.legend.from.kind !== 'default' && (
                  <span class="muted source" data-testid="legend-source">
                    {' '}
                    · {i18n.t('team.legendFrom', [sourceLabel(team.legend.from)])}
                  </span>
                )}
              </div>
              <div
                class="flags"
                role="radiogroup"
                aria-labelledby="kefu-flag-label"
                data-testid="flag-picker"
              >
                <label class={`flag${preview.flag === null ? ' on' : ''}`}>
                  <input
                    type="radio"
                    name="kefu-flag"
                    value="keep"
                    checked={preview.flag === null}
                    onChange={() => setFlagChoice('keep')}
                  />
                  <FlagDot />
                  {i18n.t('orderHelper.flagKeep')}
                </label>
                {SEMANTIC_FLAGS.map((f) => {
                  const r = mapping.byFlag[f];
                  const selectable = r.code !== null || mapping.unflagged === f;
                  return (
                    <label
                      key={f}
                      class={`flag${preview.flag === f ? ' on' : ''}${selectable ? '' : ' disabled'}`}
                      title={r.note ?? ''}
                    >
                      <input
                        type="radio"
                        name="kefu-flag"
                        value={f}
                        data-flag={f}
                        disabled={!selectable}
                        checked={preview.flag === f}
                        onChange={() => setFlagChoice(f)}
                      />
                      <FlagDot colour={r.shownColour} />
                      {label(f)}
                      {suggested === f && <span class="badge">{i18n.t('orderHelper.flagSuggested')}</span>}
                    </label>
                  );
                })}
              </div>
              <p class="hint" data-testid="flag-reason">
                {preview.suggestion.reason}
                {preview.suggestion.ifApproved
                  ? ` · ${i18n.t('orderHelper.ifApproved', [label(preview.suggestion.ifApproved)])}`
                  : ''}
                {preview.flagNote ? ` · ${preview.flagNote}` : ''}
              </p>
            </div>

            <div class="section">
              <div class="section-label">
                {i18n.t('orderHelper.preview')}
                <span
                  class={`len${preview.merged.overLimit ? ' over' : ''}`}
                  data-testid="remark-length"
                  title={preview.merged.limitVerified ? '' : i18n.t('orderHelper.unverified')}
                >
                  {preview.merged.limit === undefined
                    ? i18n.t('orderHelper.lengthNoLimit', [String(preview.merged.length), unit])
                    : i18n.t('orderHelper.length', [
                        String(preview.merged.length),
                        String(preview.merged.limit),
                        unit,
                      ])}
                </span>
              </div>
              <MergedPreview
                existing={order.remark ?? ''}
                separator={preview.merged.separator}
                addition={preview.addition}
              />
              {preview.merged.overLimit && (
                <div class="warn bad" role="alert" data-testid="remark-over-limit">
                  {i18n.t('orderHelper.overLimit', [
                    siteName,
                    String(preview.merged.limit),
                    unit,
                    String(preview.merged.overBy ?? 0),
                  ])}
                </div>
              )}
              {preview.merged.duplicate && (
                <div class="warn" role="alert" data-testid="remark-duplicate">
                  {i18n.t('orderHelper.duplicate')}
                </div>
              )}
            </div>
          </div>

          {hasSide && (
            <aside class="c-side">
              <ReturnPanel
                platform={platform}
                order={order}
                team={team}
                layout="side"
                initialAnswers={initial?.returnAnswers}
                onUse={useReturn}
              />
            </aside>
          )}
        </div>

        <footer class="c-foot">
          <span class="keys">{i18n.t('orderHelper.shortcut')}</span>
          {fillError && (
            <span class="err" role="alert">
              {fillError}
            </span>
          )}
          {showErrors && !preview.ready && !fillError && (
            <span class="err">{i18n.t('orderHelper.fixErrors')}</span>
          )}
          {confirmRisk && (
            <span class="err" role="alert">
              {i18n.t('orderHelper.confirmRisk')}
            </span>
          )}
          <span class="spacer" />
          <button type="button" class="btn" onClick={props.onClose}>
            {i18n.t('orderHelper.cancel')}
          </button>
          <button
            type="button"
            class={`btn primary${confirmRisk ? ' danger' : ''}`}
            data-testid="remark-fill"
            disabled={busy}
            title={i18n.t('orderHelper.fillHint')}
            onClick={() => void fill()}
          >
            {confirmRisk
              ? i18n.t('orderHelper.fillAnyway')
              : target === 'page'
                ? i18n.t('orderHelper.fillToPage')
                : i18n.t('orderHelper.fill')}
          </button>
        </footer>
      </div>
    </div>
  );
}
