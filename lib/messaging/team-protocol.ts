import { z } from 'zod';
import { teamSettingsSchema } from '../packs/team-settings';

/**
 * The `team:*` message (spread into protocol.ts): the agent's effective team settings from the
 * installed packs (packs/team-settings.ts). Asked by content scripts on seller pages, so the
 * response is checked with the pack format's own schemas.
 */
export const teamProtocol = {
  'team:settings': {
    request: z.object({}),
    response: teamSettingsSchema,
  },
} as const;
