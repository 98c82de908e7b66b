import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18n from './i18n/i18n.js';
import { App } from './App.js';
import { applySettings, cachedSettings, resolveLanguage } from './settings/appearance.js';

// The last known theme and language before the first frame, so nothing flashes.
const settings = cachedSettings();
applySettings(settings);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
const mount = root;
// Only English is in the first script: another language is one small chunk away, fetched before
// the first frame so the first screen is not English first. Should it fail, English shows.
i18n
  .changeLanguage(resolveLanguage(settings.language, navigator.languages ?? [navigator.language]))
  .catch(() => undefined)
  .finally(() =>
    createRoot(mount).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
