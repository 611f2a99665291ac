import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTeamHandlers, withPacksRevision } from '../../../lib/background/team-handlers';
import type { PackHandlers } from '../../../lib/background/packs-handlers';
import { teamSettingsSchema } from '../../../lib/packs/team-settings';
import { DEFAULT_FLAG_LEGEND } from '../../../lib/remarks';
import { installPack, uninstallPack } from '../../../lib/store/packs-repo';
import { bumpPacksRevision, getPacksRevision } from '../../../lib/store/revision';
import { freshDb, teamPack } from './packs-helpers';

beforeEach(() => fakeBrowser.reset());

const legend = () => {
  const flags = structuredClone(DEFAULT_FLAG_LEGEND.flags);
  flags.return = { ...flags.return, colour: 'blue' };
  flags.exchange = { ...flags.exchange, colour: 'purple' };
  return { flags };
};
const sender = {};

describe('team:settings in the background', () => {
  it('answers from the installed packs, and re-reads them only after a pack revision', async () => {
    const db = await freshDb();
    const handler = createTeamHandlers(async () => db)['team:settings'];
    const before = await handler({}, sender);
    expect(before.legend.from).toEqual({ kind: 'default' });

    const r = await installPack(db, { ...teamPack(1), flagLegend: legend(), returnPolicy: { graceDays: 2 } });
    expect(r.ok).toBe(true);
    // Same revisions: the kept reading (every real pack write bumps one, see withPacksRevision).
    expect((await handler({}, sender)).legend.from).toEqual({ kind: 'default' });

    await bumpPacksRevision();
    const after = await handler({}, sender);
    expect(after.legend.value.flags.return.colour).toBe('blue');
    expect(after.legend.from).toEqual({
      kind: 'pack',
      packId: 'team-after-sales',
      name: '售后组话术',
      version: 1,
    });
    expect(after.shopPolicy.value).toEqual({ graceDays: 2 });
    expect(teamSettingsSchema.safeParse(after).success).toBe(true);

    await uninstallPack(db, 'team-after-sales');
    await bumpPacksRevision();
    expect((await handler({}, sender)).legend.from).toEqual({ kind: 'default' });
  });

  it("this computer's shop policy is used when no pack has one", async () => {
    const db = await freshDb();
    await fakeBrowser.storage.local.set({ settings: { shopPolicy: { returnShippingFree: true } } });
    const s = await createTeamHandlers(async () => db)['team:settings']({}, sender);
    expect(s.shopPolicy).toEqual({ value: { returnShippingFree: true }, from: { kind: 'local' } });
  });
});

describe('withPacksRevision', () => {
  it('bumps the packs revision after a successful apply, rollback or uninstall, not after a failure', async () => {
    let ok = true;
    const reply = async () => ({ ok }) as never;
    const wrapped = withPacksRevision({
      'packs:apply': reply,
      'packs:rollback': reply,
      'packs:uninstall': reply,
      'packs:list': async () => ({ packs: [] }),
    } as unknown as PackHandlers);
    expect(await getPacksRevision()).toBe(0);
    await wrapped['packs:apply']({ token: 't' }, sender);
    await wrapped['packs:rollback']({ id: 'x' }, sender);
    await wrapped['packs:uninstall']({ id: 'x' }, sender);
    expect(await getPacksRevision()).toBe(3);
    ok = false;
    await wrapped['packs:apply']({ token: 't' }, sender);
    expect(await getPacksRevision()).toBe(3);
    // Other handlers pass through untouched.
    expect(await wrapped['packs:list']({}, sender)).toEqual({ packs: [] });
    expect(await getPacksRevision()).toBe(3);
  });
});
