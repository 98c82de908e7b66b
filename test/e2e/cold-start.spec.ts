import { startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

interface Sent {
  channel: string;
  input: unknown;
  at: number;
}

declare global {
  interface Window {
    coldStart?: { sent: Sent[]; replies: number[]; rendered: number; firstScreen: number };
  }
}

/**
 * Installed before the app's scripts: when each request leaves on the bridge's socket, when each
 * reply arrives, when React first put anything into #root, and when the first screenful of rows
 * showed. Only the order of these moments is asserted, never how long they took.
 */
function recordColdStart(): void {
  const record = { sent: [] as Sent[], replies: [] as number[], rendered: Number.NaN, firstScreen: Number.NaN };
  window.coldStart = record;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', (e: MessageEvent) => {
        if (typeof e.data === 'string' && e.data.startsWith('{"kind":"reply"')) record.replies.push(performance.now());
      });
    }
    override send(data: string): void {
      const frame = JSON.parse(data) as { channel: string; input: unknown };
      record.sent.push({ channel: frame.channel, input: frame.input, at: performance.now() });
      super.send(data);
    }
  };
  new MutationObserver(() => {
    const root = document.getElementById('root');
    if (Number.isNaN(record.rendered) && root?.firstChild) record.rendered = performance.now();
    if (Number.isNaN(record.firstScreen) && document.querySelectorAll('[role="table"] [role="row"]').length > 5) record.firstScreen = performance.now();
  }).observe(document, { subtree: true, childList: true });
}

test('a cold start asks for its first screen in one round trip, before React has rendered anything', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  await page.addInitScript(recordColdStart);
  // A start from main's cache, as when the app opens again: connections and accounts are there.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Accounts' }).getByRole('row').nth(5)).toBeVisible();
  const { sent, replies, rendered, firstScreen } = await page.evaluate(() => window.coldStart!);

  const beforeFirstScreen = sent.filter((s) => s.at < firstScreen);
  const firstScreenNeeds = ['connections.list', 'settings.get', 'accounts.window'];
  // Each asked for once: the stores' first loads took the replies already on their way, nothing twice.
  for (const channel of firstScreenNeeds) expect(beforeFirstScreen.filter((s) => s.channel === channel)).toHaveLength(1);
  expect(beforeFirstScreen.find((s) => s.channel === 'accounts.window')!.input).toEqual({ version: null, offset: 0, limit: 200 });
  const needed = beforeFirstScreen.filter((s) => firstScreenNeeds.includes(s.channel));
  // None waited for another's reply (one round trip), nor for React's first render.
  expect(needed.filter((s) => s.at > replies[0]!)).toEqual([]);
  expect(needed.filter((s) => s.at > rendered)).toEqual([]);
});
