import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../lib/messaging/client';
import type { PackPreview, PackSummary, ShortcutClash } from '../../lib/packs/installed';
import type { PackError } from '../../lib/packs/parse';
import { PACK_LIMITS } from '../../lib/packs/schema';
import { checkSubscriptionUrl } from '../../lib/packs/subscription';
import { watchPhrasesRevision } from '../../lib/store/revision';
import { PackCard, type Flash } from './pack-card';
import { PackPreviewDialog } from './pack-preview';
import {
  ErrorList,
  errorMessage,
  Fingerprint,
  Note,
  readPublicKeyText,
  t,
  type KeyTextResult,
} from './packs-ui';

/**
 * 短语包: import a pack file or subscribe to a URL, review every change before it is applied,
 * roll back in one click, pin the lead's key, settle shortcut clashes.
 */
export function PacksSection() {
  const [packs, setPacks] = useState<PackSummary[] | null>(null);
  const [clashes, setClashes] = useState<ShortcutClash[]>([]);
  const [preview, setPreview] = useState<PackPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [flashes, setFlashes] = useState<Record<string, Flash>>({});
  const [topFlash, setTopFlash] = useState<Flash | null>(null);
  // Bumped after a successful install: the add form starts empty again.
  const [addKey, setAddKey] = useState(0);

  const reload = async () => {
    const [{ packs: list }, { clashes: found }] = await Promise.all([
      sendMessage('packs:list', {}),
      sendMessage('packs:clashes', {}),
    ]);
    setPacks(list);
    setClashes(found);
  };
  useEffect(() => {
    void reload();
    // Automatic updates (background alarm) change phrases: refresh what is shown.
    const unwatch = watchPhrasesRevision(() => void reload());
    const onFocus = () => void reload();
    addEventListener('focus', onFocus);
    return () => {
      unwatch();
      removeEventListener('focus', onFocus);
    };
  }, []);

  const flashFor = (id: string, f: Flash) => setFlashes((all) => ({ ...all, [id]: f }));

  const apply = async () => {
    if (!preview) return;
    setBusy('apply');
    try {
      const r = await sendMessage('packs:apply', { token: preview.token });
      setPreview(null);
      if (r.ok) {
        setAddKey((k) => k + 1);
        flashFor(r.summary.id, {
          kind: 'ok',
          text:
            r.kind === 'install'
              ? t('packs.installedDone', [r.summary.name, r.summary.version])
              : r.kind === 'unchanged'
                ? t('packs.savedDone')
                : t('packs.updatedDone', [r.summary.version]),
        });
      } else {
        setTopFlash({ kind: 'bad', text: r.errors.map((e) => e.message).join('；') });
      }
      await reload();
    } finally {
      setBusy(null);
    }
  };

  const run = async (id: string, what: string, fn: () => Promise<void>) => {
    setBusy(`${what}:${id}`);
    try {
      await fn();
    } catch (e) {
      flashFor(id, { kind: 'bad', text: errorMessage(e) });
    } finally {
      setBusy(null);
      await reload();
    }
  };

  const check = (id: string) =>
    run(id, 'check', async () => {
      const { results } = await sendMessage('packs:check', { id, force: true });
      const r = results[0];
      if (!r) return;
      const kind =
        r.status === 'refused' || r.status === 'error' ? 'bad' : r.status === 'pending' ? 'info' : 'ok';
      // A refusal is already shown from the pack's record; say it once.
      if (r.status !== 'refused') flashFor(id, { kind, text: r.message });
      else setFlashes(({ [id]: _gone, ...rest }) => rest);
    });
  const review = (id: string) =>
    run(id, 'review', async () => {
      const r = await sendMessage('packs:review', { id });
      if (r.ok) setPreview(r.preview);
      else flashFor(id, { kind: 'bad', text: r.errors.map((e) => e.message).join('；') });
    });
  const dismiss = (id: string) =>
    run(id, 'dismiss', async () => {
      await sendMessage('packs:dismiss', { id });
      flashFor(id, { kind: 'info', text: t('packs.skipped') });
    });
  const rollback = (id: string) =>
    run(id, 'rollback', async () => {
      const r = await sendMessage('packs:rollback', { id });
      if (r.ok) flashFor(id, { kind: 'ok', text: t('packs.rolledBack', [r.summary.version]) });
      else flashFor(id, { kind: 'bad', text: r.errors.map((e) => e.message).join('；') });
    });
  const uninstall = (id: string, name: string) =>
    run(id, 'uninstall', async () => {
      const r = await sendMessage('packs:uninstall', { id });
      setTopFlash({ kind: 'ok', text: t('packs.uninstalled', [name, r.removed]) });
    });

  return (
    <section class="pk" aria-labelledby="packs-title">
      <header class="pk-head">
        <h2 id="packs-title">{t('packs.title')}</h2>
        <p class="pk-lead">{t('packs.lead')}</p>
      </header>

      <AddPack key={addKey} busy={busy !== null} onPreview={setPreview} />

      {topFlash && <Note kind={topFlash.kind}>{topFlash.text}</Note>}

      {packs === null ? null : packs.length === 0 ? (
        <div class="pk-card pk-empty">{t('packs.none')}</div>
      ) : (
        packs.map((p) => (
          <PackCard
            key={p.id}
            pack={p}
            busy={busy !== null}
            {...(flashes[p.id] ? { flash: flashes[p.id] } : {})}
            onCheck={() => void check(p.id)}
            onReview={() => void review(p.id)}
            onDismiss={() => void dismiss(p.id)}
            onRollback={() => void rollback(p.id)}
            onUninstall={() => void uninstall(p.id, p.name)}
            onChanged={() => void reload()}
            onFlash={(f) => flashFor(p.id, f)}
          />
        ))
      )}

      {clashes.length > 0 && <Clashes clashes={clashes} onChanged={() => void reload()} />}

      {preview && (
        <PackPreviewDialog
          preview={preview}
          busy={busy === 'apply'}
          onApply={() => void apply()}
          onCancel={() => setPreview(null)}
        />
      )}
    </section>
  );
}

