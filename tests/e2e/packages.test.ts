/** 数据包 in the real UI: a county sends its package; the city takes in two county packages and sees its progress. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setMeta } from '../../db/meta';
import { exportPackage } from '../../src/packages/package';
import { tempDir, unitRecord } from '../db/fixtures';
import { freshDb, ok } from '../db/helpers';
import { setupDirect } from './flows';
import { openApp, type E2E } from './harness';

const sheet = (kind: string, date: string, answers: Record<string, unknown> = {}) => ({ kind, table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: date, answers });

/** A county database with graded units, exported as a package file. */
async function countyPackage(bureau: string, county: string, n: number, opts: { directD?: boolean; sharedCode?: number } = {}): Promise<string> {
  const t = freshDb('2025-02-20');
  setMeta(t.db, 'bureau', bureau);
  const p = `c${n}`;
  ok(await t.api['units.create'](unitRecord(`${p}-op`, '露天矿山', n * 10 + 1, { county })));
  ok(await t.api['units.create'](unitRecord(`${p}-ug`, '地下矿山', opts.sharedCode ?? n * 10 + 2, { county })));
  ok(await t.api['units.create'](unitRecord(`${p}-ex`, '地质勘探单位', n * 10 + 3, { county })));
  const confirm = async (unitId: string, s: Record<string, unknown>) => {
    ok(await t.api['assessments.saveDraft']({ unitId, ref: 'a1', sheet: s, assessors: ['评估员'] }));
    ok(await t.api['assessments.confirm']({ unitId, ref: 'a1' }));
  };
  await confirm(`${p}-op`, sheet('openpit', '2024-03-01', { 'op-eq-loading': n }));
  await confirm(`${p}-ug`, { ...sheet('underground', '2024-03-02'), ...(opts.directD ? { directD: ['R17.6'] } : {}) });
  const out = path.join(tempDir(), `${county}.zip`);
  exportPackage(t.db, { out, year: 2024, now: new Date('2025-02-20T09:00:00+08:00'), operator: '王涛' });
  t.db.close();
  return out;
}

let app: E2E | undefined;
afterAll(async () => app?.close());

describe('数据包 (Chromium)', () => {
  it('a county exports its package for a year (上报市局) and sees where it went', async () => {
    app = await openApp();
    await setupDirect(app);
    ok(await app.session.call('units.create', unitRecord('yd-op-1', '露天矿山', 501)));
    const { page } = app;
    await page.getByRole('menuitem', { name: '数据包' }).click();
    const card = page.getByTestId('package-export');
    await card.getByText('上报市局').waitFor();
    await card.getByRole('button', { name: '导出数据包' }).click();
    const saved = card.getByTestId('saved-file');
    await saved.waitFor({ timeout: 30_000 });
    const text = await saved.innerText();
    expect(text).toMatch(/共 1 个单位/);
    const name = /已保存：(\S+\.zip)/.exec(text)?.[1];
    expect(name).toBeDefined();
    const file = path.join(app.session.outDir, name!);
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(500);
    expect(await page.getByText('导入市局数据包').count()).toBe(1);
    await app.shot('packages-county');
    await app.close();
    app = undefined;
  }, 90_000);

  it('the city imports two county packages one after another and sees the progress by county bureau', async () => {
    const yaodu = await countyPackage('尧都区应急管理局', '尧都区', 1, { sharedCode: 999 });
    const hongtong = await countyPackage('洪洞县应急管理局', '洪洞县', 2, { directD: true, sharedCode: 999 });

    app = await openApp();
    const r = await app.session.setup({ level: 'city', bureau: '临汾市应急管理局', operator: '王涛', counties: ['尧都区', '洪洞县', '浮山县'] });
    expect(r.ok).toBe(true);
    const { page } = app;
    await page.reload();
    await page.getByText('操作员：王涛').waitFor();
    await page.getByRole('menuitem', { name: '数据包' }).click();
    const progress = page.getByTestId('city-progress');
    await progress.getByText('还没有导入任何县级数据包').waitFor();

    for (const file of [yaodu, hongtong]) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入县级数据包' }).click()]);
      await chooser.setFiles(file);
      await page.getByText(/已导入 .+ 的数据包：3 个单位/).first().waitFor({ timeout: 30_000 });
    }
    const log = page.getByTestId('package-log');
    await log.getByText('尧都区应急管理局').waitFor();
    await log.getByText('洪洞县应急管理局').waitFor();
    expect(await log.locator('tbody tr').count()).toBe(2);
    expect(await log.innerText()).toMatch(/1 个信用代码冲突待核实/);

    // the progress table: one row per county bureau, units by tier, the silent county, the conflict
    const rows = progress.getByTestId('progress-table').locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: '洪洞县应急管理局' }).waitFor();
    expect(await rows.count()).toBe(2);
    const hongtongRow = await rows.filter({ hasText: '洪洞县应急管理局' }).innerText();
    expect(hongtongRow).toMatch(/2024 年度/);
    expect(hongtongRow).toMatch(/1 个单位尚未评定风险等级/);
    await progress.getByText('尚未收到数据包的县（市、区）：浮山县').waitFor();
    await progress.getByText(/1 个统一社会信用代码同时出现在不同单位的数据中/).waitFor();
    await page.getByTestId('tier-chart').locator('canvas').first().waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await app.shot('packages-city');
    await page.getByTestId('tier-chart').scrollIntoViewIfNeeded();
    await app.shot('packages-city-chart');
  }, 120_000);
});
