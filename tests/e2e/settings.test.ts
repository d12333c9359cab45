/** 设置 and 评分表 in the real UI: operator, backups, audit check; table sets imported bad and good. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import reference from '../../templates/scoring/linfen-2023-ref-1.json';
import { tempDir } from '../db/fixtures';
import { setupDirect } from './flows';
import { openApp, type E2E } from './harness';

let app: E2E;
beforeAll(async () => {
  app = await openApp();
  await setupDirect(app);
}, 60_000);
afterAll(async () => app?.close());

/** Clicks `button` and gives the file chooser it opens `file`. */
async function pickFile(button: ReturnType<E2E['page']['getByRole']>, file: string) {
  const [chooser] = await Promise.all([app.page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(file);
}

describe('评分表 (Chromium)', () => {
  it('lists the built-in table set, shows the errors of a bad file by JSON path, imports a good one', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '评分表' }).click();
    const list = page.getByTestId('table-sets');
    await list.getByText('linfen-2023').first().waitFor();
    expect(await list.getByText('参考分值', { exact: true }).count()).toBe(1);

    const dir = tempDir('kafj-tables-');
    const bad = path.join(dir, 'bad.json');
    const broken = structuredClone(reference) as Record<string, unknown>;
    broken.version = 'bad-1';
    broken.effectiveFrom = '2025-13-45';
    broken.tiers = 'none';
    writeFileSync(bad, JSON.stringify(broken));
    await pickFile(page.getByRole('button', { name: '导入评分表文件' }), bad);
    const errors = page.getByTestId('table-import-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    expect(text).toMatch(/effectiveFrom|tiers/);
    await app.shot('tables-bad-import');
    await page.getByRole('button', { name: '知道了' }).click();

    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ ...reference, version: 'official-2025', official: true, effectiveFrom: '2025-07-01', title: '临汾市非煤矿山安全风险分级评分表（2025年正式版）' }));
    await pickFile(page.getByRole('button', { name: '导入评分表文件' }), good);
    await page.getByText('已导入 linfen-2023 版本 official-2025').first().waitFor();
    await list.getByText('official-2025').waitFor();
    expect(await list.getByText('正式', { exact: true }).count()).toBe(1);
    await app.shot('tables');
  }, 60_000);
});

describe('设置 (Chromium)', () => {
  it('changes the operator (shown in the header, written to the audit log)', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '设置' }).click();
    const input = page.getByLabel('操作员姓名');
    await input.waitFor();
    expect(await input.inputValue()).toBe('王涛');
    await input.fill('李娜');
    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByText('操作员：李娜').waitFor();
    const r = await app.session.call('bureau.get', {});
    expect(r.ok && r.value.operator).toBe('李娜');
  }, 60_000);

  it('backs up and lists the backups with date and size', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/已备份|今天已经备份过/).first().waitFor();
    const backups = page.getByTestId('backups');
    await backups.getByText(/备份-\d{4}-\d{2}-\d{2}\.sqlite/).first().waitFor();
    expect(await backups.innerText()).toMatch(/KB|MB/);
    expect(app.session.listBackups().length).toBeGreaterThan(0);
  }, 60_000);

  it('verifies the audit log: whole, with its row count', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '核验审计日志' }).click();
    const verdict = page.getByTestId('audit-verdict');
    await verdict.getByText(/审计日志完整：共 \d+ 条记录/).waitFor();
    const r = await app.session.call('audit.verify', {});
    expect(r.ok && r.value.ok && (await verdict.innerText()).includes(`共 ${r.value.rows} 条`)).toBe(true);
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await app.shot('settings');
  }, 60_000);

  it('asks before restoring, saying the current database is kept', async () => {
    const { page } = app;
    await page.getByTestId('backups').getByRole('button', { name: /^恢\s*复$/ }).first().click();
    await page.getByText(/当前数据库另存为副本/).waitFor();
    await app.shot('settings-restore-confirm');
    await page.getByRole('button', { name: /^取\s*消$/ }).click();
  }, 60_000);
});
