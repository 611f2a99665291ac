import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../../lib/settings/schema';

describe('settings', () => {
  it('defaults: both trigger characters, 20 s response target, 90 days retention', () => {
    expect(DEFAULT_SETTINGS.triggers).toEqual(['/', '、']);
    expect(DEFAULT_SETTINGS.responseTargetSeconds).toBe(20);
    expect(DEFAULT_SETTINGS.retentionDays).toBe(90);
  });

  it('keeps valid fields and replaces only the invalid ones', () => {
    const parsed = parseSettings({ agentName: '蔡蔡', responseTargetSeconds: -3, triggers: 'oops' });
    expect(parsed.agentName).toBe('蔡蔡');
    expect(parsed.responseTargetSeconds).toBe(20);
    expect(parsed.triggers).toEqual(['/', '、']);
  });

  it('survives garbage', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('x')).toEqual(DEFAULT_SETTINGS);
  });
});
