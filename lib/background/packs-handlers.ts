import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import type { Handlers } from '../messaging/router';
import type { packsProtocol } from '../messaging/packs-protocol';
import { parsePack, type PackError } from '../packs/parse';
import type { Pack, PackPhrase } from '../packs/schema';
import { fingerprint, publicJwkOf } from '../packs/sign';
import { decideUpdate } from '../packs/update';
import {
  liteSummary,
  storedPhraseId,
  summarizePack,
  type InstalledPackRecord,
  type PackPhraseView,
  type PackPreview,
  type PackSubscription,
} from '../packs/installed';
import { checkSubscriptionUrl, fetchPackFile } from '../packs/subscription';
import { derivePhrasePinyin } from '../phrases/pinyin';
import type { PhrasePinyin } from '../phrases/search-core';
import { openKefuDB, type KefuDB, type PhraseRecord } from '../store/db';
import {
  applyPack,
  dismissPendingUpdate,
  fillPackPinyin,
  forkPackPhrase,
  getHistoryPack,
  getPackRecord,
  listPackRecords,
  listShortcutClashes,
  pinPackKey,
  resolveShortcutClash,
  rollbackPack,
  setSubscription,
  uninstallPack,
  unpinPackKey,
  type ApplyResult,
} from '../store/packs-repo';
import { bumpPhrasesRevision } from '../store/revision';
import {
  checkSubscription,
  checkSubscriptions,
  createCheckQueue,
  PACK_ALARM,
  PACK_ALARM_INFO,
  type CheckResult,
} from './pack-updates';
import { readPackPhrases } from '../store/pack-phrase-store';

type DB = IDBPDatabase<KefuDB>;
type PackMessage = keyof typeof packsProtocol;
export type PackHandlers = Pick<Handlers, PackMessage>;

/** One queue for the whole service worker: manual and scheduled checks never overlap. */
const queue = createCheckQueue();

/**
 * What a preview showed, kept until the agent confirms (or 15 minutes). In memory on purpose:
 * a stopped service worker forgets it, and the page asks the agent to check again.
 */
interface PreviewEntry {
  pack: Pack;
  expectedRev: number | null;
  trust?: { publicJwk: JsonWebKey };
  subscription?: PackSubscription;
  allowDowngrade: boolean;
  expires: number;
  /**
   * Pinyin of the pack's phrases by stored id, derived in the background while the agent reads
   * the preview (see precomputePinyin). Whatever is ready at apply is written with the phrases;
   * fillPackPinyin does the rest after the import.
   */
  pinyin?: Map<string, PhrasePinyin>;
}
const previews = new Map<string, PreviewEntry>();
const PREVIEW_TTL_MS = 15 * 60 * 1000;
const PREVIEWS_MAX = 8;
/** Phrases derived per slice before yielding, so an arriving message waits a few ms at most. */
const PINYIN_SLICE = 100;

function keepPreview(entry: PreviewEntry): string {
  const now = Date.now();
  for (const [k, v] of previews) if (v.expires < now) previews.delete(k);
  while (previews.size >= PREVIEWS_MAX) previews.delete(previews.keys().next().value as string);
  const token = crypto.randomUUID();
  previews.set(token, entry);
  return token;
}

/**
 * Derives the previewed pack's pinyin in small slices between messages, until done or until the
 * preview is applied, replaced or expired. Off the critical path: the preview has already
 * answered, and apply takes what is ready instead of waiting.
 */
async function precomputePinyin(token: string): Promise<void> {
  const entry = previews.get(token);
  if (!entry) return;
  const map = (entry.pinyin = new Map<string, PhrasePinyin>());
  const { pack } = entry;
  for (let i = 0; i < pack.phrases.length; i += PINYIN_SLICE) {
    // A macrotask turn: the preview's reply goes out first, and any message waits one slice at most.
    await new Promise((r) => setTimeout(r, 0));
    if (previews.get(token) !== entry) return;
    for (const p of pack.phrases.slice(i, i + PINYIN_SLICE)) {
      map.set(storedPhraseId(pack.id, p.id), derivePhrasePinyin(p));
    }
  }
}

/** Pack changes come only from our own pages, never from a content script on a seller page. */
function assertExtensionPage(sender: { url?: string }): void {
  const own = browser.runtime.getURL('/');
  if (!sender.url?.startsWith(own)) throw new Error('短语包只能在扩展的设置页里管理');
}

