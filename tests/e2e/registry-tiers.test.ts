/**
 * 企业台账 in the real UI (Chromium) with the tiers held back: the rows are painted before any tier
 * is known ('units.rows'), the 风险等级 column shows it is computing, search works meanwhile, a tier
 * filter waits for the tiers; once 'units.tiers' answers the column fills in and filtering and
 * sorting by tier give the right rows. The list is paged (20 a page), searched in the page.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitRecord } from '../db/fixtures';
import { ok } from '../db/helpers';
import { emptySheet, setupDirect } from './flows';
import { SCREENSHOTS, gatedContext, openApp, type E2E } from './harness';

let app: E2E;
let context: BrowserContext;
let page: Page;
let releaseTiers: () => void;
const calls: string[] = [];

beforeAll(async () => {
  app = await openApp();
  await setupDirect(app);
  const { session } = app;
  // 25 units: two pages; one A (assessed), one D (R17.4), the rest not yet graded
  for (let n = 1; n <= 23; n++) ok(await session.call('units.create', unitRecord(`yd-op-${String(n).padStart(3, '0')}`, '露天矿山', n)));
  ok(await session.call('units.create', unitRecord('yd-ug-101', '地下矿山', 101, { township: '金殿镇' })));
  ok(await session.call('units.create', unitRecord('xf-qu-102', '小型露天采石场', 102, { county: '襄汾县', township: '古城镇' })));
  ok(await session.call('assessments.saveDraft', { unitId: 'yd-ug-101', ref: 'a1', sheet: emptySheet('underground', '2025-01-10'), assessors: ['王涛'] }));
  ok(await session.call('assessments.confirm', { unitId: 'yd-ug-101', ref: 'a1' }));
  ok(await session.call('assessments.saveDraft', { unitId: 'xf-qu-102', ref: 'a1', sheet: emptySheet('quarry', '2025-01-10', { directD: ['R17.4'] }), assessors: ['王涛'] }));
  ok(await session.call('assessments.confirm', { unitId: 'xf-qu-102', ref: 'a1' }));

  // a page of its own whose 'units.tiers' waits until the test lets it through
  const gate = new Promise<void>((resolve) => (releaseTiers = resolve));
  context = await gatedContext(app, calls, { 'units.tiers': gate });
  page = await context.newPage();
}, 90_000);

afterAll(async () => {
  await context?.close();
  await app?.close();
});

const shot = async (name: string) => {
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
};
const rows = () => page.locator('.ant-table-tbody .ant-table-row');
const row = (id: string) => page.locator('.ant-table-row', { hasText: id });
const count = () => page.getByTestId('registry-count').innerText();

/** Picks `option` in the antd Select labelled `label` (whatever it shows now). */
async function pick(label: string, option: string): Promise<void> {
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: label, exact: true }) }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

describe('企业台账: rows first, tiers when ready (Chromium)', () => {
  it('paints the rows while the tiers are still being computed; search works meanwhile; a tier filter waits', async () => {
    await page.goto(`${app.url}#/units`);
    await rows().first().waitFor();
    expect(await count()).toBe('共 25 个单位');
    await page.getByTestId('tiers-loading').waitFor();
    // one page of 20, the tier and due columns saying they are being computed
    expect(await rows().count()).toBe(20);
    expect(await row('yd-op-001').innerText()).toContain('计算中');
    expect(await page.getByText(/^[ABCD]级$/).count()).toBe(0);
    expect(await page.getByText('未定级').count()).toBe(0);
    await shot('registry-tiers-pending');

    // search by name, township, credit code: on the loaded rows, without the tiers
    const search = page.getByPlaceholder('单位编号、名称、企业、信用代码、乡镇');
    await search.fill('金殿镇');
    await page.getByText('共 25 个单位，符合条件 1 个').waitFor();
    expect(await rows().count()).toBe(1);
    expect(await row('yd-ug-101').innerText()).toContain('计算中');
    await search.fill('测试露天矿山2');
    await page.getByText('共 25 个单位，符合条件 5 个').waitFor(); // 2, 20, 21, 22, 23
    await search.fill('');
    await page.getByText('共 25 个单位', { exact: true }).waitFor();

    // a tier filter cannot be answered yet: it says so and shows no rows
    await pick('风险等级', 'D级');
    await page.getByText('共 25 个单位，正在按风险等级筛选…').waitFor();
    await expect.poll(() => rows().count()).toBe(0);
    expect(calls.filter((c) => c === 'units.tiers')).toHaveLength(1);
    // the screen never asked for the slow list (every tier before any row)
    expect(calls).not.toContain('units.list');
    expect(calls.indexOf('units.rows')).toBeLessThan(calls.indexOf('units.tiers'));
  }, 60_000);

  it('fills the tier column when the tiers come; filtering and sorting by tier give the right rows', async () => {
    releaseTiers();
    // the pending D filter is answered
    await page.getByText('共 25 个单位，符合条件 1 个').waitFor();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await row('xf-qu-102').getByText('D级').count()).toBe(1);
    await expect.poll(() => page.getByTestId('tiers-loading').count()).toBe(0);
    await pick('风险等级', '未定级');
    await page.getByText('共 25 个单位，符合条件 23 个').waitFor();
    await pick('风险等级', 'A级');
    await page.getByText('共 25 个单位，符合条件 1 个').waitFor();
    await row('yd-ug-101').getByText('A级').waitFor();
    await page.getByRole('button', { name: '清除条件' }).click();
    await page.getByText('共 25 个单位', { exact: true }).waitFor();
    await row('yd-op-001').getByText('未定级').waitFor();
    expect(await page.getByText('计算中').count()).toBe(0);

    // 风险等级 descending: D, then A, then the ungraded
    const tierHeader = page.locator('.ant-table-thead th', { hasText: '风险等级' });
    await tierHeader.click();
    await tierHeader.click();
    await expect.poll(async () => (await rows().nth(0).innerText()).includes('xf-qu-102')).toBe(true);
    expect(await rows().nth(1).innerText()).toContain('yd-ug-101');
    await shot('registry-tiers-sorted');
  }, 60_000);

  it('pages through the list; a new search starts again at page 1', async () => {
    // back to id order
    const idHeader = page.locator('.ant-table-thead th', { hasText: '单位编号' });
    await idHeader.click();
    await expect.poll(async () => (await rows().nth(0).innerText()).includes('xf-qu-102')).toBe(true);
    await page.locator('.ant-pagination-item', { hasText: '2' }).click();
    await expect.poll(() => rows().count()).toBe(5);
    expect(await rows().nth(0).innerText()).toContain('yd-op-020');
    expect(await rows().nth(4).innerText()).toContain('yd-ug-101');
    await page.getByPlaceholder('单位编号、名称、企业、信用代码、乡镇').fill('yd-op');
    await page.getByText('共 25 个单位，符合条件 23 个').waitFor();
    await expect.poll(() => rows().count()).toBe(20);
    expect(await rows().nth(0).innerText()).toContain('yd-op-001');
    // a row opens 单位详情
    await row('yd-op-003').click();
    await page.getByRole('heading', { name: '测试露天矿山3' }).waitFor();
  }, 60_000);
});
