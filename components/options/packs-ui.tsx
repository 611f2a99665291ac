import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import type { PackError } from '../../lib/packs/parse';
import type { PackDiff, PhraseDiffField } from '../../lib/packs/diff';
import type { PackPhrase } from '../../lib/packs/schema';
import type { PackIncludes, SignatureStatus } from '../../lib/packs/installed';
import { fingerprint } from '../../lib/packs/sign';
import './packs.css';

/**
 * Pieces the packs, publish and spreadsheet sections share. Everything a pack or a file brings
 * is rendered as JSX text (textContent), never as HTML.
 */

/** i18n with keys built at runtime (the sections keep their strings under packs.* / publish.* / sheet.*). */
const translate = i18n.t as unknown as (key: string, substitutions?: string[]) => string;
export function t(key: string, subs?: (string | number)[]): string {
  return translate(key, subs?.map(String));
}

export function Note(props: {
  kind: 'ok' | 'warn' | 'bad' | 'info';
  title?: string;
  children?: ComponentChildren;
  testId?: string;
}) {
  return (
    <div
      class={`pk-note ${props.kind}`}
      role={props.kind === 'bad' ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      {props.title && <div class="pk-note-title">{props.title}</div>}
      {props.children}
    </div>
  );
}

/** Problems with where they are: `$.phrases[3].title` next to its Chinese sentence. */
export function ErrorList(props: { errors: readonly PackError[]; testId?: string; title?: string }) {
  if (props.errors.length === 0) return null;
  return (
    <Note
      kind="bad"
      title={props.title ?? t('packs.errorsTitle', [props.errors.length])}
      testId={props.testId}
    >
      <ul class="pk-errors">
        {props.errors.map((e, i) => (
          <li key={i}>
            <span class="pk-mono">
              {e.path}
              {e.line ? ` · ${t('packs.lineCol', [e.line, e.column ?? 1])}` : ''}
            </span>
            <span>{e.message}</span>
          </li>
        ))}
      </ul>
    </Note>
  );
}

/** Small inline icons (the extension ships no icon font; emoji render as boxes on many systems). */
export function Icon(props: { name: 'lock' | 'check' | 'file' | 'warn' }) {
  const paths: Record<typeof props.name, string> = {
    lock: 'M5 7V5a3 3 0 0 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5A1.5 1.5 0 0 1 11.5 15h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2z',
    check: 'M6.2 11.6 2.9 8.3l1.1-1.1 2.2 2.2 5.8-5.8 1.1 1.1z',
    file: 'M4 1.5h5l3.5 3.5v9A1.5 1.5 0 0 1 11 15.5H4A1.5 1.5 0 0 1 2.5 14V3A1.5 1.5 0 0 1 4 1.5zm4.5 1v3h3z',
    warn: 'M8 1.5 15 14H1zm-.75 4.5v4h1.5V6zm0 5.5V13h1.5v-1.5z',
  };
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" style={{ flex: 'none' }}>
      <path d={paths[props.name]} fill="currentColor" fill-rule="evenodd" />
    </svg>
  );
}

export function SignatureBadge(props: { status: SignatureStatus; pinned?: boolean }) {
  if (props.status === 'verified' && props.pinned) {
    return (
      <span class="pk-badge ok" title={t('packs.pinnedBadgeHint')}>
        <Icon name="lock" /> {t('packs.sigVerifiedPinned')}
      </span>
    );
  }
  if (props.status === 'verified') {
    return (
      <span class="pk-badge ok">
        <Icon name="check" /> {t('packs.sigVerified')}
      </span>
    );
  }
  if (props.status === 'unverified') return <span class="pk-badge warn">{t('packs.sigUnverified')}</span>;
  return <span class="pk-badge plain">{t('packs.sigUnsigned')}</span>;
}

export function Fingerprint(props: { value: string; testId?: string }) {
  return (
    <div class="pk-fingerprint" data-testid={props.testId} title={t('packs.fingerprintHint')}>
      {props.value}
    </div>
  );
}

export function formatTime(ms: number | undefined): string {
  if (!ms) return '';
  return new Date(ms).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
}

/** Saves a Blob as a file through a temporary link (no downloads permission needed). */
export function download(name: string, data: Blob | string, type = 'application/json'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type: `${type};charset=utf-8` }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const FIELD_KEYS: Record<PhraseDiffField, string> = {
  title: 'packs.fieldTitle',
  shortcut: 'packs.fieldShortcut',
  category: 'packs.fieldCategory',
  tags: 'packs.fieldTags',
  variants: 'packs.fieldVariants',
  platforms: 'packs.fieldPlatforms',
};

