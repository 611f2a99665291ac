import { parseTemplate, renderTemplate } from '../phrases/template';
import type { Settings } from '../settings/schema';

/**
 * The popup's "fill in the variables" step: which variables a phrase uses, what we already know
 * for each (the page, the settings, today) and what the agent must still type. Rendering goes
 * through template.ts, so a copied or inserted text never contains a literal `{买家}`: a blank
 * variable with a default (`{买家|亲}`) becomes the default, one without is asked for.
 */
export interface FillField {
  name: string;
  /** Prefilled value ('' when nothing is known). */
  value: string;
  /** The template's default (`{买家|亲}` → 亲), used when the value is left blank. */
  fallback?: string;
  /** Where the prefilled value came from. */
  from: 'page' | 'settings' | 'today' | 'none';
}

/** Today in Asia/Shanghai as the chat says it: 8月20日. */
export function todayZh(now = Date.now()): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
  })
    .formatToParts(new Date(now))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.month}月${parts.day}日`;
}

export function knownValues(
  settings: Pick<Settings, 'agentName' | 'shopName'> | undefined,
  page: Record<string, string>,
  now = Date.now(),
): Record<string, { value: string; from: FillField['from'] }> {
  const out: Record<string, { value: string; from: FillField['from'] }> = {};
  for (const [k, v] of Object.entries(page)) if (v.trim()) out[k] = { value: v.trim(), from: 'page' };
  if (settings?.agentName) out['客服'] ??= { value: settings.agentName, from: 'settings' };
  if (settings?.shopName) out['店铺'] ??= { value: settings.shopName, from: 'settings' };
  out['日期'] ??= { value: todayZh(now), from: 'today' };
  return out;
}

/** The variables of `text`, in order of first use, with what is known for each. */
export function fillFields(text: string, known: ReturnType<typeof knownValues>): FillField[] {
  const fields = new Map<string, FillField>();
  for (const part of parseTemplate(text).parts) {
    if (part.kind !== 'variable' || !part.name) continue;
    const field = fields.get(part.name);
    if (field) {
      field.fallback ??= part.fallback;
      continue;
    }
    const k = known[part.name];
    fields.set(part.name, {
      name: part.name,
      value: k?.value ?? '',
      from: k?.from ?? 'none',
      ...(part.fallback !== undefined ? { fallback: part.fallback } : {}),
    });
  }
  return [...fields.values()];
}

export function fillText(text: string, values: Record<string, string>) {
  return renderTemplate(text, values);
}
