import { browser } from 'wxt/browser';
import type { PhraseInput } from '../phrases/model';
import type { Handlers } from '../messaging/router';
import { DB_VERSION, openKefuDB } from '../store/db';
import {
  importPhrases,
  listPhrases,
  purgePhrases,
  recordPhraseUse,
  restorePhrases,
  savePhrase,
  trashPhrases,
} from '../store/phrases-repo';
import { bumpPacksRevision, bumpPhrasesRevision, getPhrasesRevision } from '../store/revision';
import { createPackHandlers } from './packs-handlers';
import { createRegisterHandlers } from './registers-handlers';
import { createTeamHandlers, withPacksRevision } from './team-handlers';
import { listPhrasePage } from '../store/phrase-pages';
import { currentCounts, exportBackup, restoreBackup } from '../store/backup';
import { parseBackup } from '../store/backup-format';
import { getSettings, replaceSettings } from '../settings/store';

/** The background's answers to every message; the database is opened once, lazily. */
export function createHandlers(): Handlers {
  let db: ReturnType<typeof openKefuDB> | undefined;
  const database = () => (db ??= openKefuDB());
  /** Runs a phrase write and tells every page's index to refresh when something changed. */
  const write = async <T>(run: () => Promise<T>, changed: (result: T) => boolean): Promise<T> => {
    const result = await run();
    if (changed(result)) await bumpPhrasesRevision();
    return result;
  };
  const counted = (changed: number) => ({ changed });

  return {
    async ping() {
      await database();
      return { version: browser.runtime.getManifest().version, dbVersion: DB_VERSION };
    },
    async 'phrases:list'({ trash, after, limit }) {
      if (limit !== undefined) {
        const [page, revision] = await Promise.all([
          listPhrasePage(await database(), { trash, after, limit }),
          getPhrasesRevision(),
        ]);
        return { ...page, revision };
      }
      const [phrases, revision] = await Promise.all([
        listPhrases(await database(), { trash }),
        getPhrasesRevision(),
      ]);
      return { phrases, revision };
    },
    async 'phrases:save'({ phrase }) {
      const db = await database();
      return write(
        () => savePhrase(db, phrase as PhraseInput),
        (r) => r.ok,
      );
    },
    async 'phrases:trash'({ ids }) {
      const db = await database();
      return counted(
        await write(
          () => trashPhrases(db, ids),
          (n) => n > 0,
        ),
      );
    },
    async 'phrases:restore'({ ids }) {
      const db = await database();
      return counted(
        await write(
          () => restorePhrases(db, ids),
          (n) => n > 0,
        ),
      );
    },
    async 'phrases:purge'({ ids }) {
      const db = await database();
      return counted(
        await write(
          () => purgePhrases(db, ids),
          (n) => n > 0,
        ),
      );
    },
    async 'phrases:used'({ id }) {
      // Usage reorders search results but needs no immediate refresh of every page.
      return counted(await recordPhraseUse(await database(), id));
    },
    async 'phrases:import'({ phrases }) {
      const db = await database();
      return write(
        () => importPhrases(db, phrases as PhraseInput[]),
        (r) => r.ok,
      );
    },
    async 'backup:export'() {
      const db = await database();
      const backup = await exportBackup(db, await getSettings(), browser.runtime.getManifest().version);
      return { backup: backup as unknown as Record<string, unknown>, counts: await currentCounts(db) };
    },
    async 'backup:restore'({ backup, dryRun }) {
      const db = await database();
      const current = await currentCounts(db);
      if (dryRun) {
        const parsed = parseBackup(backup);
        if (!parsed.ok) return parsed;
        const { counts: incoming, migratedFrom } = parsed;
        return { ok: true, applied: false, incoming, current, ...(migratedFrom ? { migratedFrom } : {}) };
      }
      const result = await restoreBackup(db, backup, { get: getSettings, set: replaceSettings });
      if (!result.ok) return result;
      await bumpPhrasesRevision();
      await bumpPacksRevision();
      const { counts: incoming, migratedFrom } = result;
      return { ok: true, applied: true, incoming, current, ...(migratedFrom ? { migratedFrom } : {}) };
    },
    ...withPacksRevision(createPackHandlers(database)),
    ...createRegisterHandlers(database),
    ...createTeamHandlers(database),
  };
}
