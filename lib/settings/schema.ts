import { z } from 'zod';
import { shopPolicySchema } from '../returns/policy';

/** Feature ids an agent can switch off per site (must match lib/features file names). */
export const SWITCHABLE_SITES = ['taobao', 'jd', 'pdd', 'douyin', 'generic'] as const;

/**
 * Settings every feature shares. Versioned: bump SETTINGS_VERSION and add a migration in
 * settings/store.ts when a field changes meaning. Invalid stored data falls back field by field.
 */
export const settingsSchema = z.object({
  /** Shown in remarks and as {客服}. */
  agentName: z.string().trim().max(20).default(''),
  shopName: z.string().trim().max(40).default(''),
  /** Characters that open the phrase picker (`/` and the Chinese IME's `、` for the same key). */
  triggers: z.array(z.string().length(1)).min(1).max(4).default(['/', '、']),
  /** A buyer message unanswered longer than this turns the timer red. */
  responseTargetSeconds: z.number().int().min(5).max(600).default(20),
  /** Register entries older than this are purged (days). */
  retentionDays: z.number().int().min(1).max(3650).default(90),
  /** Per site, features the agent turned off. */
  disabledFeatures: z.record(z.string(), z.array(z.string())).default({}),
  /** Show the small status chip on seller pages. */
  showStatusChip: z.boolean().default(true),
  /** The shop's own return promises (the return check reads it; edited by the options page). */
  shopPolicy: shopPolicySchema.optional(),
});

export type Settings = z.infer<typeof settingsSchema>;
export const SETTINGS_VERSION = 1;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Parses stored settings; any invalid field falls back to its default, the rest is kept. */
export function parseSettings(raw: unknown): Settings {
  const whole = settingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    const parsed = (field as z.ZodType).safeParse(source[key]);
    result[key] = parsed.success ? parsed.data : DEFAULT_SETTINGS[key as keyof Settings];
  }
  return result as Settings;
}
