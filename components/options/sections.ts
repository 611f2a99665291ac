import type { ComponentType } from 'preact';
import { SettingsSection } from './settings-section';
import { PhrasesSection } from './phrases/phrases-section';
import { BackupSection } from './backup-section';
import { RegistersSection } from '../registers/registers-section';
import { PacksSection } from './packs-section';
import { PublishSection } from './publish-section';
import { SheetSection } from './sheet-section';
import { TeamSection } from './team-section';

export interface OptionsSection {
  /** Also the URL hash: options.html#settings opens that section. */
  id: string;
  /** i18n key of the sidebar label. */
  labelKey: string;
  component: ComponentType;
}

/** The options page's sections, in sidebar order. One file per section. */
export const OPTIONS_SECTIONS: readonly OptionsSection[] = [
  { id: 'phrases', labelKey: 'options.nav.phrases', component: PhrasesSection },
  { id: 'settings', labelKey: 'options.nav.settings', component: SettingsSection },
  { id: 'backup', labelKey: 'options.nav.backup', component: BackupSection },
  { id: 'packs', labelKey: 'options.nav.packs', component: PacksSection },
  { id: 'team', labelKey: 'options.nav.team', component: TeamSection },
  { id: 'publish', labelKey: 'options.nav.publish', component: PublishSection },
  { id: 'sheet', labelKey: 'options.nav.sheet', component: SheetSection },
  { id: 'registers', labelKey: 'options.nav.registers', component: RegistersSection },
];