/** Import a file or subscribe to a URL; both end in the same preview. */
function AddPack(props: { busy: boolean; onPreview: (p: PackPreview) => void }) {
  const [tab, setTab] = useState<'file' | 'url'>('file');
  const [errors, setErrors] = useState<PackError[]>([]);
  const [reading, setReading] = useState(false);
  const [url, setUrl] = useState('');
  const [keyText, setKeyText] = useState('');
  const [key, setKey] = useState<KeyTextResult | null>(null);
  const [autoApply, setAutoApply] = useState(false);

  const preview = async (
    source: { kind: 'text'; text: string } | { kind: 'url'; url: string },
    trust?: JsonWebKey,
  ) => {
    setErrors([]);
    setReading(true);
    try {
      const r = await sendMessage('packs:preview', {
        source,
        ...(trust
          ? { trust: { publicJwk: trust as { kty: 'EC'; crv: 'P-256'; x: string; y: string } } }
          : {}),
        autoApply,
      });
      if (r.ok) props.onPreview(r.preview);
      else setErrors(r.errors);
    } catch (e) {
      setErrors([{ path: '$', message: errorMessage(e) }]);
    } finally {
      setReading(false);
    }
  };

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // Refuse before reading: a 2 GB file must not be loaded to be told it is too big.
    if (file.size > PACK_LIMITS.fileBytes) {
      setErrors([
        { path: '$', message: t('packs.fileTooBig', [file.name, (file.size / 1024 / 1024).toFixed(1)]) },
      ]);
      return;
    }
    await preview({ kind: 'text', text: await file.text() });
  };

  const onSubscribe = async () => {
    const checked = checkSubscriptionUrl(url);
    if (!checked.ok) return setErrors([{ path: '$', message: checked.message }]);
    if (keyText.trim() && !key?.ok)
      return setErrors([{ path: '$', message: key && !key.ok ? key.message : t('packs.keyInvalid') }]);
    // Ask for this one origin only, from the click itself (the browser requires a user gesture).
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: [checked.originPattern] });
    } catch (e) {
      return setErrors([{ path: '$', message: t('packs.permissionError', [errorMessage(e)]) }]);
    }
    if (!granted) return setErrors([{ path: '$', message: t('packs.permissionDenied', [checked.origin]) }]);
    await preview({ kind: 'url', url: checked.url }, key?.ok ? key.jwk : undefined);
  };

  const readKey = async (text: string) => {
    setKeyText(text);
    setKey(text.trim() ? await readPublicKeyText(text) : null);
  };

  return (
    <div class="pk-card" data-testid="pack-add">
      <div class="pk-row">
        <h3 class="pk-card-title">{t('packs.addTitle')}</h3>
        <span class="pk-spacer" />
        <div class="pk-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'file'} onClick={() => setTab('file')}>
            {t('packs.tabFile')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'url'}
            data-testid="pack-tab-url"
            onClick={() => setTab('url')}
          >
            {t('packs.tabUrl')}
          </button>
        </div>
      </div>
      {tab === 'file' ? (
        <label class="pk-drop">
          <input
            type="file"
            accept=".json,application/json"
            data-testid="pack-import-input"
            disabled={reading || props.busy}
            onChange={(e) => void onFile(e.currentTarget)}
          />
          <span>
            <strong>{t('packs.chooseFile')}</strong> {t('packs.orDrop')}
          </span>
          <span class="pk-sub">{t('packs.fileHint')}</span>
        </label>
      ) : (
        <div style={{ display: 'grid', gap: '10px' }}>
          <label class="pk-field">
            {t('packs.urlLabel')}
            <input
              type="url"
              data-testid="pack-url"
              value={url}
              placeholder="https://example.com/team.kefu-pack.json"
              onInput={(e) => setUrl(e.currentTarget.value)}
            />
          </label>
          <label class="pk-field">
            {t('packs.keyLabel')}
            <textarea
              class="pk-mono"
              rows={2}
              data-testid="pack-url-key"
              value={keyText}
              placeholder='{"kty":"EC","crv":"P-256","x":"…","y":"…"}'
              onInput={(e) => void readKey(e.currentTarget.value)}
            />
          </label>
          {key && !key.ok && <div class="field-error">{key.message}</div>}
          {key?.ok && (
            <div class="pk-row">
              <span class="pk-sub">{t('packs.fingerprintOfPasted')}</span>
              <Fingerprint value={key.fingerprint} testId="pack-url-fingerprint" />
              {key.wasPrivate && <span class="field-error">{t('packs.keyWasPrivate')}</span>}
            </div>
          )}
          <div class="pk-row">
            <label class="pk-switch">
              <input
                type="checkbox"
                checked={autoApply}
                onChange={(e) => setAutoApply(e.currentTarget.checked)}
              />
              {t('packs.autoApply')}
            </label>
            <span class="pk-sub">{t('packs.autoApplyHint')}</span>
            <span class="pk-spacer" />
            <button
              type="button"
              class="primary"
              data-testid="pack-subscribe"
              disabled={reading || props.busy || !url.trim()}
              onClick={() => void onSubscribe()}
            >
              {reading ? t('packs.fetching') : t('packs.subscribe')}
            </button>
          </div>
        </div>
      )}
      <ErrorList errors={errors} testId="pack-add-errors" />
    </div>
  );
}

