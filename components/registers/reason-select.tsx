import type { RegisterKind } from '../../lib/registers/schema';
import { reasonsSourceNote, sourceLabel } from '../team/source-label';
import { useTeamSettings } from '../team/use-team-settings';

/**
 * The reason picker of a register form: the team packs' return reasons first
 * (packs/team-settings.ts), the built-ins otherwise, each pack reason titled with its pack.
 * Shared by the capture form on seller pages and the entry form in the options page.
 */
export function ReasonSelect({ kind, testId }: { kind: RegisterKind; testId?: string }) {
  const { value, returnFrom } = useTeamSettings().registerReasons;
  const returns = kind !== 'inquiry' && kind !== 'unpaid';
  const reasons = kind === 'inquiry' ? value.inquiry : kind === 'unpaid' ? value.unpaid : value.return;
  const reasonFrom = (reason: string): string | undefined => {
    const from = returns ? returnFrom.find((x) => x.label === reason)?.from : undefined;
    return from && from.kind === 'pack' ? sourceLabel(from) : undefined;
  };
  const note = returns ? reasonsSourceNote(returnFrom) : undefined;
  return (
    <>
      <select name="reason" data-testid={testId}>
        <option value="" />
        {reasons.map((r) => (
          <option key={r} value={r} title={reasonFrom(r)}>
            {r}
          </option>
        ))}
      </select>
      {note && <small class="reason-source">{note}</small>}
    </>
  );
}
