/** The first start in the real UI: set up the bureau, land on 工作台. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type E2E } from './harness';

let app: E2E;
beforeAll(async () => {
  app = await openApp();
}, 60_000);
afterAll(async () => app?.close());

describe('first start (Chromium)', () => {
  it('asks county or city, the bureau and the operator, then opens the app', async () => {
    const { page } = app;
    await page.getByText('首次使用：设置监管部门').waitFor();
    await app.shot('00-setup');
    await page.getByRole('button', { name: '开始使用' }).click();
    await page.getByText('请填写监管部门名称，如 尧都区应急管理局').waitFor();
    await page.getByPlaceholder('如 尧都区应急管理局').fill('尧都区应急管理局');
    await page.getByPlaceholder('每次修改都以此姓名记入审计日志').fill('王涛');
    await page.getByRole('button', { name: '开始使用' }).click();
    await page.getByText('操作员：王涛').waitFor();
    expect(await page.getByText('尧都区应急管理局').count()).toBeGreaterThan(0);
    expect(app.session.ready).toBe(true);
  }, 60_000);
});
