/**
 * 企业台账 of a city (more than 3,000 units, Chromium), opened straight on the list: the first page
 * comes from 'units.head' while every row ('units.rows', held back here) is on its way; the count
 * says the rest is being read, and a search waits for every row instead of searching the first page.
 * The calls go head, rows, then tiers only once the rows have come (a host answers one at a time).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitRecord } from '../db/fixtures';
import { ok } from '../db/helpers';
import { setupDirect } from './flows';
import { gatedContext, openApp, type E2E } from './harness';

const UNITS = 3005;
let app: E2E;
let context: BrowserContext;
let page: Page;
let releaseRows: () => void;
const calls: string[] = [];

beforeAll(async () => {
  app = await openApp();
  await setupDirect(app, '临汾市应急管理局', 'city');
  for (let n = 1; n <= UNITS; n++) ok(await app.session.call('units.create', unitRecord(`lf-op-${String(n).padStart(4, '0')}`, '露天矿山', n)));
  const gate = new Promise<void>((resolve) => (releaseRows = resolve));
  context = await gatedContext(app, calls, { 'units.rows': gate });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await context?.close();
  await app?.close();
});

const rows = () => page.locator('.ant-table-tbody .ant-table-row');
const count = () => page.getByTestId('registry-count');

describe('企业台账 of a city: the first page before every row (Chromium)', () => {
  it('shows the first page in id order and the number of units while the rows are read; a search waits for them', async () => {
    await page.goto(`${app.url}#/units`);
    await rows().first().waitFor();
    expect(await count().innerText()).toBe(`共 ${UNITS} 个单位，正在读取全部单位…`);
    expect(await count().getAttribute('data-complete')).toBe('false');
    expect(await rows().count()).toBe(20);
    expect(await rows().nth(0).innerText()).toContain('lf-op-0001');
    expect(await rows().nth(19).innerText()).toContain('lf-op-0020');
    // the pager counts every unit
    await page.locator('.ant-pagination-item', { hasText: '151' }).waitFor();
    // a search cannot be answered from the first page: no rows until every row has come
    await page.getByPlaceholder('单位编号、名称、企业、信用代码、乡镇').fill('lf-op-3004');
    await expect.poll(() => rows().count()).toBe(0);
    expect(calls.slice(0, 3)).toEqual(['bureau.get', 'units.head', 'units.rows']);
    expect(calls).not.toContain('units.tiers'); // a city's tiers wait for its rows

    releaseRows();
    await page.getByText(`共 ${UNITS} 个单位，符合条件 1 个`).waitFor();
    expect(await count().getAttribute('data-complete')).toBe('true');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().nth(0).innerText()).toContain('lf-op-3004');
    await expect.poll(() => calls.includes('units.tiers')).toBe(true);
    expect(calls.indexOf('units.rows')).toBeLessThan(calls.indexOf('units.tiers'));
    await page.getByTestId('tiers-loading').waitFor({ state: 'detached' });
    expect(await rows().nth(0).innerText()).toContain('未定级');
  }, 120_000);
});