/** One phrase as text: title, shortcut, category and its variants (line breaks kept). */
export function PhraseRow(props: {
  phrase: Pick<PackPhrase, 'title' | 'shortcut' | 'category' | 'variants'>;
  kind?: 'add' | 'chg' | 'del';
  shortcutOff?: boolean;
  extra?: ComponentChildren;
  actions?: ComponentChildren;
  maxVariants?: number;
  testId?: string;
}) {
  const p = props.phrase;
  const variants = p.variants.slice(0, props.maxVariants ?? 3);
  return (
    <div class={`pk-phrase ${props.kind ?? ''}`} data-testid={props.testId}>
      <div class="pk-phrase-title">
        <span>{p.title}</span>
        {p.shortcut && (
          <span
            class={`pk-kbd ${props.shortcutOff ? 'off' : ''}`}
            title={props.shortcutOff ? t('packs.shortcutTaken') : ''}
          >
            /{p.shortcut}
          </span>
        )}
        {p.category && <span class="pk-sub">{p.category}</span>}
        {props.extra}
      </div>
      <div>{props.actions}</div>
      {variants.map((v, i) => (
        <div class="pk-phrase-text" key={i}>
          {v}
        </div>
      ))}
      {p.variants.length > variants.length && (
        <div class="pk-sub">{t('packs.moreVariants', [p.variants.length - variants.length])}</div>
      )}
    </div>
  );
}

const LIST_MAX = 40;

function Limited<T>(props: { items: readonly T[]; render: (item: T, i: number) => ComponentChildren }) {
  const shown = props.items.slice(0, LIST_MAX);
  return (
    <div class="pk-phrases">
      {shown.map(props.render)}
      {props.items.length > shown.length && (
        <div class="pk-more">{t('packs.moreItems', [props.items.length - shown.length])}</div>
      )}
    </div>
  );
}

const META_FIELDS = new Set(['name', 'publisher', 'description', 'updateUrl', 'wordingRulesMode']);

/** 「名称：旧 → 新」 with the field's Chinese name; a mode shows what it means, not its code. */
function metaChange(m: PackDiff['meta'][number]): string {
  const label = META_FIELDS.has(m.field) ? t(`packs.metaField.${m.field}`) : m.field;
  const value = (v: unknown) => {
    if (v === undefined || v === '') return '—';
    if (m.field === 'wordingRulesMode' && (v === 'add' || v === 'replace'))
      return t(`packs.wordingMode.${v}`);
    return String(v);
  };
  // No value means the default: "add".
  const before = m.field === 'wordingRulesMode' ? (m.before ?? 'add') : m.before;
  const after = m.field === 'wordingRulesMode' ? (m.after ?? 'add') : m.after;
  return `${label}：${value(before)} → ${value(after)}`;
}

