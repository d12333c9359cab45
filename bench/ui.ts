/**
 * unit-list-ui: the registry screen (企业台账) in Chromium on a database of the whole province —
 * the time from navigation to the first rows painted, and from typing a filter to the updated list.
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startBrowserServer } from '../src/host/browser-server';
import { CHROMIUM_FLAGS } from '../tests/e2e/harness';

export async function unitListUi(dbFile: string, runs: number): Promise<{ firstPaint: number; filter: number }> {
  const dataDir = path.dirname(dbFile);
  const { copyFileSync } = await import('node:fs');
  const { Session } = await import('../src/host/session');
  const probe = new Session(dataDir);
  copyFileSync(dbFile, probe.dbFile);
  const served = await startBrowserServer({ dataDir, rendererDir: path.resolve(__dirname, '../dist/renderer'), port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const paints: number[] = [];
  const filters: number[] = [];
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
      await page.close();
    }
  } finally {
    await browser.close();
    served.session.close();
    await new Promise<void>((r) => served.server.close(() => r()));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { firstPaint: median(paints), filter: median(filters) };
}
