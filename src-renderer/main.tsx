import { firstScreenAsked } from './shell/first-screen.js';
import './styles/app.css';

// The frame, the list and React are a chunk of their own, fetched beside this one (vite.config.ts
// preloads it) and evaluated once the first requests have left: evaluated in this task, they would
// keep web mode's socket from opening, and the requests from leaving, until they were done
// (docs/ARCHITECTURE.md §4).
void firstScreenAsked.then(() => import('./mount.js'));
