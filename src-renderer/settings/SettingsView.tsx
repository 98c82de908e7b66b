import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Theme, UpdateChannel, type Settings } from '../../src-shared/ipc/channels/settings.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { ViewHeading } from '../kit/ViewHeading.js';
import { useSettings } from './settings-store.js';
import { LANGUAGES } from '../../src-shared/api/primitives.js';

/** Each language named in itself, so a person who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<(typeof LANGUAGES)[number], string> = { en: 'English', it: 'Italiano', fr: 'Français', pl: 'Polski' };

export function SettingsView() {
  const { t } = useTranslation();
  const id = useId();
  const settings = useSettings((s) => s.settings);
  const error = useSettings((s) => s.error);
  const status = useSettings((s) => s.status);
  const update = useSettings((s) => s.update);
  const load = useSettings((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);
  // The tray, the login item and updates exist only in the desktop app (the preload's bridge).
  const desktop = typeof window !== 'undefined' && window.clientdeck !== undefined;

  return (
    <div className="view view--scroll">
      <div className="view__header">
        <ViewHeading>{t('settings.heading')}</ViewHeading>
        <p className="muted">{t('settings.intro')}</p>
      </div>
      {error && <ErrorBanner title={t('settings.saveFailed')} message={error} onRetry={status === 'error' ? () => void load() : undefined} />}
      <div className="settings">
        <section className="card settings__group" aria-labelledby={`${id}-lang-h`}>
          <h3 id={`${id}-lang-h`} className="section-title">
            {t('settings.language')}
          </h3>
          <div className="field">
            <label htmlFor={`${id}-lang`}>{t('settings.languageLabel')}</label>
            <select
              id={`${id}-lang`}
              value={settings.language ?? ''}
              onChange={(e) => void update({ language: (e.target.value || null) as Settings['language'] })}
            >
              <option value="">{t('settings.languageSystem')}</option>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
            <span className="hint">{t('settings.languageHint')}</span>
          </div>
        </section>
        <section className="card settings__group" aria-labelledby={`${id}-theme-h`}>
          <h3 id={`${id}-theme-h`} className="section-title">
            {t('settings.theme')}
          </h3>
          <fieldset className="theme-choice">
            <legend className="visually-hidden">{t('settings.theme')}</legend>
            {Theme.options.map((theme) => (
              <label key={theme} className={`theme-card theme-card--${theme}`}>
                <input type="radio" name={`${id}-theme`} value={theme} checked={settings.theme === theme} onChange={() => void update({ theme })} />
                <span className="theme-card__preview" aria-hidden="true">
                  <span />
                  <span />
                  <span />
                </span>
                <span className="theme-card__label">{t(`settings.themes.${theme}`)}</span>
              </label>
            ))}
          </fieldset>
        </section>
        {desktop && (
          <section className="card settings__group" aria-labelledby={`${id}-desktop-h`}>
            <h3 id={`${id}-desktop-h`} className="section-title">
              {t('settings.desktop')}
            </h3>
            <div className="field">
              <label>
                <input type="checkbox" checked={settings.keepInTray ?? false} onChange={(e) => void update({ keepInTray: e.target.checked })} />{' '}
                {t('settings.keepInTray')}
              </label>
              <span className="hint">{t('settings.keepInTrayHint')}</span>
            </div>
            <div className="field">
              <label>
                <input type="checkbox" checked={settings.launchAtLogin ?? false} onChange={(e) => void update({ launchAtLogin: e.target.checked })} />{' '}
                {t('settings.launchAtLogin')}
              </label>
            </div>
            <div className="field">
              <label htmlFor={`${id}-updates`}>{t('settings.updateChannel')}</label>
              <select
                id={`${id}-updates`}
                value={settings.updateChannel ?? 'stable'}
                onChange={(e) => void update({ updateChannel: UpdateChannel.parse(e.target.value) })}
              >
                {UpdateChannel.options.map((channel) => (
                  <option key={channel} value={channel}>
                    {t(`settings.updateChannels.${channel}`)}
                  </option>
                ))}
              </select>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
