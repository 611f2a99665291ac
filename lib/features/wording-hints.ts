import { h, render } from 'preact';
import { i18n } from '#i18n';
import css from '../../components/wording/wording-mark.css?inline';
import { WordingMark, type WordingHintView } from '../../components/wording/wording-mark';
import type { EditableField } from '../dom/editable';
import { installKeyGuard } from '../dom/key-guard';
import { mountShadowUi } from '../dom/shadow-ui';
import { caretOffset, plainText, replaceSpan, selectSpan } from '../dom/text-range';
import { editableFrom } from '../dom/trigger-watch';
import { sourceLabel } from '../../components/team/source-label';
import { currentTeamSettings, onTeamSettings, teamSettings } from '../packs/team-cache';
import type { SettingSource, TeamSettings } from '../packs/team-settings';
import { findWordingIssues, type WordingIssue, type WordingRule } from '../phrases/wording';
import { anyOf } from '../sites/selector';
import { defineFeature } from './types';

/**
 * Wording hints while the agent types in a chat box: rude or cold habitual expressions with the
 * professional alternative, blind promises, Advertising-Law absolutes (lib/phrases/wording.ts
 * rules — data, so packs can add theirs). A quiet card in the box's corner shows them; one click
 * replaces the words through the same editing path as the picker (undo works, the page's
 * framework sees it). It never blocks or delays sending.
 *
 * Cost: nothing until the agent types in a chat box; then one check 250 ms after typing pauses.
 */

const SETTLE_MS = 250;
/** While hints show, the box is re-read this often: a page clears it on send without events. */
const RECHECK_MS = 700;

