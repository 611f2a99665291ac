import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { FEATURE_IDS, type FeatureId } from '../../lib/features/ids';
import { SETTINGS_VERSION, SWITCHABLE_SITES, settingsSchema, type Settings } from '../../lib/settings/schema';
import { getSettings, updateSettings, watchSettings } from '../../lib/settings/store';
import { Field, Notice } from './ui';

type Key = 'agentName' | 'shopName' | 'triggers' | 'responseTargetSeconds' | 'retentionDays';

const SITE_KEYS = {
  taobao: 'settings.site.taobao',
  jd: 'settings.site.jd',
  pdd: 'settings.site.pdd',
  douyin: 'settings.site.douyin',
  generic: 'settings.site.generic',
} as const satisfies Record<(typeof SWITCHABLE_SITES)[number], string>;

/** Every feature's name (a new feature id fails to compile here until it gets one). */
const FEATURE_KEYS = {
  'status-chip': 'settings.feature.statusChip',
  'popup-insert': 'settings.feature.popupInsert',
  'phrase-picker': 'settings.feature.phrasePicker',
  'order-remarks': 'settings.feature.orderRemarks',
  'return-check': 'settings.feature.returnCheck',
  'wording-hints': 'settings.feature.wordingHints',
  'response-timer': 'settings.feature.responseTimer',
  'register-capture': 'settings.feature.registerCapture',
} as const satisfies Record<FeatureId, string>;
const featureName = (id: FeatureId) => i18n.t(FEATURE_KEYS[id]);

/** Chinese message for a value the schema refuses (zod's own are English). */
function problem(key: Key, value: unknown): string | undefined {
  if (settingsSchema.shape[key].safeParse(value).success) return undefined;
  switch (key) {
    case 'agentName':
      return i18n.t('settings.error.agentName');
    case 'shopName':
      return i18n.t('settings.error.shopName');
    case 'triggers':
      return i18n.t('settings.error.triggers');
    case 'responseTargetSeconds':
      return i18n.t('settings.error.responseTarget');
    case 'retentionDays':
      return i18n.t('settings.error.retention');
  }
}

/** `/ 、` → ['/', '、']: characters separated by spaces (or typed together). */
const parseTriggers = (text: string) => [...text.replace(/\s+/g, '')];

/**
 * The settings every feature shares. Each change is validated at its field and saved at once
 * (lib/settings/store.ts, versioned, zod-checked); an invalid value is shown with its reason and
 * never saved.
 */
