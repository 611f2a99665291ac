import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messaging/client';
import type { Followup, RegisterEntry } from '../../lib/registers/schema';

/** Entries and follow-ups from the background, reloaded after every change this page makes. */
export function useRegisters() {
  const [entries, setEntries] = useState<RegisterEntry[]>();
  const [followups, setFollowups] = useState<Followup[]>([]);
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    try {
      const [e, f] = await Promise.all([
        sendMessage('registers:list', {}),
        sendMessage('followups:list', {}),
      ]);
      setEntries(e.entries);
      setFollowups(f.followups);
      setError(undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, []);
  useEffect(() => void reload(), [reload]);
  return { entries, followups, error, reload };
}

/** Saves a file the agent asked for (an extension page: a plain download link). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
