/**
 * What the page benchmarks share: `render-probe.ts` bundled as one script for the page (installed
 * before the app's own), waiting until the page is quiet, and the medians and p95s they report.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as bundle } from 'esbuild';
import type { Page } from 'playwright-core';

const BENCH = path.dirname(fileURLToPath(import.meta.url));

/** The probe as one script for the page, bundled the way the browser runs it. */
export async function probeScript(): Promise<string> {
  const result = await bundle({
    stdin: { contents: "import { installRenderProbe } from './render-probe.ts'; installRenderProbe();", resolveDir: BENCH, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
  });
  return result.outputFiles[0]!.text;
}

/** Waits until the page has been busy with nothing for a while: the view's own refetches are done. */
export async function quiet(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)]!;
