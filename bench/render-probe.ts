/**
 * What the render bench installs in the page before the app's own scripts run (Playwright's
 * `addInitScript`): clocks read in the page, so a figure is the page's own time from an input to
 * the next frame after the DOM changed, with no round trip to Node in it. The app is not touched:
 * the probe only watches the DOM, the input events and the WebSocket messages arriving.
 *
 * `installRenderProbe` is serialised into the page, so it may use nothing from outside its body.
 */

export interface Switched {
  /** From the click to the DOM holding a screenful of rows (React's render and commit). */
  render: number;
  /** From the click to the frame after it. */
  frame: number;
  rows: number;
}

export interface RenderProbe {
  /** From navigation start to the frame after the first screenful of rows. */
  firstScreen: Promise<number>;
  /** Clicks `button` (the Accounts view) and times the list appearing. */
  switchTo(button: HTMLElement): Promise<Switched>;
  /** Starts watching for the next keystroke; `settled` then says how long it took. */
  armKeystroke(): void;
  /** From the keystroke's input event to the frame after the view's last DOM change (quiet for 120 ms). */
  settled(): Promise<number>;
  /** Starts watching for `text` to appear in the view after the next `data.changed` notice. */
  armChange(text: string): void;
  /** From that notice arriving to the frame after the text was shown. */
  changeShown(): Promise<number>;
}

declare global {
  interface Window {
    renderProbe?: RenderProbe;
  }
}

export function installRenderProbe(): void {
  const QUIET_MS = 120;
  const frameAfter = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
  const rowsShown = () => document.querySelectorAll('[role="table"] [role="row"]').length;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const SCREENFUL = 10;

  const whenRows = (then: () => void) => {
    const observer = new MutationObserver(() => {
      if (rowsShown() < SCREENFUL) return;
      observer.disconnect();
      then();
    });
    observer.observe(document, { subtree: true, childList: true });
  };

  const firstScreen = new Promise<number>((resolve) => whenRows(() => void frameAfter().then(resolve)));

  // data.changed notices as they arrive, before the app's own listener sees them.
  const notices: number[] = [];
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', (e: MessageEvent) => {
        if (typeof e.data === 'string' && e.data.includes('"data.changed"') && e.data.includes('"accounts"')) notices.push(performance.now());
      });
    }
  };

  let keystroke: { start: number; last: number; frame: number; seq: number; observer: MutationObserver } | null = null;
  const markChange = () => {
    const k = keystroke;
    if (!k || Number.isNaN(k.start)) return;
    const seq = ++k.seq;
    k.last = performance.now();
    void frameAfter().then((at) => {
      if (k.seq === seq) k.frame = at;
    });
  };
  document.addEventListener(
    'input',
    (e) => {
      if (keystroke && Number.isNaN(keystroke.start)) {
        keystroke.start = e.timeStamp;
        markChange();
      }
    },
    true,
  );

  let change: { text: string; after: number; shown: Promise<number> } | null = null;

  const probe: RenderProbe = {
    firstScreen,

    async switchTo(button) {
      await frameAfter();
      const start = performance.now();
      const shown = new Promise<number>((resolve) => whenRows(() => resolve(performance.now())));
      button.click();
      const render = (await shown) - start;
      const frame = (await frameAfter()) - start;
      return { render, frame, rows: rowsShown() };
    },

    armKeystroke() {
      keystroke?.observer.disconnect();
      const observer = new MutationObserver(markChange);
      observer.observe(document.querySelector('main') ?? document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      keystroke = { start: Number.NaN, last: Number.NaN, frame: Number.NaN, seq: 0, observer };
    },

    async settled() {
      const k = keystroke;
      if (!k) throw new Error('armKeystroke first');
      for (let waited = 0; Number.isNaN(k.start); waited += 10) {
        if (waited > 5000) throw new Error('No input event arrived for the keystroke.');
        await sleep(10);
      }
      while (performance.now() - k.last < QUIET_MS || Number.isNaN(k.frame) || k.frame < k.last) {
        if (performance.now() - k.start > 10_000) throw new Error('The view kept changing for 10 s after a keystroke.');
        await sleep(10);
      }
      k.observer.disconnect();
      keystroke = null;
      return k.frame - k.start;
    },

    armChange(text) {
      const view = document.querySelector('main') ?? document.body;
      const shown = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!(view.textContent ?? '').includes(text)) return;
          observer.disconnect();
          void frameAfter().then(resolve);
        });
        observer.observe(view, { subtree: true, childList: true, characterData: true });
      });
      change = { text, after: notices.length, shown };
    },

    async changeShown() {
      if (!change) throw new Error('armChange first');
      const frame = await change.shown;
      const notice = notices[change.after];
      if (notice === undefined) throw new Error(`“${change.text}” was shown without a data.changed notice.`);
      change = null;
      return frame - notice;
    },
  };
  window.renderProbe = probe;
}
