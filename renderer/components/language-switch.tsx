/** English / Français, in the header; the choice is remembered. */
import { useLanguage, useT } from '../i18n/use-i18n.js';
import { languages } from '../i18n/translate.js';

export function LanguageSwitch() {
  const t = useT();
  const [language, setLanguage] = useLanguage();
  return (
    <div className="cc-segmented cc-language" role="group" aria-label={t('header.language')}>
      {languages.map((l) => (
        <button
          key={l}
          type="button"
          className="cc-segment"
          lang={l}
          aria-pressed={language === l}
          title={t(`lang.${l}`)}
          onClick={() => setLanguage(l)}
          data-testid={`language-${l}`}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
