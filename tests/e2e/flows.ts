/** Steps several e2e scenarios share. */
import type { Page } from 'playwright-core';
import type { E2E } from './harness';

/** Completes the first-start screen in the UI. */
export async function setupBureau(page: Page, o: { level?: 'county' | 'city'; bureau?: string; operator?: string } = {}): Promise<void> {
  await page.getByText('首次使用：设置监管部门').waitFor();
  if (o.level === 'city') await page.getByText('市应急管理局', { exact: true }).click();
  await page.getByPlaceholder('如 尧都区应急管理局').fill(o.bureau ?? '尧都区应急管理局');
  await page.getByPlaceholder('每次修改都以此姓名记入审计日志').fill(o.operator ?? '王涛');
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByText(`操作员：${o.operator ?? '王涛'}`).waitFor();
}

/** Sets the bureau up without the UI (for scenarios about other screens). */
export async function setupDirect(app: E2E, bureau = '尧都区应急管理局', level: 'county' | 'city' = 'county'): Promise<void> {
  const r = await app.session.setup({ level, bureau, operator: '王涛' });
  if (!r.ok) throw new Error(r.error.message);
  await app.page.reload();
  await app.page.getByText('操作员：王涛').waitFor();
}

/** A sheet of the reference tables with no answers (extra fields override). */
export const emptySheet = (kind: string, date: string, extra: Record<string, unknown> = {}) => ({
  kind,
  table: { id: 'linfen-2023', version: 'ref-1' },
  assessedOn: date,
  answers: {},
  ...extra,
});