/**
 * After the phrases changed: pickers refresh now, and again once the pinyin is filled in (not
 * needed when every phrase was written with its pinyin, e.g. derived during the preview).
 */
async function afterApply(db: DB, packId: string, pinyinPending = true): Promise<void> {
  await bumpPhrasesRevision();
  if (!pinyinPending) return;
  void fillPackPinyin(db, packId)
    .then((n) => (n > 0 ? bumpPhrasesRevision() : undefined))
    .catch((e) => console.warn('[kefu] pinyin fill failed', packId, e));
}

function applyReply(result: ApplyResult) {
  if (!result.ok) return { ok: false as const, reason: result.reason, errors: result.errors };
  return {
    ok: true as const,
    kind: result.kind,
    message: result.message,
    warnings: result.warnings,
    summary: summarizePack(result.record),
  };
}

async function buildPreview(
  db: DB,
  pack: Pack,
  parseWarnings: PackError[],
  extra: Omit<PreviewEntry, 'pack' | 'expectedRev' | 'expires'>,
): Promise<{ ok: true; preview: PackPreview } | { ok: false; errors: PackError[] }> {
  const installed = await getPackRecord(db, pack.id);
  const pinned = installed?.trust?.publicJwk ?? extra.trust?.publicJwk;
  let trustFingerprint: string | undefined;
  if (pinned) {
    try {
      trustFingerprint = await fingerprint(publicJwkOf(pinned));
    } catch {
      return { ok: false, errors: [{ path: '$', message: '发布者公钥无效：请粘贴组长导出的公钥（JWK）' }] };
    }
  }
  const decision = await decideUpdate({
    installed: installed?.pack,
    incoming: pack,
    ...(pinned ? { pinnedKey: pinned } : {}),
    allowDowngrade: extra.allowDowngrade,
  });
  if (decision.decision === 'refuse')
    return { ok: false, errors: [{ path: '$', message: decision.message }] };
  const token = keepPreview({
    ...extra,
    pack,
    expectedRev: installed?.rev ?? null,
    expires: Date.now() + PREVIEW_TTL_MS,
  });
  void precomputePinyin(token).catch((e) => console.warn('[kefu] pinyin precompute failed', e));
  return {
    ok: true,
    preview: {
      token,
      kind: decision.kind,
      message: decision.message,
      warnings: decision.warnings,
      parseWarnings: parseWarnings.map((w) => w.message),
      signature: decision.signature,
      ...(pack.signature ? { signedKeyId: pack.signature.keyId } : {}),
      ...(trustFingerprint ? { trustFingerprint } : {}),
      incoming: liteSummary(pack),
      ...(installed ? { installed: liteSummary(installed.pack) } : {}),
      ...(decision.diff ? { diff: decision.diff } : { sample: pack.phrases.slice(0, 6) }),
      ...((extra.subscription && !installed?.subscription) || (extra.trust && !installed?.trust)
        ? { saves: true }
        : {}),
    },
  };
}

/** A pack phrase as the pack says it, with whether it has its shortcut in the store right now. */
function phraseView(packId: string, p: PackPhrase, stored: PhraseRecord | undefined): PackPhraseView {
  return {
    storedId: storedPhraseId(packId, p.id),
    id: p.id,
    title: p.title,
    ...(p.shortcut ? { shortcut: p.shortcut } : {}),
    holdsShortcut: !!p.shortcut && stored?.shortcut === p.shortcut,
    ...(p.category ? { category: p.category } : {}),
    ...(p.tags ? { tags: p.tags } : {}),
    variants: p.variants,
    ...(p.platforms ? { platforms: p.platforms } : {}),
    usageCount: stored?.usageCount ?? 0,
  };
}

