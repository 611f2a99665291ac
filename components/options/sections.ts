import type { ComponentType } from 'preact';
import { SettingsSection } from './settings-section';

export interface OptionsSection {
  /** Also the URL hash: options.html#settings opens that section. */
  id: string;
  /** i18n key of the sidebar label. */
  labelKey: string;
  component: ComponentType;
}

/** The options page's sections, in sidebar order. One file per section. */
export const OPTIONS_SECTIONS: readonly OptionsSection[] = [
  { id: 'settings', labelKey: 'options.nav.settings', component: SettingsSection },
];
