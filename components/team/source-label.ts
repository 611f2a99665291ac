import { i18n } from '#i18n';
import type { SettingSource } from '../../lib/packs/team-settings';

/** 来自团队包「售后话术」v3 / 来自本机设置 / 内置默认 — pack names are shown as text only. */
export function sourceLabel(from: SettingSource): string {
  if (from.kind === 'pack') return i18n.t('team.fromPack', [from.name, String(from.version)]);
  return from.kind === 'local' ? i18n.t('team.fromLocal') : i18n.t('team.fromDefault');
}

/** One line naming the packs whose return reasons are offered, or undefined when none are. */
export function reasonsSourceNote(
  returnFrom: readonly { label: string; from: SettingSource }[],
): string | undefined {
  const packs = new Map<string, SettingSource>();
  for (const { from } of returnFrom) if (from.kind === 'pack') packs.set(from.packId, from);
  if (!packs.size) return undefined;
  return i18n.t('team.reasonsFrom', [[...packs.values()].map(sourceLabel).join('、')]);
}