export function createPackHandlers(database: () => Promise<DB>): PackHandlers {
  return {
    async 'packs:list'() {
      const records = await listPackRecords(await database());
      records.sort((a, b) => a.installedAt - b.installedAt);
      return { packs: records.map(summarizePack) };
    },

    async 'packs:get'({ id }) {
      const db = await database();
      const record = await getPackRecord(db, id);
      if (!record) return null;
      const stored = new Map(
        (await readPackPhrases(db.transaction('packPhrases').store, id)).map((r) => [r.id, r]),
      );
      // In the pack's own order, which is how the lead arranged it.
      const phrases = record.pack.phrases.map((p) => phraseView(id, p, stored.get(storedPhraseId(id, p.id))));
      return { summary: summarizePack(record), phrases };
    },

    async 'packs:preview'({ source, trust, autoApply, allowDowngrade }, sender) {
      assertExtensionPage(sender);
      const db = await database();
      let input: string | Uint8Array;
      let subscription: PackSubscription | undefined;
      if (source.kind === 'url') {
        const checked = checkSubscriptionUrl(source.url);
        if (!checked.ok) return { ok: false, errors: [{ path: '$', message: checked.message }] };
        const fetched = await fetchPackFile(checked.url);
        if (fetched.status !== 'ok') {
          const message = fetched.status === 'error' ? fetched.message : '服务器没有返回文件内容';
          return { ok: false, errors: [{ path: '$', message }] };
        }
        input = fetched.bytes;
        subscription = {
          url: checked.url,
          autoApply: !!autoApply,
          ...(fetched.etag ? { etag: fetched.etag } : {}),
          ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
          lastCheckedAt: Date.now(),
          lastStatus: 'updated',
        };
      } else {
        input = source.text;
      }
      const parsed = parsePack(input);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      if (subscription) subscription.lastMessage = `已订阅，第 ${parsed.pack.version} 版`;
      return buildPreview(db, parsed.pack, parsed.warnings, {
        ...(trust ? { trust } : {}),
        ...(subscription ? { subscription } : {}),
        allowDowngrade: !!allowDowngrade,
      });
    },

    async 'packs:review'({ id }, sender) {
      assertExtensionPage(sender);
      const db = await database();
      const record = await getPackRecord(db, id);
      const pending = record?.pendingInfo ? await getHistoryPack(db, id, 'pending') : undefined;
      if (!record || !pending) return { ok: false, errors: [{ path: '$', message: '没有等待确认的更新' }] };
      return buildPreview(db, pending, [], {
        ...(record.subscription ? { subscription: record.subscription } : {}),
        allowDowngrade: false,
      });
    },

    async 'packs:apply'({ token }, sender) {
      assertExtensionPage(sender);
      const entry = previews.get(token);
      if (!entry || entry.expires < Date.now()) {
        previews.delete(token);
        return {
          ok: false,
          reason: 'expired',
          errors: [{ path: '$', message: '这次预览已过期，请重新选择文件或重新检查更新' }],
        };
      }
      previews.delete(token);
      const db = await database();
      const result = await queue(() =>
        applyPack(db, entry.pack, {
          expectedRev: entry.expectedRev,
          allowDowngrade: entry.allowDowngrade,
          ...(entry.trust ? { trust: entry.trust } : {}),
          ...(entry.pinyin ? { pinyin: entry.pinyin } : {}),
          ...(entry.subscription
            ? {
                subscription: {
                  ...entry.subscription,
                  lastStatus: 'updated' as const,
                  lastMessage: `已更新到第 ${entry.pack.version} 版`,
                },
              }
            : {}),
        }),
      );
      if (result.ok && result.phrasesChanged)
        await afterApply(db, entry.pack.id, !!result.record.pinyinPending);
      return applyReply(result);
    },

    async 'packs:dismiss'({ id }, sender) {
      assertExtensionPage(sender);
      return { ok: !!(await dismissPendingUpdate(await database(), id)) };
    },

    async 'packs:check'({ id, force }, sender) {
      assertExtensionPage(sender);
      const db = await database();
      const options = { force: force ?? true, onApplied: (packId: string) => afterApply(db, packId) };
      const results: CheckResult[] = await queue(async () =>
        id ? [await checkSubscription(db, id, options)] : checkSubscriptions(db, options),
      );
      return { results: results.map(({ id: rid, status, message }) => ({ id: rid, status, message })) };
    },

    async 'packs:rollback'({ id }, sender) {
      assertExtensionPage(sender);
      const db = await database();
      const result = await queue(() => rollbackPack(db, id));
      if (result.ok && result.phrasesChanged) await afterApply(db, id);
      return applyReply(result);
    },

    async 'packs:uninstall'({ id }, sender) {
      assertExtensionPage(sender);
      const result = await queue(async () => uninstallPack(await database(), id));
      if (result.ok) await bumpPhrasesRevision();
      return result;
    },

    async 'packs:trust'({ id, publicJwk }, sender) {
      assertExtensionPage(sender);
      const db = await database();
      if (publicJwk === null) {
        const record = await unpinPackKey(db, id);
        return record
          ? { ok: true, summary: summarizePack(record) }
          : { ok: false, message: '没有安装这个短语包' };
      }
      const result = await pinPackKey(db, id, publicJwk);
      return result.ok ? { ok: true, summary: summarizePack(result.record) } : result;
    },

    async 'packs:subscription'({ id, autoApply, unsubscribe }, sender) {
      assertExtensionPage(sender);
      const db = await database();
      const record = unsubscribe
        ? await setSubscription(db, id, null)
        : await setSubscription(db, id, autoApply === undefined ? {} : { autoApply });
      return { ok: !!record };
    },

    async 'packs:fork'({ id, takeShortcut }, sender) {
      assertExtensionPage(sender);
      const result = await forkPackPhrase(await database(), id, {
        ...(takeShortcut !== undefined ? { takeShortcut } : {}),
      });
      if (result.ok) await bumpPhrasesRevision();
      return result;
    },

    async 'packs:clashes'() {
      const { clashes, changed } = await listShortcutClashes(await database());
      if (changed) await bumpPhrasesRevision();
      return { clashes };
    },

    async 'packs:resolve-clash'({ shortcut, ownerId }, sender) {
      assertExtensionPage(sender);
      const result = await resolveShortcutClash(await database(), shortcut, ownerId);
      if (result.ok) await bumpPhrasesRevision();
      return result;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Scheduled checks (wired from entrypoints/background.ts)

let scheduledDb: Promise<DB> | undefined;
const scheduledDatabase = () => (scheduledDb ??= openKefuDB());

/** A small icon drawn once: notifications need one and the extension ships no image files. */
async function notificationIcon(): Promise<string> {
  try {
    const canvas = new OffscreenCanvas(64, 64);
    const ctx = canvas.getContext('2d');
    if (!ctx) return '';
    ctx.fillStyle = '#1664ff';
    ctx.beginPath();
    ctx.roundRect(0, 0, 64, 64, 14);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 40px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('客', 32, 35);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return `data:image/png;base64,${btoa(bin)}`;
  } catch {
    return '';
  }
}

async function notify(record: InstalledPackRecord | undefined, result: CheckResult): Promise<void> {
  if (!record || !['pending', 'refused', 'updated'].includes(result.status)) return;
  try {
    const iconUrl = await notificationIcon();
    const title =
      result.status === 'pending'
        ? `短语包「${record.pack.name}」有新版本`
        : result.status === 'refused'
          ? `短语包「${record.pack.name}」的更新被拒绝`
          : `短语包「${record.pack.name}」已更新`;
    await browser.notifications.create(`packs:${record.id}:${Date.now()}`, {
      type: 'basic',
      iconUrl,
      title,
      message: result.message.slice(0, 200),
    });
  } catch (e) {
    console.warn('[kefu] notification failed', e);
  }
}

export async function runScheduledPackCheck(): Promise<CheckResult[]> {
  const db = await scheduledDatabase();
  // Resume pinyin that a stopped service worker left unfinished.
  for (const r of await listPackRecords(db)) {
    if (r.pinyinPending)
      await fillPackPinyin(db, r.id).then((n) => (n > 0 ? bumpPhrasesRevision() : undefined));
  }
  const results = await queue(() =>
    checkSubscriptions(db, { onApplied: (packId) => afterApply(db, packId) }),
  );
  for (const result of results) await notify(await getPackRecord(db, result.id), result);
  return results;
}

/** Checks on browser start, then on an alarm; a notification opens the packs section. */
export function startPackUpdates(): void {
  const run = () => void runScheduledPackCheck().catch((e) => console.warn('[kefu] pack check failed', e));
  browser.runtime.onStartup.addListener(run);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PACK_ALARM) run();
  });
  // create() replaces an alarm of the same name: make it only when missing, or every service
  // worker restart would push the next check an hour away.
  void browser.alarms.get(PACK_ALARM).then((existing) => {
    if (!existing) return browser.alarms.create(PACK_ALARM, PACK_ALARM_INFO);
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith('packs:')) return;
    void browser.tabs.create({ url: browser.runtime.getURL('/options.html#packs') });
    void browser.notifications.clear(id);
  });
}