export function SettingsSection() {
  const [settings, setSettings] = useState<Settings>();
  const [text, setText] = useState<Partial<Record<Key, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  if (!settings) return null;

  const save = async (patch: Partial<Settings>, what: string) => {
    setSettings(await updateSettings(patch));
    setSaved(what);
  };
  /** Text fields: check on every keystroke, save on change (blur / Enter) when valid. */
  const input = (key: Key, toValue: (s: string) => unknown, shown: string) => ({
    value: text[key] ?? shown,
    'aria-invalid': !!errors[key],
    onInput: (e: Event) => {
      const raw = (e.currentTarget as HTMLInputElement).value;
      setText((t) => ({ ...t, [key]: raw }));
      setErrors((x) => ({ ...x, [key]: problem(key, toValue(raw)) }));
    },
    onChange: (e: Event) => {
      const raw = (e.currentTarget as HTMLInputElement).value;
      const value = toValue(raw);
      const error = problem(key, value);
      setErrors((x) => ({ ...x, [key]: error }));
      if (error) return;
      setText((t) => ({ ...t, [key]: undefined }));
      void save({ [key]: value } as Partial<Settings>, key);
    },
  });
  const number = (s: string) => (s.trim() === '' ? NaN : Number(s));
  const disabled = (site: string) => new Set(settings.disabledFeatures[site] ?? []);
  const toggleFeature = (site: string, id: string, on: boolean) => {
    const next = disabled(site);
    if (on) next.delete(id);
    else next.add(id);
    void save({ disabledFeatures: { ...settings.disabledFeatures, [site]: [...next] } }, 'features');
  };

  return (
    <section class="settings" aria-labelledby="settings-title">
      <div class="section-head">
        <div>
          <h2 id="settings-title">{i18n.t('settings.title')}</h2>
          <p class="muted section-sub">{i18n.t('settings.intro', [String(SETTINGS_VERSION)])}</p>
        </div>
        {saved && (
          <Notice kind="ok" testId="settings-saved">
            {i18n.t('settings.saved')}
          </Notice>
        )}
      </div>

      <div class="card">
        <h3>{i18n.t('settings.card.agent')}</h3>
        <p class="muted">{i18n.t('settings.card.agentHint')}</p>
        <div class="form-grid">
          <Field label={i18n.t('settings.agentName')} error={errors.agentName} name="agentName">
            <input
              data-testid="settings-agent-name"
              maxLength={40}
              placeholder={i18n.t('settings.agentNamePlaceholder')}
              {...input('agentName', (s) => s, settings.agentName)}
            />
          </Field>
          <Field label={i18n.t('settings.shopName')} error={errors.shopName} name="shopName">
            <input
              data-testid="settings-shop-name"
              maxLength={60}
              placeholder={i18n.t('settings.shopNamePlaceholder')}
              {...input('shopName', (s) => s, settings.shopName)}
            />
          </Field>
        </div>
      </div>

      <div class="card">
        <h3>{i18n.t('settings.card.chat')}</h3>
        <p class="muted">{i18n.t('settings.card.chatHint')}</p>
        <div class="form-grid">
          <Field
            label={i18n.t('settings.triggers')}
            error={errors.triggers}
            hint={i18n.t('settings.triggersHint')}
            name="triggers"
          >
            <input
              data-testid="settings-triggers"
              class="mono"
              {...input('triggers', parseTriggers, settings.triggers.join(' '))}
            />
          </Field>
          <Field
            label={i18n.t('settings.responseTarget')}
            error={errors.responseTargetSeconds}
            hint={i18n.t('settings.responseTargetHint')}
            name="responseTargetSeconds"
          >
            <div class="with-unit">
              <input
                type="number"
                min={5}
                max={600}
                data-testid="settings-response-target"
                {...input('responseTargetSeconds', number, String(settings.responseTargetSeconds))}
              />
              <span class="unit">{i18n.t('settings.seconds')}</span>
            </div>
          </Field>
        </div>
      </div>

      <div class="card">
        <h3>{i18n.t('settings.card.privacy')}</h3>
        <p class="muted">{i18n.t('settings.card.privacyHint')}</p>
        <div class="form-grid">
          <Field label={i18n.t('settings.retention')} error={errors.retentionDays} name="retentionDays">
            <div class="with-unit">
              <input
                type="number"
                min={1}
                max={3650}
                data-testid="settings-retention"
                {...input('retentionDays', number, String(settings.retentionDays))}
              />
              <span class="unit">{i18n.t('settings.days')}</span>
            </div>
          </Field>
        </div>
      </div>

      <div class="card">
        <h3>{i18n.t('settings.card.features')}</h3>
        <p class="muted">{i18n.t('settings.card.featuresHint')}</p>
        <label class="switch-row">
          <input
            type="checkbox"
            role="switch"
            data-testid="settings-status-chip"
            checked={settings.showStatusChip}
            onChange={(e) => void save({ showStatusChip: e.currentTarget.checked }, 'chip')}
          />
          <span>
            <strong>{i18n.t('settings.statusChip')}</strong>
            <span class="muted"> — {i18n.t('settings.statusChipHint')}</span>
          </span>
        </label>
        <table class="feature-table" data-testid="feature-switches">
          <thead>
            <tr>
              <th>{i18n.t('settings.featureColumn')}</th>
              {SWITCHABLE_SITES.map((s) => (
                <th key={s}>{i18n.t(SITE_KEYS[s])}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FEATURE_IDS.map((id) => (
              <tr key={id}>
                <td>
                  {featureName(id)} <code class="muted small">{id}</code>
                </td>
                {SWITCHABLE_SITES.map((s) => (
                  <td key={s}>
                    <input
                      type="checkbox"
                      aria-label={`${featureName(id)} · ${i18n.t(SITE_KEYS[s])}`}
                      data-feature={id}
                      data-site={s}
                      checked={!disabled(s).has(id)}
                      onChange={(e) => toggleFeature(s, id, e.currentTarget.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
