import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../../../lib/messaging/client';
import type { PhraseRecord } from '../../../lib/store/db';
import { watchPhrasesRevision } from '../../../lib/store/revision';

export interface PhraseData {
  active: PhraseRecord[];
  trash: PhraseRecord[];
  revision: number;
}

/**
 * The phrases as the background has them, active and in the trash, reloaded whenever the
 * revision moves (a save here, an import, a pack update, a restore).
 */
export function usePhrases() {
  const [data, setData] = useState<PhraseData>();
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    try {
      const [active, trash] = await Promise.all([
        sendMessage('phrases:list', {}),
        sendMessage('phrases:list', { trash: true }),
      ]);
      setData({
        active: active.phrases as PhraseRecord[],
        trash: trash.phrases as PhraseRecord[],
        revision: active.revision,
      });
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void reload();
    return watchPhrasesRevision(() => void reload());
  }, [reload]);
  return { data, error, reload };
}
