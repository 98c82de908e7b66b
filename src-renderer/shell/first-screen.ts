import { FIRST_WINDOW_REQUEST } from '../accounts/account-copy.js';
import { askEarly, sentEarly } from '../bridge/early-replies.js';

/*
 * What the first screen waits for, asked for as soon as this module is evaluated: main.tsx imports
 * it first and evaluates the rest of the first script once they have left (`firstScreenAsked`), so
 * main answers while React and the views are being evaluated, and App's first load takes the
 * replies (bridge/early-replies.ts). The connections say whether the shell or the first-run screen
 * shows; the first window of accounts is the list.
 */
askEarly('connections.list', {});
askEarly('settings.get', {});
askEarly('accounts.window', FIRST_WINDOW_REQUEST);

/**
 * Web mode's socket opens in a few milliseconds on loopback; should it take longer, the page does
 * not stay blank for it: the requests leave whenever it opens.
 */
const WAIT_FOR_SOCKET_MS = 150;

export const firstScreenAsked: Promise<void> = sentEarly(WAIT_FOR_SOCKET_MS);
