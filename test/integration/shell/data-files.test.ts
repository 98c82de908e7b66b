/**
 * A damaged queue.sqlite used to stop the real shell at start (an unhandled rejection, no window).
 * Now the shell starts, shows its window and tells the user in a system notification which file
 * was moved aside and what was kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCall, startShell, tempDataDir, type RunningShell } from './shell-process.js';

describe('the shell started on a damaged offline queue', () => {
  let shell: RunningShell | undefined;
  afterAll(async () => {
    await shell?.stop();
  });

  it('starts, shows the window and names the moved file in a notification', async () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(path.join(dataDir, 'queue.sqlite'), Buffer.alloc(4096, 'not sqlite at all '));
    shell = startShell({ dataDir });
    await shell.waitFor('the app window to show', isCall('window:1', 'show'));
    const shown = await shell.waitFor(
      'the notification',
      (r) => isCall('Notification', 'new')(r) && (r.args[0] as any).title === 'The offline queue could not be read',
    );
    const [aside] = fs.readdirSync(dataDir).filter((f) => /^queue\.sqlite\.corrupt-[0-9TZ-]+$/.test(f));
    expect((shown.args[0] as any).body).toContain(`kept as ${aside}`);
    // The app works on: the queue answers, empty.
    expect(await shell.invoke('queue.list')).toEqual({ ok: true, result: [] });
    // Every file the shell made there is the user's only, the log included.
    for (const file of ['queue.sqlite', 'queue.sqlite-wal', 'queue.sqlite-shm', 'clientdeck.log', 'connections.json']) {
      expect(fs.statSync(path.join(dataDir, file)).mode & 0o777, file).toBe(0o600);
    }
  });
});