/** What an update changes: counts first, then the phrases, then the other parts of the pack. */
export function DiffView(props: { diff: PackDiff }) {
  const d = props.diff;
  const p = d.phrases;
  const sections: string[] = [];
  if (d.flagLegend.status !== 'unchanged') {
    sections.push(
      `${t('packs.partFlagLegend')}：${t(`packs.status.${d.flagLegend.status}`)}${d.flagLegend.changedFlags.length ? `（${d.flagLegend.changedFlags.join('、')}）` : ''}`,
    );
  }
  if (d.remarkTemplates.status !== 'unchanged') {
    const r = d.remarkTemplates;
    sections.push(
      `${t('packs.partTemplates')}：${t('packs.countsShort', [r.added.length, r.changed.length, r.removed.length])}`,
    );
  }
  if (d.returnPolicy.status !== 'unchanged') {
    sections.push(
      `${t('packs.partPolicy')}：${t(`packs.status.${d.returnPolicy.status}`)}${d.returnPolicy.changedKeys.length ? `（${d.returnPolicy.changedKeys.join('、')}）` : ''}`,
    );
  }
  if (d.wordingRules.status !== 'unchanged') {
    const r = d.wordingRules;
    sections.push(
      `${t('packs.partWording')}：${t('packs.countsShort', [r.added.length, r.changed.length, r.removed.length])}`,
    );
  }
  if (d.registerReasons.status !== 'unchanged') {
    const r = d.registerReasons;
    sections.push(
      `${t('packs.partReasons')}：${[...r.added.map((x) => `+${x}`), ...r.removed.map((x) => `−${x}`)].join('、')}`,
    );
  }
  for (const m of d.meta) sections.push(metaChange(m));

  return (
    <div class="pk-diff" data-testid="pack-diff">
      <div class="pk-stats">
        <div class={`pk-stat add ${p.added.length ? '' : 'zero'}`} data-testid="diff-added">
          <b>+{p.added.length}</b>
          <span>{t('packs.added')}</span>
        </div>
        <div class={`pk-stat chg ${p.changed.length ? '' : 'zero'}`} data-testid="diff-changed">
          <b>~{p.changed.length}</b>
          <span>{t('packs.changed')}</span>
        </div>
        <div class={`pk-stat del ${p.removed.length ? '' : 'zero'}`} data-testid="diff-removed">
          <b>−{p.removed.length}</b>
          <span>{t('packs.removed')}</span>
        </div>
        <div class="pk-stat">
          <b>{p.unchanged}</b>
          <span>{t('packs.unchanged')}</span>
        </div>
      </div>
      {p.added.length > 0 && (
        <div>
          <h4>
            <span class="pk-badge ok">{t('packs.added')}</span>
          </h4>
          <Limited items={p.added} render={(ph) => <PhraseRow key={ph.id} phrase={ph} kind="add" />} />
        </div>
      )}
      {p.changed.length > 0 && (
        <div>
          <h4>
            <span class="pk-badge warn">{t('packs.changed')}</span>
          </h4>
          <Limited
            items={p.changed}
            render={(c) => (
              <div class="pk-phrase chg" key={c.id}>
                <div class="pk-phrase-title">
                  <span>{c.after.title}</span>
                  {c.after.shortcut && <span class="pk-kbd">/{c.after.shortcut}</span>}
                  <span class="pk-sub">
                    {t('packs.changedFields', [c.fields.map((f) => t(FIELD_KEYS[f])).join('、')])}
                  </span>
                </div>
                <div />
                {c.fields.includes('title') && (
                  <div class="pk-phrase-text">
                    <span class="pk-before">{c.before.title}</span> →{' '}
                    <span class="pk-after">{c.after.title}</span>
                  </div>
                )}
                {c.fields.includes('shortcut') && (
                  <div class="pk-phrase-text">
                    <span class="pk-before">/{c.before.shortcut ?? '—'}</span> →{' '}
                    <span class="pk-after">/{c.after.shortcut ?? '—'}</span>
                  </div>
                )}
                {c.fields.includes('variants') && (
                  <>
                    {c.before.variants
                      .filter((v) => !c.after.variants.includes(v))
                      .slice(0, 3)
                      .map((v, i) => (
                        <div class="pk-phrase-text pk-before" key={`b${i}`}>
                          {v}
                        </div>
                      ))}
                    {c.after.variants
                      .filter((v) => !c.before.variants.includes(v))
                      .slice(0, 3)
                      .map((v, i) => (
                        <div class="pk-phrase-text" key={`a${i}`}>
                          <span class="pk-after">{v}</span>
                        </div>
                      ))}
                  </>
                )}
              </div>
            )}
          />
        </div>
      )}
      {p.removed.length > 0 && (
        <div>
          <h4>
            <span class="pk-badge bad">{t('packs.removed')}</span>
          </h4>
          <Limited
            items={p.removed}
            render={(ph) => <PhraseRow key={ph.id} phrase={ph} kind="del" maxVariants={1} />}
          />
        </div>
      )}
      {sections.length > 0 && (
        <div>
          <h4>{t('packs.otherParts')}</h4>
          <ul class="pk-section-changes">
            {sections.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** 「旗帜说明 · 备注模板 2 个 · …」: the parts a pack carries besides phrases, or '' for none. */
export function includesText(i: PackIncludes): string {
  const parts: string[] = [];
  if (i.flagLegend) parts.push(t('packs.partFlagLegend'));
  if (i.remarkTemplates) parts.push(`${t('packs.partTemplates')} ${i.remarkTemplates}`);
  if (i.returnPolicy) parts.push(t('packs.partPolicy'));
  if (i.wordingRules) parts.push(`${t('packs.partWording')} ${i.wordingRules}`);
  if (i.registerReasons) parts.push(`${t('packs.partReasons')} ${i.registerReasons}`);
  return parts.join(' · ');
}

/** The newest changelog text of a pack (a string, or the entry with the highest version). */
export function latestChangelog(
  changelog: string | { version: number; notes: string; date?: string }[],
): string {
  if (typeof changelog === 'string') return changelog.trim();
  const top = [...changelog].sort((a, b) => b.version - a.version)[0];
  return top ? `${t('packs.versionN', [top.version])}${top.date ? ` · ${top.date}` : ''}\n${top.notes}` : '';
}

export type KeyTextResult =
  | {
      ok: true;
      jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
      fingerprint: string;
      wasPrivate: boolean;
    }
  | { ok: false; message: string };

/**
 * A pasted or loaded publisher key: a JWK, or a file that holds one under `jwk` / `publicKey`.
 * Only the public half is kept; a private key pasted by mistake is reported so it can be
 * taken back out of the chat it came through.
 */
export async function readPublicKeyText(text: string): Promise<KeyTextResult> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: t('packs.keyEmpty') };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { ok: false, message: t('packs.keyNotJson') };
  }
  const obj = value as Record<string, unknown> | null;
  const inner = (obj && typeof obj === 'object' && ((obj.jwk as object) ?? (obj.publicKey as object))) || obj;
  const jwk = inner as Record<string, unknown> | null;
  if (
    !jwk ||
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.y !== 'string'
  ) {
    return { ok: false, message: t('packs.keyWrongKind') };
  }
  const pub = { kty: 'EC' as const, crv: 'P-256' as const, x: jwk.x, y: jwk.y };
  try {
    return { ok: true, jwk: pub, fingerprint: await fingerprint(pub), wasPrivate: typeof jwk.d === 'string' };
  } catch {
    return { ok: false, message: t('packs.keyInvalid') };
  }
}
