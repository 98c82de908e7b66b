import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/i18n.js';
import { App } from './App.js';
import { applySettings, cachedSettings } from './settings/appearance.js';
import './styles/app.css';

// The last known theme and language before the first frame, so nothing flashes.
applySettings(cachedSettings());

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
