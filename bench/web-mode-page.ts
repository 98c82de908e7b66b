/**
 * What the page benchmarks (render, review) stand on: the real renderer built to a temporary folder,
 * a reference client area seeded there and served in its own process, web mode (the real core in
 * this process, secrets in memory), and Debian's Chromium opening it with the probe installed before
 * the app's own scripts. Everything is stopped and removed afterwards, whatever the benchmark did.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { silentLogger } from '../src-main/logging.js';
import { startWebMode, type WebMode } from '../src-main/web/web-mode.js';
import { chromiumExecutable } from '../test/e2e/fixtures/chromium.js';
import { serveAgency } from './agency-provider.js';
import { MemoryVault } from './memory-vault.js';
import { probeScript } from './page-probe.js';
import type { RunningProvider } from './provider-process.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface WebModeBench {
  databaseFile: string;
  provider: RunningProvider;
  web: WebMode;
  /** Starts Chromium (once) and opens a page with the probe installed; its errors are collected in `errors`. */
  openPage(): Promise<{ page: Page; errors: string[] }>;
}

export async function withWebModeBench<S, T>(
  name: string,
  seed: (databaseFile: string) => Promise<S>,
  body: (bench: WebModeBench, seeded: S) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), `clientdeck-${name}-bench-`));
  const rendererDir = path.join(dir, 'renderer');
  const databaseFile = path.join(dir, 'provider.sqlite');
  let provider: RunningProvider | null = null;
  let web: WebMode | null = null;
  let browser: Browser | null = null;
  try {
    await build({ configFile: path.join(REPO, 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
    const seeded = await seed(databaseFile);
    provider = await serveAgency(databaseFile);
    web = await startWebMode({ dataDir: path.join(dir, 'data'), port: 0, rendererDir, vault: new MemoryVault(), logger: silentLogger(), autoSync: false });
    const probe = await probeScript();
    const openPage = async () => {
      browser ??= await chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox', '--disable-gpu'] });
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript({ content: probe });
      return { page, errors };
    };
    return await body({ databaseFile, provider, web, openPage }, seeded);
  } finally {
    await (browser as Browser | null)?.close();
    await web?.close();
    await provider?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
