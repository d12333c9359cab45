/**
 * unit-list-ui: the registry screen (企业台账) in Chromium on a database of the whole province —
 * the time from navigation to the first rows painted, and from typing a filter to the updated list;
 * also when the tier column has filled in. The browser shell runs in its own process, as the
 * Electron main process does: a handler computing every tier must not stall this process's clock
 * (playwright's messages wait on the event loop, so an in-process server inflates every figure).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { Session } from '../src/host/session';
import { CHROMIUM_FLAGS } from '../tests/e2e/harness';

const ROOT = path.resolve(__dirname, '..');

/** `npm run start:browser`'s server on a free port, in a child process; resolves with its URL. */
function startServer(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/host/browser-server.ts'), '--data', dataDir, '--port', '0', '--no-open'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    if (child.exitCode === null) child.kill();
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ url: m[1] as string, stop });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`浏览器版服务未能启动（退出码 ${code}）：${err.trim()}`)));
  });
}

/** Records, in the page, when the first table row appears and when the frame showing it is drawn. */
const FIRST_ROW_PROBE = `(() => {
  const mo = new MutationObserver(() => {
    if (window.__firstRow === undefined && document.querySelector('.ant-table-row')) {
      window.__firstRow = performance.now();
      requestAnimationFrame(() => setTimeout(() => (window.__firstRowDrawn = performance.now()), 0));
    }
  });
  document.addEventListener('DOMContentLoaded', () => mo.observe(document.body, { childList: true, subtree: true }));
})()`;

/** From the next \`input\` event to the frame drawn after the table shows only rows containing \`target\`. */
const filterProbe = (target: string) => `new Promise((resolve) => {
  let typed;
  document.addEventListener('input', () => (typed ??= performance.now()), { capture: true, once: true });
  const mo = new MutationObserver(() => {
    const rows = document.querySelectorAll('.ant-table-tbody .ant-table-row');
    if (typed !== undefined && rows.length >= 1 && rows.length <= 2 && [...rows].every((r) => r.textContent.includes(${JSON.stringify(target)}))) {
      mo.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - typed), 0));
    }
  });
  mo.observe(document.body, { childList: true, subtree: true, characterData: true });
})`;

/**
 * First paint: from the start of the navigation to the frame that shows the first rows, measured in
 * the page (navigation start is the page's time origin; the frame is the one after the row enters
 * the DOM), for a window that has been opened before (a desktop app starts many times: Chromium
 * keeps the bundle). Beside it: the very first start, and the median of as many starts each in a
 * browser started again on the same profile (as the app is started again: the browser's own
 * start-up runs beside the page's). The profile is kept on disk, as Electron keeps the app's
 * session in its userData folder (an incognito context, used before, was ~0.3 s slower on the
 * same build: bench/RESULTS.md). Playwright's own view (from `goto` to its locator seeing a row:
 * its round trips and polling add 0.1–0.2 s) is reported too. Filter: on the whole list (every
 * row come, the count says so, and the tier column filled), from typing a unit id to the frame
 * showing its row, measured in the page. The tier column fills from the host's answer kept since
 * the first start (nothing written since); the first start's time to fill it is reported too.
 */
export async function unitListUi(dbFile: string, runs: number): Promise<{ firstPaint: number; coldPaint: number; restartPaint: number; seen: number; filter: number; tiers: number; coldTiers: number }> {
  const dataDir = path.dirname(dbFile);
  copyFileSync(dbFile, new Session(dataDir).dbFile);
  const served = await startServer(dataDir);
  // one profile on disk for every start, new for this run, as the app's window has
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kafj-bench-profile-'));
  const launch = async () => {
    const c = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS, viewport: { width: 1366, height: 860 } });
    await c.addInitScript({ content: FIRST_ROW_PROBE });
    return c;
  };
  let context: BrowserContext | undefined;
  const paints: number[] = [];
  const seen: number[] = [];
  const filters: number[] = [];
  const tiers: number[] = [];
  const restarts: number[] = [];
  try {
    context = await launch();
    for (let i = 0; i <= runs; i++) {
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`${served.url}#/units`);
      await page.locator('.ant-table-row').first().waitFor({ timeout: 120_000 });
      seen.push((Date.now() - t0) / 1000);
      await page.waitForFunction('window.__firstRowDrawn !== undefined');
      paints.push(((await page.evaluate('window.__firstRowDrawn')) as number) / 1000);
      // every row here and the tier column filled (the hint gone): the whole list
      await page.locator('[data-testid="registry-count"][data-complete="true"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('tiers-loading').waitFor({ state: 'detached', timeout: 300_000 });
      tiers.push((Date.now() - t0) / 1000);
      const target = 'u000123';
      const took = page.evaluate(filterProbe(target)) as Promise<number>;
      await page.getByPlaceholder(/搜索|编号|名称/).first().fill(target);
      filters.push((await took) / 1000);
      await page.close();
    }
    // the whole browser started again on the same profile before each start, as the app is
    // started again: its own start-up competes with the page's
    for (let i = 0; i < runs; i++) {
      await context.close();
      context = await launch();
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${served.url}#/units`);
      await page.waitForFunction('window.__firstRowDrawn !== undefined', undefined, { timeout: 120_000 });
      restarts.push(((await page.evaluate('window.__firstRowDrawn')) as number) / 1000);
      await page.getByTestId('tiers-loading').waitFor({ state: 'detached', timeout: 300_000 });
    }
  } finally {
    await context?.close();
    served.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  // the first start (nothing kept) apart; the figures are the median of the starts after it
  return { coldPaint: paints[0] as number, firstPaint: median(paints.slice(1)), restartPaint: median(restarts), seen: median(seen.slice(1)), filter: median(filters.slice(1)), tiers: median(tiers.slice(1)), coldTiers: tiers[0] as number };
}
