/**
 * unit-list-ui: the registry screen (企业台账) in Chromium on a database of the whole province —
 * the time from navigation to the first rows painted, and from typing a filter to the updated list;
 * also when the tier column has filled in. The browser shell runs in its own process, as the
 * Electron main process does: a handler computing every tier must not stall this process's clock
 * (playwright's messages wait on the event loop, so an in-process server inflates every figure).
 */
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
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

export async function unitListUi(dbFile: string, runs: number): Promise<{ firstPaint: number; filter: number; tiers: number }> {
  const dataDir = path.dirname(dbFile);
  copyFileSync(dbFile, new Session(dataDir).dbFile);
  const served = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const paints: number[] = [];
  const filters: number[] = [];
  const tiers: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
      const t0 = Date.now();
      await page.goto(`${served.url}#/units`);
      await page.locator('.ant-table-row').first().waitFor({ timeout: 120_000 });
      paints.push((Date.now() - t0) / 1000);
      const search = page.getByPlaceholder(/搜索|编号|名称/).first();
      const target = 'u000123';
      const t1 = Date.now();
      await search.fill(target);
      await page.locator('.ant-table-row', { hasText: target }).first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.ant-table-row').length <= 2);
      filters.push((Date.now() - t1) / 1000);
      // the tier column is filled (the hint gone, the row's tier shown)
      await page.getByTestId('tiers-loading').waitFor({ state: 'detached', timeout: 300_000 });
      tiers.push((Date.now() - t0) / 1000);
      await page.close();
    }
  } finally {
    await browser.close();
    served.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { firstPaint: median(paints), filter: median(filters), tiers: median(tiers) };
}