function Clashes(props: { clashes: ShortcutClash[]; onChanged: () => void }) {
  const [error, setError] = useState('');
  const choose = async (shortcut: string, ownerId: string) => {
    setError('');
    const r = await sendMessage('packs:resolve-clash', { shortcut, ownerId });
    if (!r.ok) setError(r.message);
    props.onChanged();
  };
  return (
    <div class="pk-card" data-testid="shortcut-clashes">
      <h3 class="pk-card-title">
        {t('packs.clashesTitle')} <span class="pk-badge warn">{props.clashes.length}</span>
      </h3>
      <span class="pk-sub">{t('packs.clashesLead')}</span>
      <div>
        {props.clashes.map((c) => (
          <div class="pk-clash" key={c.shortcut} data-testid="shortcut-clash">
            <div>
              <span class="pk-kbd">/{c.shortcut}</span>
            </div>
            <div>
              {c.claimants.map((cl) => (
                <div class="pk-claimant" key={cl.id}>
                  <span class={`pk-badge ${cl.packId ? 'info' : 'plain'}`}>
                    {cl.packId
                      ? t('packs.fromPack', [cl.packName ?? cl.packId])
                      : cl.source === 'starter'
                        ? t('packs.starter')
                        : t('packs.mine')}
                  </span>
                  <b>{cl.title}</b>
                  <span class="pk-sub">{cl.preview}</span>
                  <span class="pk-spacer" />
                  {cl.holds ? (
                    <span class="pk-badge ok">{t('packs.holdsShortcut')}</span>
                  ) : (
                    <button type="button" onClick={() => void choose(c.shortcut, cl.id)}>
                      {t('packs.giveShortcut')}
                    </button>
                  )}
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
      {error && <div class="field-error">{error}</div>}
    </div>
  );
}
