import { i18n } from '#i18n';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../../lib/messaging/client';
import {
  DEFAULT_CATEGORIES,
  PHRASE_LIMITS,
  PHRASE_STAGES,
  type PhraseInput,
  type PhraseSource,
} from '../../../lib/phrases/model';
import { TEMPLATE_VARIABLES } from '../../../lib/phrases/template';
import { findNearDuplicates, validatePhraseForm, type NearDuplicate } from '../../../lib/phrases/validate';
import { findWordingIssues } from '../../../lib/phrases/wording';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '../../../lib/sites/platforms';
import type { PhraseRecord } from '../../../lib/store/db';
import { newPhraseId } from '../../../lib/options/phrase-io';
import { Field, Notice } from '../ui';

/**
 * The phrase form, in a drawer: title, shortcut, category (the seeds' stages and their
 * categories, or the agent's own), tags, the variants (add, remove, reorder — the seeds suggest
 * three per common question) and platforms. Errors appear at their field in Chinese; a shortcut
 * another phrase uses, or a reply alike to one already saved, is caught before saving. Nothing
 * is saved unless all of it is valid (the background checks again).
 */
export interface Draft {
  id: string;
  title: string;
  shortcut: string;
  category: string;
  tags: string[];
  variants: string[];
  platforms: Platform[];
  source: PhraseSource;
  createdAt?: number;
  usageCount?: number;
  lastUsedAt?: number;
  /** A copy of this pack phrase: alike to it by design, not a near duplicate. */
  forkOf?: string;
}

export function draftOf(p?: PhraseRecord): Draft {
  if (!p) {
    return {
      id: newPhraseId(),
      title: '',
      shortcut: '',
      category: '',
      tags: [],
      variants: [''],
      platforms: [],
      source: { kind: 'mine' },
    };
  }
  return {
    id: p.id,
    title: p.title,
    shortcut: p.shortcut ?? '',
    category: p.category ?? '',
    tags: [...(p.tags ?? [])],
    variants: [...p.variants],
    platforms: [...(p.platforms ?? [])],
    source: p.source,
    createdAt: p.createdAt,
    usageCount: p.usageCount,
    lastUsedAt: p.lastUsedAt,
  };
}

/** A copy of a pack phrase that the agent owns: new id, no shortcut (the pack keeps its own). */
export function forkDraft(p: PhraseRecord): Draft {
  return {
    ...draftOf(p),
    id: newPhraseId(),
    shortcut: '',
    source: { kind: 'mine' },
    createdAt: undefined,
    usageCount: 0,
    lastUsedAt: undefined,
    forkOf: p.id,
  };
}

/** Empty strings, not absent keys: messaging drops undefined, and a cleared shortcut must clear. */
function toInput(d: Draft): PhraseInput {
  return {
    id: d.id,
    title: d.title,
    shortcut: d.shortcut.trim(),
    category: d.category.trim(),
    tags: d.tags,
    variants: d.variants.map((v) => v.replace(/\s+$/, '')),
    platforms: d.platforms,
    source: d.source,
    ...(d.createdAt !== undefined ? { createdAt: d.createdAt } : {}),
    ...(d.usageCount !== undefined ? { usageCount: d.usageCount } : {}),
    ...(d.lastUsedAt !== undefined ? { lastUsedAt: d.lastUsedAt } : {}),
  };
}

const CUSTOM = '\u0000custom';