/** Plain alternatives of a suggestion; one with “……” is advice to finish by hand. */
export function splitSuggestion(suggestion: string | undefined): { replacements: string[]; advice?: string } {
  if (!suggestion) return { replacements: [] };
  if (/……|\.\.\./.test(suggestion)) return { replacements: [], advice: suggestion };
  return {
    replacements: suggestion
      .split(/\s+\/\s+/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** Compliance risks first (they can cost the shop), then tone. */
const KIND_ORDER: Record<WordingIssue['kind'], number> = { 'ad-law': 0, promise: 1, rude: 2, cold: 3 };
export const byPriority = (a: WordingIssue, b: WordingIssue) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.start - b.start;

const keyOf = (issue: WordingIssue, text: string) =>
  `${issue.ruleId}:${issue.start}:${text.slice(issue.start, issue.end)}`;

export default defineFeature({
  id: 'wording-hints',
  include: ({ site }) => !!site.chat,
  init(fc) {
    const { signal, site } = fc;
    const chatCss = anyOf(site.chat!.input);
    const guard = installKeyGuard();
    // The team's rules (built-ins plus packs, packs/team-settings.ts); the built-ins until the
    // background answers. One array per answer: findWordingIssues compiles it once.
    let rules: readonly WordingRule[] = [];
    let ruleFrom = new Map<string, SettingSource>();
    const applyTeam = (team: TeamSettings) => {
      rules = team.wordingRules.map((r) => r.rule);
      ruleFrom = new Map(team.wordingRules.map((r) => [r.rule.id, r.from]));
      if (field && text) check(true);
    };

    let container: HTMLElement | null = null;
    let mounting: Promise<unknown> | null = null;
    let field: EditableField | null = null;
    let text = '';
    let issues: WordingIssue[] = [];
    let expanded = false;
    /** Hints the agent dismissed, until the box is emptied. */
    const dismissed = new Set<string>();
    let settle: ReturnType<typeof setTimeout> | undefined;
    let recheck: ReturnType<typeof setInterval> | undefined;

    const mount = () =>
      (mounting ??= mountShadowUi(fc, {
        name: 'wording-hints',
        css,
        render(c) {
          container = c;
          return () => {
            render(null, c);
            container = null;
            mounting = null;
          };
        },
      }));

    const isChatBox = (el: EditableField) => {
      try {
        return el.matches(chatCss);
      } catch {
        return false;
      }
    };

    const visible = () => issues.filter((i) => !dismissed.has(keyOf(i, text)));

    const paint = () => {
      if (!container) return;
      const shown = field?.isConnected ? visible() : [];
      const rect = field?.getBoundingClientRect();
      if (!field || !rect || rect.width === 0 || shown.length === 0) {
        render(null, container);
        return;
      }
      const hints: WordingHintView[] = shown.map((issue) => ({
        key: keyOf(issue, text),
        kind: issue.kind,
        text: text.slice(issue.start, issue.end),
        message: issue.message,
        ...splitSuggestion(issue.suggestion),
        ...sourceOf(issue.ruleId),
      }));
      render(
        h(WordingMark, {
          hints,
          expanded,
          // Inside the box's bottom-right corner, clear of the page's send button below it.
          right: Math.max(8, window.innerWidth - rect.right + 10),
          bottom: Math.max(8, window.innerHeight - rect.bottom + 8),
          platform: site.platform,
          onApply: apply,
          onDismiss: (key) => {
            dismissed.add(key);
            paint();
          },
          onToggle: () => {
            expanded = !expanded;
            paint();
          },
        }),
        container,
      );
    };

    /** Pack rules say which pack they come from; built-ins say nothing. */
    const sourceOf = (ruleId: string): { source?: string } => {
      const from = ruleFrom.get(ruleId);
      return from && from.kind !== 'default' ? { source: i18n.t('team.ruleFrom', [sourceLabel(from)]) } : {};
    };

    const check = (rulesChanged = false) => {
      settle = undefined;
      if (!field || signal.aborted) return;
      const next = field.isConnected ? plainText(field) : '';
      if (next === text && issues.length && !rulesChanged) return paint();
      text = next;
      if (!text.trim()) dismissed.clear();
      issues = text ? findWordingIssues(text, rules).sort(byPriority) : [];
      if (issues.length) void mount().then(paint);
      else paint();
      // Keep re-reading only while something shows.
      if (visible().length && !recheck) recheck = setInterval(check, RECHECK_MS);
      if (!visible().length && recheck) {
        clearInterval(recheck);
        recheck = undefined;
      }
    };

    applyTeam(currentTeamSettings());
    void teamSettings().then((team) => !signal.aborted && applyTeam(team));
    const stopTeam = onTeamSettings((team) => !signal.aborted && applyTeam(team));

    const schedule = (el: EditableField) => {
      field = el;
      clearTimeout(settle);
      settle = setTimeout(check, SETTLE_MS);
    };

    function apply(key: string, replacement: string) {
      const f = field;
      const issue = issues.find((i) => keyOf(i, text) === key);
      if (!f || !issue) return;
      const current = plainText(f);
      // Only if the words are still where they were (the agent may have typed on).
      if (current.slice(issue.start, issue.end) !== text.slice(issue.start, issue.end)) return check();
      // Where the agent was typing stays where it was (shifted by the length change).
      const caret = caretOffset(f);
      replaceSpan(f, issue.start, issue.end, replacement);
      if (caret >= issue.end) {
        const at = caret + replacement.length - (issue.end - issue.start);
        selectSpan(f, at, at);
      } else if (caret >= 0 && caret <= issue.start) selectSpan(f, caret, caret);
      check();
    }

    const fieldOf = (event: Event) => {
      const el = editableFrom(event.composedPath()[0]);
      return el && isChatBox(el) ? el : null;
    };
    const listen = { capture: true, signal } as const;
    window.addEventListener(
      'input',
      (event) => {
        if ((event as InputEvent).isComposing || guard.composing()) return;
        const el = fieldOf(event);
        if (el) schedule(el);
      },
      listen,
    );
    window.addEventListener(
      'compositionend',
      (event) => {
        const el = fieldOf(event);
        if (el) schedule(el);
      },
      listen,
    );
    window.addEventListener(
      'focusin',
      (event) => {
        const el = fieldOf(event);
        if (el && el !== field) schedule(el);
      },
      listen,
    );
    const follow = () => {
      if (visible().length) paint();
    };
    window.addEventListener('resize', follow, { signal });
    window.addEventListener('scroll', follow, { capture: true, passive: true, signal });

    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(settle);
        clearInterval(recheck);
        stopTeam();
      },
      { once: true },
    );
  },
});
