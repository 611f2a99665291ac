import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { OPTIONS_SECTIONS } from './sections';
import './options.css';

const sectionFromHash = () =>
  OPTIONS_SECTIONS.find((s) => `#${s.id}` === location.hash)?.id ?? OPTIONS_SECTIONS[0]!.id;

/** Sidebar + one section at a time; the hash keeps the section across reloads and links. */
export function OptionsApp() {
  const [current, setCurrent] = useState(sectionFromHash);
  useEffect(() => {
    const onHash = () => setCurrent(sectionFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const section = OPTIONS_SECTIONS.find((s) => s.id === current) ?? OPTIONS_SECTIONS[0]!;
  const Section = section.component;
  return (
    <div class="options">
      <nav class="options-nav" aria-label={i18n.t('extName')}>
        <div class="options-brand">{i18n.t('extName')}</div>
        {OPTIONS_SECTIONS.map((s) => (
          <a
            key={s.id}
            href={`#${s.id}`}
            class={s.id === current ? 'active' : undefined}
            aria-current={s.id === current ? 'page' : undefined}
          >
            {i18n.t(s.labelKey as Parameters<typeof i18n.t>[0])}
          </a>
        ))}
      </nav>
      <main class="options-main">
        <Section />
      </main>
    </div>
  );
}