export function PhraseEditor({
  initial,
  isNew,
  others,
  onSaved,
  onClose,
}: {
  initial: Draft;
  isNew: boolean;
  /** Every stored phrase (for duplicate shortcuts and near duplicates). */
  others: readonly PhraseRecord[];
  onSaved(phrase: PhraseRecord): void;
  onClose(): void;
}) {
  const [d, setD] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [near, setNear] = useState<NearDuplicate[]>();
  const [saving, setSaving] = useState(false);
  const [tagText, setTagText] = useState('');
  const knownCategories = useMemo(() => {
    const defaults = new Set(PHRASE_STAGES.flatMap((s) => DEFAULT_CATEGORIES[s].map((c) => `${s}/${c}`)));
    const own = new Set(others.map((p) => p.category ?? '').filter((c) => c && !defaults.has(c)));
    return [...own].sort();
  }, [others]);
  const isKnown = (c: string) =>
    !c ||
    knownCategories.includes(c) ||
    PHRASE_STAGES.some((s) => DEFAULT_CATEGORIES[s].some((x) => `${s}/${x}` === c));
  const [customCategory, setCustomCategory] = useState(() => !isKnown(initial.category));
  const allTags = useMemo(() => [...new Set(others.flatMap((p) => p.tags ?? []))].sort(), [others]);
  const lastVariant = useRef<{ index: number; el: HTMLTextAreaElement } | undefined>(undefined);
  const root = useRef<HTMLFormElement>(null);
  const dirty = JSON.stringify(d) !== JSON.stringify(initial);

  useEffect(() => {
    root.current?.querySelector<HTMLInputElement>('input[name="title"]')?.focus();
  }, []);

  const set = (patch: Partial<Draft>) => {
    setD((x) => ({ ...x, ...patch }));
    setNear(undefined);
    const cleared = Object.keys(patch);
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(next))
        if (cleared.some((c) => k === c || k.startsWith(`${c}.`))) delete next[k];
      return next;
    });
  };
  const setVariant = (k: number, text: string) =>
    set({ variants: d.variants.map((v, j) => (j === k ? text : v)) });
  const moveVariant = (k: number, by: -1 | 1) => {
    const v = [...d.variants];
    const j = k + by;
    if (j < 0 || j >= v.length) return;
    [v[k], v[j]] = [v[j]!, v[k]!];
    set({ variants: v });
  };
  const addTag = (raw: string) => {
    const tags = raw
      .split(/[,，、\s]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.length) set({ tags: [...new Set([...d.tags, ...tags])] });
    setTagText('');
  };
  const insertVariable = (name: string) => {
    const target = lastVariant.current;
    const k = target?.index ?? d.variants.length - 1;
    const el = target?.el;
    const text = d.variants[k] ?? '';
    const token = `{${name}}`;
    const at = el ? el.selectionStart : text.length;
    const end = el ? el.selectionEnd : text.length;
    setVariant(k, text.slice(0, at) + token + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const focusFirstError = (errs: Record<string, string | undefined>) =>
    requestAnimationFrame(() => {
      const key = Object.keys(errs)[0];
      if (!key) return;
      root.current
        ?.querySelector<HTMLElement>(
          `[data-field="${key}"] input, [data-field="${key}"] textarea, [data-field="${key}"] select`,
        )
        ?.focus();
    });

  const save = async (confirmedNear = false) => {
    const input = toInput(d);
    const others_ = others.filter((o) => o.id !== d.id);
    const checked = validatePhraseForm(input, others_);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(checked.errors);
      return;
    }
    if (!confirmedNear) {
      const alike = findNearDuplicates(
        { id: d.id, variants: input.variants as string[] },
        others_.filter((o) => o.id !== d.forkOf),
      );
      if (alike.length) return setNear(alike);
    }
    setSaving(true);
    try {
      const reply = await sendMessage('phrases:save', { phrase: input });
      if (!reply.ok) {
        const errs = Object.fromEntries(reply.errors.map((e) => [e.field, e.message]));
        setErrors(errs);
        focusFirstError(errs);
        return;
      }
      onSaved(reply.phrase as PhraseRecord);
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) });
    } finally {
      setSaving(false);
    }
  };

  /** Unsaved changes are not lost to a stray Esc: the first asks, the second (or 放弃修改) closes. */
  const [askDiscard, setAskDiscard] = useState(false);
  const close = () => {
    if (dirty && !askDiscard) return setAskDiscard(true);
    onClose();
  };

  const fewVariants = d.variants.length < 3;
  return (
    <div
      class="drawer-backdrop"
      role="dialog"
      aria-modal="true"
      aria-label={i18n.t(isNew ? 'phrases.editor.newTitle' : 'phrases.editor.editTitle')}
      onMouseDown={(e) => e.target === e.currentTarget && close()}
    >
      <form
        ref={root}
        class="drawer"
        data-testid="phrase-editor"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          } else if ((e.key === 'Enter' || e.key === 's') && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save(!!near);
          }
        }}
      >
        <header class="drawer-head">
          <h3>{i18n.t(isNew ? 'phrases.editor.newTitle' : 'phrases.editor.editTitle')}</h3>
          <button type="button" class="icon-close" aria-label={i18n.t('common.close')} onClick={close}>
            ×
          </button>
        </header>
        <div class="drawer-body">
          {errors.form && <Notice kind="error">{errors.form}</Notice>}
          {errors.source && <Notice kind="error">{errors.source}</Notice>}
          <div class="form-row">
            <Field label={i18n.t('phrases.field.title')} error={errors.title} name="title">
              <input
                name="title"
                value={d.title}
                maxLength={PHRASE_LIMITS.titleMax + 10}
                placeholder={i18n.t('phrases.editor.titlePlaceholder')}
                onInput={(e) => set({ title: e.currentTarget.value })}
              />
            </Field>
            <Field
              label={i18n.t('phrases.field.shortcut')}
              error={errors.shortcut}
              name="shortcut"
              hint={i18n.t('phrases.editor.shortcutHint')}
            >
              <input
                name="shortcut"
                class="mono"
                value={d.shortcut}
                placeholder="cfh"
                onInput={(e) => set({ shortcut: e.currentTarget.value })}
              />
            </Field>
          </div>
          <Field label={i18n.t('phrases.field.category')} error={errors.category} name="category">
            <div class="inline">
              <select
                name="category"
                value={customCategory ? CUSTOM : d.category}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  if (v === CUSTOM) {
                    setCustomCategory(true);
                  } else {
                    setCustomCategory(false);
                    set({ category: v });
                  }
                }}
              >
                <option value="">{i18n.t('phrases.editor.noCategory')}</option>
                {PHRASE_STAGES.map((stage) => (
                  <optgroup key={stage} label={stage}>
                    {DEFAULT_CATEGORIES[stage].map((c) => (
                      <option key={c} value={`${stage}/${c}`}>
                        {stage} › {c}
                      </option>
                    ))}
                  </optgroup>
                ))}
                {knownCategories.length > 0 && (
                  <optgroup label={i18n.t('phrases.editor.ownCategories')}>
                    {knownCategories.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </optgroup>
                )}
                <option value={CUSTOM}>{i18n.t('phrases.editor.customCategory')}</option>
              </select>
              {customCategory && (
                <input
                  name="category-custom"
                  value={d.category}
                  placeholder={i18n.t('phrases.editor.customCategoryPlaceholder')}
                  onInput={(e) => set({ category: e.currentTarget.value })}
                />
              )}
            </div>
          </Field>
          <Field
            label={i18n.t('phrases.field.tags')}
            error={errors.tags}
            name="tags"
            hint={i18n.t('phrases.editor.tagsHint')}
          >
            <div class="tags-input">
              {d.tags.map((t) => (
                <span key={t} class="tag">
                  {t}
                  <button
                    type="button"
                    aria-label={i18n.t('phrases.editor.removeTag', [t])}
                    onClick={() => set({ tags: d.tags.filter((x) => x !== t) })}
                  >
                    ×
                  </button>
                </span>
              ))}
              <input
                name="tags"
                list="phrase-tag-list"
                value={tagText}
                placeholder={d.tags.length ? '' : i18n.t('phrases.editor.tagsPlaceholder')}
                onInput={(e) => {
                  const v = e.currentTarget.value;
                  if (/[,，、]$/.test(v)) addTag(v);
                  else setTagText(v);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && tagText.trim()) {
                    e.preventDefault();
                    addTag(tagText);
                  } else if (e.key === 'Backspace' && !tagText && d.tags.length) {
                    set({ tags: d.tags.slice(0, -1) });
                  }
                }}
                onBlur={() => tagText.trim() && addTag(tagText)}
              />
              <datalist id="phrase-tag-list">
                {allTags.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </div>
          </Field>

          <div class="field" data-field="variants">
            <div class="field-label variants-label">
              <span>{i18n.t('phrases.field.variants')}</span>
              <span class="var-buttons" aria-label={i18n.t('phrases.editor.insertVariable')}>
                {TEMPLATE_VARIABLES.map((v) => (
                  <button
                    key={v}
                    type="button"
                    class="var-token as-button"
                    title={i18n.t('phrases.editor.insertVariableTitle', [v])}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => insertVariable(v)}
                  >
                    {v}
                  </button>
                ))}
              </span>
            </div>
            {errors.variants && (
              <div class="field-error" role="alert" data-testid="error-variants">
                {errors.variants}
              </div>
            )}
            <ol class="variant-list">
              {d.variants.map((text, k) => {
                const hints = findWordingIssues(text);
                const err = errors[`variants.${k}`];
                return (
                  <li
                    key={k}
                    class={err ? 'variant-edit has-error' : 'variant-edit'}
                    data-field={`variants.${k}`}
                  >
                    <span class="variant-no">{k + 1}</span>
                    <div class="variant-main">
                      <textarea
                        name={`variant-${k}`}
                        rows={2}
                        value={text}
                        placeholder={i18n.t('phrases.editor.variantPlaceholder')}
                        onFocus={(e) => (lastVariant.current = { index: k, el: e.currentTarget })}
                        onInput={(e) => {
                          lastVariant.current = { index: k, el: e.currentTarget };
                          setVariant(k, e.currentTarget.value);
                        }}
                      />
                      <div class="variant-meta">
                        <span class={text.length > PHRASE_LIMITS.variantMax ? 'count over' : 'count'}>
                          {text.length}/{PHRASE_LIMITS.variantMax}
                        </span>
                      </div>
                      {err && (
                        <div class="field-error" role="alert" data-testid={`error-variants.${k}`}>
                          {err}
                        </div>
                      )}
                      {hints.slice(0, 3).map((h) => (
                        <div key={`${h.ruleId}-${h.start}`} class={`wording-hint kind-${h.kind}`}>
                          「{text.slice(h.start, h.end)}」{h.message}
                          {h.suggestion ? ` — ${i18n.t('phrases.editor.suggest', [h.suggestion])}` : ''}
                        </div>
                      ))}
                    </div>
                    <div class="variant-tools">
                      <button
                        type="button"
                        aria-label={i18n.t('phrases.editor.moveUp')}
                        title={i18n.t('phrases.editor.moveUp')}
                        disabled={k === 0}
                        onClick={() => moveVariant(k, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        aria-label={i18n.t('phrases.editor.moveDown')}
                        title={i18n.t('phrases.editor.moveDown')}
                        disabled={k === d.variants.length - 1}
                        onClick={() => moveVariant(k, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        aria-label={i18n.t('phrases.editor.removeVariant')}
                        title={i18n.t('phrases.editor.removeVariant')}
                        disabled={d.variants.length === 1}
                        onClick={() => set({ variants: d.variants.filter((_, j) => j !== k) })}
                      >
                        ×
                      </button>
                    </div>
                  </li>
                );
              })}
            </ol>
            <div class="variant-add">
              <button
                type="button"
                data-testid="add-variant"
                disabled={d.variants.length >= PHRASE_LIMITS.variantsMax}
                onClick={() => {
                  set({ variants: [...d.variants, ''] });
                  requestAnimationFrame(() =>
                    root.current
                      ?.querySelector<HTMLTextAreaElement>(`textarea[name="variant-${d.variants.length}"]`)
                      ?.focus(),
                  );
                }}
              >
                + {i18n.t('phrases.editor.addVariant')}
              </button>
              {fewVariants && <span class="field-hint">{i18n.t('phrases.editor.threeVariants')}</span>}
            </div>
          </div>

          <Field
            label={i18n.t('phrases.field.platforms')}
            name="platforms"
            hint={i18n.t('phrases.editor.platformsHint')}
          >
            <div class="checks">
              {PLATFORMS.map((p) => (
                <label key={p} class="check">
                  <input
                    type="checkbox"
                    checked={d.platforms.includes(p)}
                    onChange={(e) =>
                      set({
                        platforms: e.currentTarget.checked
                          ? [...d.platforms, p]
                          : d.platforms.filter((x) => x !== p),
                      })
                    }
                  />
                  {PLATFORM_LABELS[p].zh}
                </label>
              ))}
            </div>
          </Field>

          {near && (
            <Notice kind="warn" testId="near-duplicates">
              <strong>{i18n.t('phrases.editor.nearTitle')}</strong>
              <ul class="near-list">
                {near.map((n) => (
                  <li key={n.id}>
                    {i18n.t('phrases.editor.nearItem', [
                      n.title,
                      String(Math.round(n.similarity * 100)),
                      String(n.variant + 1),
                      String(n.otherVariant + 1),
                    ])}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
        </div>
        <footer class="drawer-foot">
          {askDiscard ? (
            <>
              <span class="discard-ask" role="alert" data-testid="discard-ask">
                {i18n.t('phrases.editor.discard')}
              </span>
              <span class="spacer" />
              <button type="button" onClick={() => setAskDiscard(false)}>
                {i18n.t('phrases.editor.keepEditing')}
              </button>
              <button type="button" class="primary danger" data-testid="discard" onClick={onClose}>
                {i18n.t('phrases.editor.discardAction')}
              </button>
            </>
          ) : (
            <>
              <span class="muted">{i18n.t('phrases.editor.keys')}</span>
              <span class="spacer" />
              <button type="button" onClick={close}>
                {i18n.t('common.cancel')}
              </button>
              {near ? (
                <button
                  type="button"
                  class="primary warn"
                  data-testid="save-anyway"
                  disabled={saving}
                  onClick={() => void save(true)}
                >
                  {i18n.t('phrases.editor.saveAnyway')}
                </button>
              ) : (
                <button type="submit" class="primary" data-testid="phrase-save" disabled={saving}>
                  {i18n.t('common.save')}
                </button>
              )}
            </>
          )}
        </footer>
      </form>
    </div>
  );
}
