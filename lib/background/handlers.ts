import { browser } from 'wxt/browser';
import type { Handlers } from '../messaging/router';
import { DB_VERSION, openKefuDB } from '../store/db';

/** The background's answers to every message; the database is opened once, lazily. */
export function createHandlers(): Handlers {
  let db: ReturnType<typeof openKefuDB> | undefined;
  const database = () => (db ??= openKefuDB());
  return {
    async ping() {
      await database();
      return { version: browser.runtime.getManifest().version, dbVersion: DB_VERSION };
    },
  };
}
