import type { IDBPDatabase } from 'idb';
import type { Handlers } from '../messaging/router';
import { computeTeamSettings, type LocalTeamValues, type TeamPackRecord } from '../packs/team-settings';
import type { KefuDB } from '../store/db';
import { listPackRecords } from '../store/packs-repo';
import { bumpPacksRevision, getPacksRevision, getPhrasesRevision } from '../store/revision';
import { getSettings } from '../settings/store';
import type { PackHandlers } from './packs-handlers';

type DB = IDBPDatabase<KefuDB>;

/** The parts of a stored pack the team settings read: no phrases (a pack may hold 20k). */
const TEAM_FIELDS = [
  'name',
  'version',
  'flagLegend',
  'remarkTemplates',
  'returnPolicy',
  'wordingRules',
  'wordingRulesMode',
  'registerReasons',
] as const satisfies readonly (keyof TeamPackRecord['pack'])[];

function slim(record: TeamPackRecord): TeamPackRecord {
  const pack: TeamPackRecord['pack'] = {};
  for (const field of TEAM_FIELDS) pack[field] = record.pack[field];
  return { id: record.id, installedAt: record.installedAt, pack };
}

/**
 * `team:settings`. Reading the packs means loading their phrases too, so the slimmed records are
 * kept until a pack or phrase revision changes (every pack write bumps one of them; auto-updates
 * from the hourly check bump the phrases revision). Many tabs asking at once share one read.
 */
export function createTeamHandlers(database: () => Promise<DB>): Pick<Handlers, 'team:settings'> {
  let memo: { key: string; records: Promise<TeamPackRecord[]> } | undefined;
  return {
    async 'team:settings'() {
      const key = `${await getPacksRevision()}:${await getPhrasesRevision()}`;
      if (memo?.key !== key) {
        const records = database()
          .then(listPackRecords)
          .then((list) => list.map(slim));
        memo = { key, records };
        records.catch(() => {
          if (memo?.records === records) memo = undefined;
        });
      }
      const settings = (await getSettings()) as Record<string, unknown>;
      // A legend or template list on this computer (publish-section.tsx reads the same fields).
      const local: LocalTeamValues = {
        shopPolicy: settings.shopPolicy,
        flagLegend: settings.flagLegend,
        remarkTemplates: settings.remarkTemplates,
      };
      return computeTeamSettings(await memo.records, local);
    },
  };
}

/**
 * Pack handlers that bump the packs revision after a successful change, so pages refresh their
 * team settings even when only a legend or policy changed (no phrase did). Wraps instead of
 * editing packs-handlers.ts, which owns the import path.
 */
export function withPacksRevision(handlers: PackHandlers): PackHandlers {
  const bumping = <K extends 'packs:apply' | 'packs:rollback' | 'packs:uninstall'>(
    type: K,
  ): PackHandlers[K] =>
    (async (data: never, sender: never) => {
      const result = await (handlers[type] as (d: unknown, s: unknown) => Promise<{ ok: boolean }>)(
        data,
        sender,
      );
      if (result.ok) await bumpPacksRevision();
      return result;
    }) as unknown as PackHandlers[K];
  return {
    ...handlers,
    'packs:apply': bumping('packs:apply'),
    'packs:rollback': bumping('packs:rollback'),
    'packs:uninstall': bumping('packs:uninstall'),
  };
}
