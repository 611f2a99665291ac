import { describe, expect, it } from 'vitest';
import { parsePack, type Pack } from '../../../lib/packs';
import { diffPacks } from '../../../lib/packs/diff';
import { exportKeyJwk, generateTeamKey, signPack } from '../../../lib/packs/sign';
import { decideUpdate, decideUpdateWith } from '../../../lib/packs/update';
import { makePack, samplePack } from './fixtures';

function parsed(input: unknown): Pack {
  const r = parsePack(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

const base = () => parsed(samplePack());

describe('diffPacks', () => {
  it('identical packs: no changes', () => {
    const d = diffPacks(base(), base());
    expect(d.hasChanges).toBe(false);
    expect(d.phrases).toMatchObject({ added: [], changed: [], removed: [], unchanged: 4 });
  });

  it('added / changed (with fields) / removed phrases by id', () => {
    const old = base();
    const next: Pack = {
      ...old,
      version: old.version + 1,
      phrases: [
        { ...(old.phrases[0] as Pack['phrases'][number]), title: '催发货（新）', variants: ['新的话术'] },
        { ...(old.phrases[1] as Pack['phrases'][number]), platforms: ['jd', 'tmall', 'taobao'] }, // reordered: same set
        old.phrases[3] as Pack['phrases'][number],
        { id: 'new-one', title: '新短语', variants: ['你好'] },
      ],
    };
    const d = diffPacks(old, next);
    expect(d.phrases.added.map((p) => p.id)).toEqual(['new-one']);
    expect(d.phrases.removed.map((p) => p.id)).toEqual(['size-advice']);
    expect(d.phrases.changed).toEqual([
      expect.objectContaining({ id: 'ship-urge', fields: ['title', 'variants'] }),
    ]);
    expect(d.phrases.unchanged).toBe(2);
    expect(d.meta).toEqual([]); // version bump is bookkeeping
    expect(d.hasChanges).toBe(true);
  });

  it('absent and empty optional fields are the same', () => {
    const old = base();
    const next = {
      ...old,
      phrases: old.phrases.map((p) => ({ ...p, tags: p.tags ?? [], platforms: p.platforms ?? [] })),
    };
    expect(diffPacks(old, next).phrases.changed).toEqual([]);
  });

  it('legend, templates, policy, reasons and meta changes', () => {
    const old = base();
    const legend = structuredClone(old.flagLegend) as NonNullable<Pack['flagLegend']>;
    legend.flags.problem.label.zh = '缺货';
    const next: Pack = {
      ...old,
      name: '新名字',
      flagLegend: legend,
      remarkTemplates: [
        { ...(old.remarkTemplates?.[0] as NonNullable<Pack['remarkTemplates']>[number]), title: '送小礼物' },
        { id: 'exchange', title: '换货', fields: [], body: '换货' },
      ],
      returnPolicy: { ...old.returnPolicy, graceDays: 3, allergyReturnDays: undefined },
      registerReasons: ['质量问题', '发错货'],
    };
    const d = diffPacks(old, next);
    expect(d.meta).toEqual([{ field: 'name', before: old.name, after: '新名字' }]);
    expect(d.flagLegend).toEqual({ status: 'changed', changedFlags: ['problem'] });
    expect(d.remarkTemplates).toMatchObject({
      status: 'changed',
      added: ['exchange'],
      changed: ['gift'],
      removed: [],
    });
    expect(d.returnPolicy).toEqual({ status: 'changed', changedKeys: ['allergyReturnDays', 'graceDays'] });
    expect(d.registerReasons.added).toEqual(['发错货']);
    expect(d.registerReasons.removed).toEqual(['尺码不合适', '与描述不符', '不想要了', '物流太慢']);
  });

  it('sections appearing or disappearing', () => {
    const old = base();
    const { flagLegend: _l, returnPolicy: _p, ...rest } = old;
    const d = diffPacks(rest as Pack, old);
    expect(d.flagLegend.status).toBe('added');
    expect(d.returnPolicy.status).toBe('added');
    expect(diffPacks(old, rest as Pack).flagLegend.status).toBe('removed');
  });

  it('handles two 10k-phrase packs quickly (correctness here; timing in the bench)', () => {
    const a = parsed(makePack(10_000, 1));
    const b = parsed({ ...makePack(10_000, 2), version: 2 });
    const d = diffPacks(a, b);
    expect(d.phrases.added.length + d.phrases.changed.length + d.phrases.unchanged).toBe(10_000);
    expect(d.phrases.changed.length).toBeGreaterThan(9_000);
  });
});

describe('decideUpdate', () => {
  const v = (version: number, change?: (p: Pack) => Pack): Pack => {
    const p = { ...base(), version };
    return change ? change(p) : p;
  };

  it('installs when nothing is installed', async () => {
    const d = await decideUpdate({ incoming: v(1) });
    expect(d).toMatchObject({ decision: 'accept', kind: 'install', signature: 'unsigned' });
  });

  it('accepts a newer version, with a diff and a Chinese summary', async () => {
    const d = await decideUpdate({
      installed: v(3),
      incoming: v(4, (p) => ({ ...p, phrases: p.phrases.slice(1) })),
    });
    expect(d).toMatchObject({ decision: 'accept', kind: 'upgrade' });
    if (d.decision === 'accept') {
      expect(d.diff?.phrases.removed).toHaveLength(1);
      expect(d.message).toContain('删除 1 条');
    }
  });

  it('refuses a downgrade unless allowed', async () => {
    const refused = await decideUpdate({ installed: v(5), incoming: v(4) });
    expect(refused).toMatchObject({ decision: 'refuse', reason: 'downgrade' });
    if (refused.decision === 'refuse') expect(refused.message).toContain('第 4 版');
    expect(await decideUpdate({ installed: v(5), incoming: v(4), allowDowngrade: true })).toMatchObject({
      decision: 'accept',
      kind: 'downgrade',
    });
  });

  it('same version: unchanged if same content, refused if different', async () => {
    expect(await decideUpdate({ installed: v(3), incoming: v(3) })).toMatchObject({
      decision: 'accept',
      kind: 'unchanged',
    });
    const sneaky = v(3, (p) => ({ ...p, phrases: [...p.phrases, { id: 'x', title: 'x', variants: ['x'] }] }));
    expect(await decideUpdate({ installed: v(3), incoming: sneaky })).toMatchObject({
      decision: 'refuse',
      reason: 'same-version-different-content',
    });
  });

  it('refuses a different pack id', async () => {
    const other = v(9, (p) => ({ ...p, id: 'someone-else' }));
    const d = await decideUpdate({ installed: v(3), incoming: other });
    expect(d).toMatchObject({ decision: 'refuse', reason: 'different-pack' });
    if (d.decision === 'refuse') expect(d.message).toContain('someone-else');
  });

  it('with a pinned key: signature required and checked', async () => {
    const lead = await generateTeamKey();
    const stranger = await generateTeamKey();
    const pinnedKey = await exportKeyJwk(lead.publicKey);

    const good = await signPack(v(4), lead);
    expect(await decideUpdate({ installed: v(3), incoming: good, pinnedKey })).toMatchObject({
      decision: 'accept',
      kind: 'upgrade',
      signature: 'verified',
    });
    expect(await decideUpdate({ installed: v(3), incoming: v(4), pinnedKey })).toMatchObject({
      decision: 'refuse',
      reason: 'unsigned',
    });
    const tampered = { ...good, phrases: good.phrases.slice(1) };
    expect(await decideUpdate({ installed: v(3), incoming: tampered, pinnedKey })).toMatchObject({
      decision: 'refuse',
      reason: 'bad-signature',
    });
    const foreign = await signPack(v(4), stranger);
    expect(await decideUpdate({ installed: v(3), incoming: foreign, pinnedKey })).toMatchObject({
      decision: 'refuse',
      reason: 'wrong-key',
    });
    // Trust first: a signed downgrade from the wrong key is refused for the key, not the version.
    const foreignOld = await signPack(v(1), stranger);
    expect(await decideUpdate({ installed: v(3), incoming: foreignOld, pinnedKey })).toMatchObject({
      reason: 'wrong-key',
    });
  });

  it('signed but no key pinned: accepted as unverified, with a warning', async () => {
    const lead = await generateTeamKey();
    const d = await decideUpdate({ installed: v(3), incoming: await signPack(v(4), lead) });
    expect(d).toMatchObject({ decision: 'accept', signature: 'unverified' });
    if (d.decision === 'accept') expect(d.warnings[0]).toContain('公钥');
  });

  it('a re-signed identical version counts as unchanged', async () => {
    const lead = await generateTeamKey();
    const a = await signPack(v(3), lead);
    const b = await signPack(v(3), lead); // ECDSA signatures differ each time
    expect(a.signature?.value).not.toBe(b.signature?.value);
    expect(decideUpdateWith({ installed: a, incoming: b })).toMatchObject({
      decision: 'accept',
      kind: 'unchanged',
    });
  });

  it('every refusal has a Chinese message', async () => {
    const cases = [
      decideUpdateWith({ installed: v(5), incoming: v(4) }),
      decideUpdateWith({ installed: v(3), incoming: v(3, (p) => ({ ...p, name: '改名' })) }),
      decideUpdateWith({ installed: v(3), incoming: v(4, (p) => ({ ...p, id: 'x' })) }),
    ];
    for (const d of cases) {
      expect(d.decision).toBe('refuse');
      expect(d.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
