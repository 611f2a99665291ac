import { useEffect, useMemo, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messaging/client';
import type { PackPhraseView, PackSummary } from '../../lib/packs/installed';
import {
  errorMessage,
  Fingerprint,
  formatDate,
  formatTime,
  includesText,
  latestChangelog,
  Note,
  PhraseRow,
  readPublicKeyText,
  SignatureBadge,
  t,
  type KeyTextResult,
} from './packs-ui';

export type Flash = { kind: 'ok' | 'warn' | 'bad' | 'info'; text: string };

/** One installed pack: what it is, its trust and subscription, and what the agent can do with it. */
export function PackCard(props: {
  pack: PackSummary;
  busy: boolean;
  flash?: Flash;
  onCheck: () => void;
  onReview: () => void;
  onDismiss: () => void;
  onRollback: () => void;
  onUninstall: () => void;
  onChanged: () => void;
  onFlash: (f: Flash) => void;
}) {
  const p = props.pack;
  const [confirmUninstall, setConfirmUninstall] = useState(false);
  const [panel, setPanel] = useState<'none' | 'trust' | 'phrases'>('none');
  const sub = p.subscription;
  const host = sub ? new URL(sub.url).host : '';

  const toggleAuto = async (autoApply: boolean) => {
    await sendMessage('packs:subscription', { id: p.id, autoApply });
    props.onChanged();
  };

  return (
    <article class="pk-card pk-pack" data-testid="pack-card" data-pack-id={p.id} data-version={p.version}>
      <div class="pk-pack-head">
        <div class="pk-pack-icon" aria-hidden="true">
          {Array.from(p.name)[0] ?? '包'}
        </div>
        <div style={{ display: 'grid', gap: '4px', flex: 1, minWidth: 0 }}>
          <div class="pk-pack-name">
            <span data-testid="pack-name">{p.name}</span>
            <span class="pk-badge info" data-testid="pack-version">
              {t('packs.versionN', [p.version])}
            </span>
            <SignatureBadge status={p.signature} pinned={!!p.trust} />
          </div>
          <div class="pk-meta">
            <span>{t('packs.byPublisher', [p.publisher])}</span>
            <span>{t('packs.phraseCount', [p.phraseCount])}</span>
            <span>{t('packs.updatedOn', [formatDate(p.updatedAt)])}</span>
            {sub ? (
              <span title={sub.url}>
                {t('packs.subscribedFrom', [host])}
                {sub.lastCheckedAt ? ` · ${t('packs.checkedAt', [formatTime(sub.lastCheckedAt)])}` : ''}
              </span>
            ) : (
              <span>{t('packs.fromFile')}</span>
            )}
          </div>
          {p.description && <div class="pk-sub">{p.description}</div>}
          {includesText(p.includes) && (
            <div class="pk-sub">{t('packs.alsoIncludes', [includesText(p.includes)])}</div>
          )}
        </div>
      </div>

      {p.pending && (
        <Note kind="info" testId="pack-pending">
          <div class="pk-row">
            <span>
              <b>{t('packs.pendingTitle', [p.pending.version])}</b> ·{' '}
              {t('packs.fetchedAt', [formatTime(p.pending.fetchedAt)])}
            </span>
            <span class="pk-spacer" />
            <button
              type="button"
              class="primary"
              data-testid="pack-review"
              onClick={props.onReview}
              disabled={props.busy}
            >
              {t('packs.reviewChanges')}
            </button>
            <button type="button" onClick={props.onDismiss} disabled={props.busy}>
              {t('packs.skipVersion')}
            </button>
          </div>
        </Note>
      )}
      {p.lastRefusal && (
        <Note kind="bad" title={t('packs.refusedTitle')} testId="pack-refusal">
          <span>{p.lastRefusal.message}</span>
          <span class="pk-sub">{formatTime(p.lastRefusal.at)}</span>
        </Note>
      )}
      {sub?.lastStatus === 'error' && sub.lastMessage && (
        <Note kind="warn" title={t('packs.checkFailed')}>
          {sub.lastMessage}
        </Note>
      )}
      {props.flash && (
        <Note kind={props.flash.kind} testId="pack-flash">
          {props.flash.text}
        </Note>
      )}
      {p.pinyinPending && <div class="pk-sub">{t('packs.pinyinPending')}</div>}
      {p.heldBackVersion && p.heldBackVersion > p.version && !p.pending && (
        <div class="pk-sub">{t('packs.heldBack', [p.heldBackVersion])}</div>
      )}

      <div class="pk-actions">
        {sub && (
          <button type="button" data-testid="pack-check" onClick={props.onCheck} disabled={props.busy}>
            {t('packs.checkNow')}
          </button>
        )}
        {p.previousVersion !== undefined && (
          <button type="button" data-testid="pack-rollback" onClick={props.onRollback} disabled={props.busy}>
            {p.previousVersion < p.version
              ? t('packs.rollbackTo', [p.previousVersion])
              : t('packs.restoreTo', [p.previousVersion])}
          </button>
        )}
        <button
          type="button"
          aria-expanded={panel === 'phrases'}
          data-testid="pack-show-phrases"
          onClick={() => setPanel(panel === 'phrases' ? 'none' : 'phrases')}
        >
          {panel === 'phrases' ? t('packs.hidePhrases') : t('packs.showPhrases')}
        </button>
        <button
          type="button"
          aria-expanded={panel === 'trust'}
          onClick={() => setPanel(panel === 'trust' ? 'none' : 'trust')}
        >
          {p.trust ? t('packs.keyPinnedButton') : t('packs.pinKey')}
        </button>
        {sub && (
          <label class="pk-switch" title={t('packs.autoApplyHint')}>
            <input
              type="checkbox"
              checked={sub.autoApply}
              onChange={(e) => void toggleAuto(e.currentTarget.checked)}
            />
            {t('packs.autoApply')}
          </label>
        )}
        <span class="pk-spacer" />
        {confirmUninstall ? (
          <>
            <span class="pk-sub">{t('packs.uninstallConfirm', [p.phraseCount])}</span>
            <button
              type="button"
              class="danger solid"
              data-testid="pack-uninstall-confirm"
              onClick={props.onUninstall}
            >
              {t('packs.uninstall')}
            </button>
            <button type="button" onClick={() => setConfirmUninstall(false)}>
              {t('packs.cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            class="danger"
            data-testid="pack-uninstall"
            onClick={() => setConfirmUninstall(true)}
          >
            {t('packs.uninstall')}
          </button>
        )}
      </div>

      {panel === 'trust' && <TrustPanel pack={p} onChanged={props.onChanged} onFlash={props.onFlash} />}
      {panel === 'phrases' && <PackPhrases pack={p} onFlash={props.onFlash} />}
    </article>
  );
}

function TrustPanel(props: { pack: PackSummary; onChanged: () => void; onFlash: (f: Flash) => void }) {
  const p = props.pack;
  const [text, setText] = useState('');
  const [key, setKey] = useState<KeyTextResult | null>(null);
  const [error, setError] = useState('');
  const read = async (value: string) => {
    setText(value);
    setError('');
    setKey(value.trim() ? await readPublicKeyText(value) : null);
  };
  const pin = async () => {
    if (!key?.ok) return;
    try {
      const r = await sendMessage('packs:trust', { id: p.id, publicJwk: key.jwk });
      if (!r.ok) return setError(r.message);
      props.onFlash({ kind: 'ok', text: t('packs.pinnedDone') });
      props.onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const unpin = async () => {
    await sendMessage('packs:trust', { id: p.id, publicJwk: null });
    props.onFlash({ kind: 'info', text: t('packs.unpinnedDone') });
    props.onChanged();
  };
  if (p.trust) {
    return (
      <div class="pk-note ok">
        <div class="pk-note-title">{t('packs.pinnedTitle')}</div>
        <span>{t('packs.pinnedExplain')}</span>
        <Fingerprint value={p.trust.fingerprint} testId="pack-pinned-fingerprint" />
        <div class="pk-row">
          <span class="pk-sub">{t('packs.pinnedSince', [formatTime(p.trust.pinnedAt)])}</span>
          <span class="pk-spacer" />
          <button type="button" class="danger" onClick={() => void unpin()}>
            {t('packs.unpin')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="pk-note info">
      <div class="pk-note-title">{t('packs.pinTitle')}</div>
      <span>{t('packs.pinExplain')}</span>
      {p.signedKeyId && (
        <div class="pk-row">
          <span class="pk-sub">{t('packs.signedByKey')}</span>
          <Fingerprint value={p.signedKeyId} />
        </div>
      )}
      <label class="pk-field">
        {t('packs.pastePublicKey')}
        <textarea
          class="pk-mono"
          rows={3}
          value={text}
          placeholder='{"kty":"EC","crv":"P-256","x":"…","y":"…"}'
          onInput={(e) => void read(e.currentTarget.value)}
        />
      </label>
      {key && !key.ok && <div class="field-error">{key.message}</div>}
      {key?.ok && (
        <>
          {key.wasPrivate && <div class="field-error">{t('packs.keyWasPrivate')}</div>}
          <div class="pk-row">
            <span class="pk-sub">{t('packs.fingerprintOfPasted')}</span>
            <Fingerprint value={key.fingerprint} />
          </div>
          {p.signedKeyId && key.fingerprint !== p.signedKeyId && (
            <div class="field-error">{t('packs.keyMismatch')}</div>
          )}
        </>
      )}
      {error && <div class="field-error">{error}</div>}
      <div class="pk-row end">
        <button type="button" class="primary" disabled={!key?.ok} onClick={() => void pin()}>
          {t('packs.pinThisKey')}
        </button>
      </div>
    </div>
  );
}

const PHRASES_SHOWN = 60;

function PackPhrases(props: { pack: PackSummary; onFlash: (f: Flash) => void }) {
  const [phrases, setPhrases] = useState<PackPhraseView[] | null>(null);
  const [query, setQuery] = useState('');
  const [forked, setForked] = useState<Record<string, string>>({});
  useEffect(() => {
    void sendMessage('packs:get', { id: props.pack.id }).then((r) => setPhrases(r?.phrases ?? []));
  }, [props.pack.id, props.pack.version]);
  const shown = useMemo(() => {
    if (!phrases) return [];
    const q = query.trim().toLowerCase();
    const hits = q
      ? phrases.filter(
          (p) =>
            p.title.toLowerCase().includes(q) ||
            (p.shortcut ?? '').toLowerCase().includes(q) ||
            (p.category ?? '').toLowerCase().includes(q) ||
            p.variants.some((v) => v.toLowerCase().includes(q)),
        )
      : phrases;
    return hits;
  }, [phrases, query]);

  const fork = async (ph: PackPhraseView) => {
    try {
      const r = await sendMessage('packs:fork', { id: ph.storedId });
      if (!r.ok) return props.onFlash({ kind: 'bad', text: r.message });
      setForked((f) => ({ ...f, [ph.storedId]: r.phrase.id }));
      props.onFlash({
        kind: 'ok',
        text:
          ph.shortcut && ph.holdsShortcut
            ? t('packs.forkedWithShortcut', [ph.title, ph.shortcut])
            : t('packs.forked', [ph.title]),
      });
    } catch (e) {
      props.onFlash({ kind: 'bad', text: errorMessage(e) });
    }
  };

  if (!phrases) return <div class="pk-sub">{t('packs.loading')}</div>;
  return (
    <div style={{ display: 'grid', gap: '8px' }} data-testid="pack-phrases">
      <div class="pk-row">
        <input
          type="search"
          value={query}
          placeholder={t('packs.searchPhrases')}
          onInput={(e) => setQuery(e.currentTarget.value)}
          style={{ flex: 1, maxWidth: '360px' }}
        />
        <span class="pk-sub">{t('packs.readOnlyHint')}</span>
      </div>
      <div class="pk-phrases">
        {shown.slice(0, PHRASES_SHOWN).map((ph) => (
          <PhraseRow
            key={ph.storedId}
            phrase={ph}
            shortcutOff={!!ph.shortcut && !ph.holdsShortcut}
            testId="pack-phrase"
            actions={
              forked[ph.storedId] ? (
                <span class="pk-badge ok">{t('packs.copied')}</span>
              ) : (
                <button type="button" class="link" onClick={() => void fork(ph)}>
                  {t('packs.copyToMine')}
                </button>
              )
            }
          />
        ))}
        {shown.length === 0 && <div class="pk-empty">{t('packs.noMatch')}</div>}
        {shown.length > PHRASES_SHOWN && (
          <div class="pk-more">{t('packs.moreItems', [shown.length - PHRASES_SHOWN])}</div>
        )}
      </div>
      {latestChangelog(props.pack.changelog) && (
        <details>
          <summary class="pk-sub">{t('packs.changelog')}</summary>
          <p class="pk-changelog">{latestChangelog(props.pack.changelog)}</p>
        </details>
      )}
    </div>
  );
}
