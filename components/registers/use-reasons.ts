import type { RegisterKind } from '../../lib/registers/schema';
import { reasonsSourceNote, sourceLabel } from '../team/source-label';
import { useTeamSettings } from '../team/use-team-settings';

/**
 * The reasons offered for a register kind: the team packs' return reasons first
 * (packs/team-settings.ts), the built-ins otherwise; with where each pack reason comes from.
 * Shared by the capture form on seller pages and the entry form in the options page.
 */
export function useRegisterReasons(kind: RegisterKind) {
  const { value, returnFrom } = useTeamSettings().registerReasons;
  const returns = kind !== 'inquiry' && kind !== 'unpaid';
  const reasons = kind === 'inquiry' ? value.inquiry : kind === 'unpaid' ? value.unpaid : value.return;
  const reasonFrom = (reason: string): string | undefined => {
    const from = returns ? returnFrom.find((x) => x.label === reason)?.from : undefined;
    return from && from.kind === 'pack' ? sourceLabel(from) : undefined;
  };
  const reasonsNote = returns ? reasonsSourceNote(returnFrom) : undefined;
  return { reasons, reasonFrom, reasonsNote };
}
