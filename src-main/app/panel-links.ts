import { dialog, shell, type BrowserWindow } from 'electron';
import type { Logger } from 'pino';
import { ExternalLinkGate } from '../windows/external-link-gate.js';

/** Buttons of the confirmation, in order: the answer is the index. */
const OPEN = 0;
const CANCEL = 1;

/**
 * Links a panel page sends out of the panel (another site, a pop-up) reach the system browser only
 * after the user said yes in a dialog that names the address, and at most three per panel window
 * in ten seconds: a panel is the provider's page, and a hostile one must not be able to open tabs
 * in a loop or launch a site the user did not ask for.
 */
export function createPanelLinks(logger: Logger, gate = new ExternalLinkGate()) {
  return {
    async offer(window: BrowserWindow, source: string, url: string): Promise<void> {
      const verdict = gate.request(source);
      if (verdict !== 'ask') {
        logger.warn({ verdict, host: safeHost(url) }, 'dropped a link from a panel');
        return;
      }
      try {
        const { response } = await dialog.showMessageBox(window, {
          type: 'question',
          buttons: ['Open in browser', 'Cancel'],
          defaultId: CANCEL,
          cancelId: CANCEL,
          noLink: true,
          title: 'Open a link from the panel?',
          message: `The panel wants to open ${safeHost(url)} in your web browser.`,
          detail: `${url.slice(0, 500)}\n\nOpen it only if you expected this page.`,
        });
        if (response === OPEN) await shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
      } finally {
        gate.answered(source);
      }
    },
    forget: (source: string) => gate.forget(source),
  };
}

export type PanelLinks = ReturnType<typeof createPanelLinks>;

function safeHost(url: string): string {
  try {
    return new URL(url).host || url.slice(0, 80);
  } catch {
    return url.slice(0, 80);
  }
}
