/** 报表 in the real UI: a tier list as xlsx, a notice board PDF for one unit, and an error in Chinese. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitRecord } from '../db/fixtures';
import { setupDirect } from './flows';
import { openApp, type E2E } from './harness';

let app: E2E;
beforeAll(async () => {
  app = await openApp();
  await setupDirect(app);
  const call = async (channel: Parameters<E2E['session']['call']>[0], input: unknown) => {
    const r = await app.session.call(channel, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  await call('units.create', unitRecord('lf-op-017', '露天矿山', 17));
  await call('units.create', unitRecord('lf-ug-003', '地下矿山', 3));
  await call('units.create', unitRecord('lf-ex-001', '地质勘探单位', 1));
  await call('assessments.saveDraft', { unitId: 'lf-op-017', ref: 'a1', sheet: { kind: 'openpit', table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: '2025-03-01', answers: {} }, assessors: ['王涛'] });
  await call('assessments.confirm', { unitId: 'lf-op-017', ref: 'a1' });
  await app.page.reload();
  await app.page.getByText('操作员：王涛').waitFor();
}, 60_000);
afterAll(async () => app?.close());

const exported = () => (existsSync(app.session.outDir) ? readdirSync(app.session.outDir) : []);

describe('报表 (Chromium)', () => {
  it('exports the tier list as xlsx and shows the saved file with 打开所在文件夹', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '报表' }).click();
    const card = page.getByTestId('report-tier-list');
    await card.waitFor();
    await app.shot('reports');
    await card.getByText('Excel（.xlsx）').click();
    await card.getByRole('button', { name: /导出/ }).click();
    const saved = card.getByTestId('saved-file');
    await saved.waitFor({ timeout: 30_000 });
    const text = await saved.innerText();
    const name = /已保存：(\S+\.xlsx)/.exec(text)?.[1];
    expect(name).toBeDefined();
    expect(text).toMatch(/共 \d+ 行/);
    expect(exported()).toContain(name);
    expect(statSync(path.join(app.session.outDir, name!)).size).toBeGreaterThan(1000);
    await expect(saved.getByRole('button', { name: '打开所在文件夹' }).isVisible()).resolves.toBe(true);
    await app.shot('reports-tier-list-saved');
  }, 60_000);

  it('exports one unit’s notice board as a PDF (A3), picked with the unit picker', async () => {
    const { page } = app;
    const card = page.getByTestId('report-notice');
    await card.getByText('单个单位').click();
    await card.getByText('A3').click();
    await card.getByTestId('unit-picker-notice').click();
    await page.keyboard.type('测试露天');
    await page.locator('.ant-select-item-option').filter({ hasText: 'lf-op-017' }).click();
    await card.getByRole('button', { name: /导出/ }).click();
    const saved = card.getByTestId('saved-file');
    await saved.waitFor({ timeout: 30_000 });
    const name = /已保存：(\S+\.pdf)/.exec(await saved.innerText())?.[1];
    expect(name).toBeDefined();
    const file = path.join(app.session.outDir, name!);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(1000);
    await card.scrollIntoViewIfNeeded();
    await app.shot('reports-notice-saved');
  }, 60_000);

  it('the plan takes a seed (default the year) and a sample rate', async () => {
    const { page } = app;
    const card = page.getByTestId('report-plan');
    const seed = card.getByLabel('随机种子');
    expect(await seed.inputValue()).toMatch(/^\d{4}$/);
    await seed.fill('临汾-2025');
    await card.getByLabel('抽查比例').fill('20');
    await card.getByRole('button', { name: /导出/ }).click();
    const saved = card.getByTestId('saved-file');
    await saved.waitFor({ timeout: 30_000 });
    expect(await saved.innerText()).toMatch(/年度监督检查计划.*\.xlsx/);
  }, 60_000);

  it('says in Chinese when a unit has no confirmed assessment to print', async () => {
    const { page } = app;
    const card = page.getByTestId('report-assessment-record');
    await card.getByRole('button', { name: /导出/ }).click();
    await card.getByText('请先选择单位').waitFor();
    await card.getByTestId('unit-picker-assessment-record').click();
    await page.keyboard.type('lf-ex-001');
    await page.locator('.ant-select-item-option').filter({ hasText: 'lf-ex-001' }).click();
    await card.getByRole('button', { name: /导出/ }).click();
    await card.getByText('还没有确认的评估').waitFor({ timeout: 30_000 });
    await card.scrollIntoViewIfNeeded();
    await app.shot('reports-error');
  }, 60_000);
});
