/**
 * 企业台账 and 单位详情 in the real UI (Chromium): the list with search, filters and sorting, a unit
 * created through the form (a problem shown as you type, a server problem on its field, nothing
 * typed lost), a bad registry file (every error listed, nothing imported) then a good one, the
 * export, a unit's tier history, and the list's speed with 20,000 units.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitRecord } from '../../src/registry/unit';
import { readRegistryXlsx } from '../../src/registry/xlsx';
import { creditCode, registryXlsx, tempDir, unitRecord } from '../db/fixtures';
import { emptySheet, setupDirect } from './flows';
import { ok } from '../db/helpers';
import { openApp, type E2E } from './harness';

let app: E2E;
beforeAll(async () => {
  app = await openApp();
  await setupDirect(app);
}, 60_000);
afterAll(async () => app?.close());

const sheet = emptySheet;

async function create(rec: UnitRecord): Promise<void> {
  ok(await app.session.call('units.create', rec));
}

async function openRegistry(): Promise<void> {
  await app.page.getByRole('menuitem', { name: '企业台账' }).click();
  await app.page.getByTestId('registry-count').waitFor();
}

/** Picks `option` in the antd Select showing `placeholder`. */
async function pick(placeholder: string, option: string): Promise<void> {
  const { page } = app;
  await page.locator('.ant-select', { hasText: placeholder }).first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

const countText = () => app.page.getByTestId('registry-count').innerText();

describe('企业台账 (Chromium)', () => {
  it('lists units with their tier; search, filters and sorting work on the loaded list', async () => {
    await create(unitRecord('yd-ug-001', '地下矿山', 1, { township: '金殿镇' }));
    await create(unitRecord('yd-op-002', '露天矿山', 2, { township: '土门镇' }));
    await create(unitRecord('yd-tl-003', '尾矿库', 3));
    await create(unitRecord('xf-qu-004', '小型露天采石场', 4, { county: '襄汾县', township: '古城镇' }));
    await create(unitRecord('xf-ex-005', '地质勘探单位', 5, { county: '襄汾县' }));
    await create(unitRecord('yd-ot-006', '地热', 6));
    ok(await app.session.call('assessments.saveDraft', { unitId: 'yd-ug-001', ref: 'a1', sheet: sheet('underground', '2025-01-10'), assessors: ['王涛'] }));
    ok(await app.session.call('assessments.confirm', { unitId: 'yd-ug-001', ref: 'a1' }));
    ok(await app.session.call('assessments.saveDraft', { unitId: 'xf-qu-004', ref: 'a1', sheet: sheet('quarry', '2025-01-10', { directD: ['R17.4'] }), assessors: ['王涛'] }));
    ok(await app.session.call('assessments.confirm', { unitId: 'xf-qu-004', ref: 'a1' }));

    const { page } = app;
    await page.reload();
    await openRegistry();
    expect(await countText()).toBe('共 6 个单位');
    const rows = page.locator('.ant-table-tbody .ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(6);
    // the tier tags
    expect(await page.locator('.ant-table-row', { hasText: 'yd-ug-001' }).getByText('A级').count()).toBe(1);
    expect(await page.locator('.ant-table-row', { hasText: 'xf-qu-004' }).getByText('D级').count()).toBe(1);
    expect(await page.locator('.ant-table-row', { hasText: 'yd-tl-003' }).getByText('未定级').count()).toBe(1);
    await app.shot('registry-list');

    // search: by name, township, credit code
    const search = page.getByPlaceholder('单位编号、名称、企业、信用代码、乡镇');
    await search.fill('测试尾矿库');
    await page.getByText('共 6 个单位，符合条件 1 个').waitFor();
    expect(await rows.count()).toBe(1);
    await search.fill('古城镇');
    await page.locator('.ant-table-row', { hasText: 'xf-qu-004' }).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await search.fill(creditCode(2).toLowerCase());
    await page.locator('.ant-table-row', { hasText: 'yd-op-002' }).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await search.fill('');
    await page.getByText('共 6 个单位', { exact: true }).waitFor();

    // filters: county, tier incl. 未定级, kind, status
    await pick('所属县区', '襄汾县');
    await page.getByText('符合条件 2 个').waitFor();
    await pick('风险等级', '未定级');
    await page.getByText('符合条件 1 个').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.locator('.ant-table-row', { hasText: 'xf-ex-005' }).count()).toBe(1);
    await app.shot('registry-filtered');
    await page.getByRole('button', { name: '清除条件' }).click();
    await page.getByText('共 6 个单位', { exact: true }).waitFor();
    await pick('类型', '地热、矿泉水等');
    await page.getByText('符合条件 1 个').waitFor();
    await page.locator('.ant-table-row', { hasText: 'yd-ot-006' }).waitFor();
    await page.getByRole('button', { name: '清除条件' }).click();
    await pick('生产状态', '停产');
    await page.getByText('没有符合条件的单位').waitFor();
    await page.getByRole('button', { name: '清除条件' }).click();

    // sorting by 风险等级: descending puts D first
    const tierHeader = page.locator('.ant-table-thead th', { hasText: '风险等级' });
    await tierHeader.click();
    await tierHeader.click();
    await expect.poll(async () => (await rows.first().innerText()).includes('xf-qu-004')).toBe(true);

    // a row opens 单位详情
    await page.locator('.ant-table-row', { hasText: 'yd-op-002' }).click();
    await page.getByRole('heading', { name: '测试露天矿山2' }).waitFor();
    expect(page.url()).toContain('#/unit/yd-op-002');
  }, 90_000);

  it('creates a unit through the form: checked as you type, server problems on their field, nothing lost', async () => {
    const { page } = app;
    await openRegistry();
    await page.getByRole('button', { name: '新增单位' }).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByText('基本信息').waitFor();

    // a bad 单位编号 is flagged while typing, and the message goes once fixed
    await drawer.getByLabel('单位编号').fill('yd ug 9');
    await drawer.getByText('只能由字母、数字和“-”组成').waitFor();
    await app.shot('unit-form-error');
    // the id of an existing unit passes the form's check but the server refuses it: shown on the field
    await drawer.getByLabel('单位编号').fill('yd-ug-001');
    await expect.poll(() => drawer.getByText('只能由字母、数字和“-”组成').count()).toBe(0);

    // 类型 drives the kind-specific fields
    await drawer.getByLabel('类型', { exact: true }).fill('尾矿库');
    await drawer.getByLabel('类型', { exact: true }).press('Enter');
    await drawer.getByLabel('现状坝高(m)').waitFor();
    await expect.poll(() => drawer.getByLabel('开采深度(m)').count()).toBe(0);
    await drawer.getByLabel('类型', { exact: true }).fill('地下矿山');
    await drawer.getByLabel('类型', { exact: true }).press('Enter');
    await drawer.getByLabel('开采深度(m)').waitFor();
    await expect.poll(() => drawer.getByLabel('现状坝高(m)').count()).toBe(0);

    await drawer.getByLabel('企业名称').fill('临汾金殿矿业有限公司');
    await drawer.getByLabel('矿山（尾矿库）名称').fill('金殿铁矿');
    await drawer.getByLabel('统一社会信用代码').fill('91141000MA0000077');
    await drawer.locator('.ant-form-item', { hasText: '统一社会信用代码' }).locator('.ant-form-item-explain-error').waitFor();
    await drawer.getByLabel('统一社会信用代码').fill(creditCode(77));
    await expect.poll(() => drawer.locator('.ant-form-item', { hasText: '统一社会信用代码' }).locator('.ant-form-item-explain-error').count()).toBe(0);
    await drawer.getByLabel('所属县区').fill('尧都区');
    await drawer.getByLabel('乡镇').fill('金殿镇');
    await drawer.getByLabel('开采深度(m)').fill('420');
    await drawer.getByLabel('主要负责人', { exact: true }).fill('赵刚');
    await drawer.getByLabel('主要负责人电话').fill('0357-123');
    await drawer.getByText('应为 7–12 位数字').waitFor();
    await drawer.getByLabel('主要负责人电话').fill('0357-2345000');
    await drawer.getByLabel('采矿许可证号').fill('C1410002010127130012345');
    await drawer.getByText('填写了采矿许可证号时必填').waitFor();
    await drawer.getByLabel('采矿许可证有效期至').fill('2027-12-31');
    await drawer.getByLabel('采矿许可证有效期至').press('Enter');
    await expect.poll(() => drawer.getByText('填写了采矿许可证号时必填').count()).toBe(0);

    // save: the server says the id exists — shown on 单位编号, the drawer stays with every value
    await drawer.getByRole('button', { name: /保\s?存$/ }).click();
    await drawer.locator('.ant-form-item', { hasText: '单位编号' }).getByText('已存在').waitFor();
    await app.shot('unit-form-server-error');
    expect(await drawer.getByLabel('企业名称').inputValue()).toBe('临汾金殿矿业有限公司');
    expect(await drawer.getByLabel('开采深度(m)').inputValue()).toBe('420');

    await drawer.getByLabel('单位编号').fill('yd-ug-009');
    await drawer.getByRole('button', { name: /保\s?存$/ }).click();
    await page.getByRole('heading', { name: '金殿铁矿' }).waitFor();
    const got = ok(await app.session.call('units.get', { id: 'yd-ug-009' }));
    expect(got.unit).toMatchObject({ kind: 'underground', kindLabel: '地下矿山', depth: 420, miningLicenceUntil: '2027-12-31', principalPhone: '0357-2345000', creditCode: creditCode(77) });
    // R22: an underground mine with no 包保责任人 is flagged on its page
    await page.getByText('未明确包保责任人（R22）').first().waitFor();
  }, 90_000);

  it('edits a unit: the form opens with its values and saves a change', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /编\s?辑/ }).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    expect(await drawer.getByLabel('单位编号').inputValue()).toBe('yd-ug-009');
    expect(await drawer.getByLabel('单位编号').isDisabled()).toBe(true);
    await drawer.getByLabel('主要负责人', { exact: true }).fill('孙明');
    await drawer.getByRole('button', { name: /保\s?存$/ }).click();
    await page.locator('.ant-descriptions-row', { hasText: '主要负责人' }).getByText('孙明', { exact: true }).waitFor();
    expect(ok(await app.session.call('units.get', { id: 'yd-ug-009' })).unit.principal).toBe('孙明');
  }, 60_000);

  it('imports a bad registry file: every error listed, nothing imported; then a good one', async () => {
    const { page } = app;
    await openRegistry();
    const before = await countText();
    const dir = tempDir('kafj-e2e-reg-');
    const badRecords = [
      unitRecord('im-001', '地下矿山', 101, { creditCode: '91141000MA0000101X' }),
      unitRecord('im-002', '露天矿山', 102, { principalPhone: '12ab' }),
      unitRecord('im-003', '选矿厂', 103, { pondId: 'no-such-pond' }),
      unitRecord('im-004', '尾矿库', 104, { status: '停产' }),
    ];
    const bad = await registryXlsx(badRecords, path.join(dir));
    const expected = (await readRegistryXlsx(bad, {})).errors;
    expect(expected.length).toBeGreaterThanOrEqual(4);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入台账' }).click()]);
    await chooser.setFiles(bad);
    const list = page.getByTestId('import-errors');
    await list.waitFor();
    await page.locator('.ant-modal-confirm-title', { hasText: '台账文件有错误，未导入任何单位' }).waitFor();
    const items = await list.locator('.ant-list-item').allInnerTexts();
    expect(items.length).toBe(expected.length);
    for (const line of expected.filter((l) => l.startsWith('第 '))) expect(items).toContain(line);
    expect(await page.locator('.ant-modal', { hasText: `共 ${expected.length} 处错误` }).count()).toBe(1);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await app.shot('registry-import-errors');
    await page.locator('.ant-modal').getByRole('button', { name: /知道了|确定|OK/ }).click();
    expect(await countText()).toBe(before);
    expect(ok(await app.session.call('units.list', {})).some((u) => u.id.startsWith('im-'))).toBe(false);

    const goodDir = tempDir('kafj-e2e-reg-');
    const good = await registryXlsx(
      [unitRecord('im-101', '地下矿山', 201), unitRecord('im-102', '尾矿库', 202), unitRecord('im-103', '选矿厂', 203, { pondId: 'im-102' }), unitRecord('yd-ot-006', '地热', 6, { township: '屯里镇' })],
      goodDir,
    );
    const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入台账' }).click()]);
    await chooser2.setFiles(good);
    await page.locator('.ant-modal-confirm-title', { hasText: '台账导入完成' }).waitFor();
    const summary = await page.locator('.ant-modal').innerText();
    expect(summary).toContain('新增 3 个单位，更新 1 个，未变化 0 个');
    await app.shot('registry-import-done');
    await page.locator('.ant-modal').getByRole('button', { name: /知道了|确定|OK/ }).click();
    await page.locator('.ant-table-row', { hasText: 'im-103' }).waitFor();
    expect(await countText()).toBe('共 10 个单位');
  }, 90_000);

  it('exports the registry and offers to open its folder', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '导出台账' }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '台账已导出' }).waitFor();
    expect(await page.locator('.ant-modal').innerText()).toContain('共 10 个单位');
    await page.getByRole('button', { name: '打开所在文件夹' }).waitFor();
    await app.shot('registry-exported');
    await page.getByRole('button', { name: '打开所在文件夹' }).click();
    await expect.poll(() => page.locator('.ant-modal-confirm-title:visible').count()).toBe(0);
  }, 60_000);
});

describe('单位详情 (Chromium)', () => {
  it('shows the tier history with each change’s clause and cause, events (voided struck through), inspections, assessments and what is due', async () => {
    const { session, page } = app;
    await create(unitRecord('lf-ug-301', '地下矿山', 301, { miningLicence: 'C1410002010127130099999', miningLicenceUntil: '2025-08-01', safetyLicence: '（晋）FM安许证字〔2022〕001', safetyLicenceUntil: '2025-03-01' }));
    ok(await session.call('assessments.saveDraft', { unitId: 'lf-ug-301', ref: '2024-03-20', sheet: sheet('underground', '2024-03-20'), assessors: ['王涛', '杨义端'] }));
    ok(await session.call('assessments.confirm', { unitId: 'lf-ug-301', ref: '2024-03-20' }));
    ok(
      await session.call('inspections.record', {
        unitId: 'lf-ug-301',
        date: '2025-02-10',
        kind: '执法检查',
        inspectors: ['王涛', '李明'],
        findings: '井下通风系统不完善',
        hazards: [{ description: '主通风机无备用电源', rectifyBy: '2025-03-10' }, { description: '安全出口不符合要求' }],
      }),
    );
    const nonfatal = ok(await session.call('events.record', { unitId: 'lf-ug-301', event: { date: '2025-03-05', type: 'nonfatal-accident' }, note: '误录' }));
    ok(await session.call('events.void', { unitId: 'lf-ug-301', seq: nonfatal.seq, reason: '录入错误，实为相邻单位事故' }));
    ok(await session.call('events.record', { unitId: 'lf-ug-301', event: { date: '2025-05-08', type: 'fatal-accident' }, note: '井下冒顶，1人死亡' }));
    ok(await session.call('events.record', { unitId: 'lf-ug-301', event: { date: '2025-05-20', type: 'standardization', grade: '三级' } }));
    ok(await session.call('assessments.saveDraft', { unitId: 'lf-ug-301', ref: 'draft-2025', sheet: sheet('underground', '2025-06-01'), assessors: ['王涛'] }));
    ok(await session.call('officials.assign', { unitId: 'lf-ug-301', name: '周强', post: '副县长', phone: '13900139000', from: '2025-04-01' }));

    await page.goto(`${app.url}#/unit/lf-ug-301`);
    await page.reload();
    await page.getByRole('heading', { name: '测试地下矿山301' }).waitFor();
    expect(await page.getByTestId('unit-tier').innerText()).toContain('D级 重大风险');
    const tl = page.getByTestId('tier-history');
    await tl.getByText('2025年5月8日').first().waitFor();
    const text = await tl.innerText();
    for (const s of ['2024年3月20日', 'A级 低风险', 'R16', '评分定级', '2025年2月10日', 'B级 一般风险', 'R18.2', '累计发现2处重大事故隐患', 'R18.1', '亡人事故', 'D级 重大风险', '生产安全亡人事故']) {
      expect(text).toContain(s);
    }
    expect(text.indexOf('2025年5月8日')).toBeLessThan(text.indexOf('2024年3月20日')); // newest first
    const due = await page.getByTestId('unit-due').innerText();
    expect(due).toContain('R18.4');
    expect(due).toContain('取得或提升安全生产标准化等级');
    // flags: the fatal accident (R17.1), the open hazards (R17.3), the licences
    await page.getByText('安全生产许可证已于 2025年3月1日 过期').waitFor();
    await page.getByText('采矿许可证将于 2025年8月1日 到期（90天内）').waitFor();
    await page.getByText(/R17\.1/).first().waitFor();
    expect(await page.locator('.ant-descriptions-row', { hasText: '安全生产许可证' }).getByText('已过期').count()).toBe(1);
    // 包保责任人 with history
    expect(await page.getByText('周强').count()).toBeGreaterThan(0);
    expect(await page.getByText('李四').count()).toBeGreaterThan(0);
    await app.shot('unit-detail');

    // assessments: the draft links to the score sheet
    expect(await page.locator('.ant-table-row', { hasText: 'draft-2025' }).getByText('草稿').count()).toBe(1);
    expect(await page.locator('.ant-table-row', { hasText: '2024-03-20' }).getByText('已确认').count()).toBe(1);
    // events: the voided one struck through with its reason
    await page.getByRole('tab', { name: /事件/ }).click();
    const voided = page.locator('.ant-table-row', { hasText: '录入错误，实为相邻单位事故' });
    await voided.waitFor();
    expect(await voided.locator('del').count()).toBeGreaterThan(0);
    await app.shot('unit-detail-events');
    await page.getByRole('tab', { name: /检查记录/ }).click();
    await page.getByText('主通风机无备用电源').waitFor();
    await page.getByRole('tab', { name: /评估记录/ }).click();
    await page.getByText('继续评分').click();
    expect(page.url()).toContain('#/score/lf-ug-301/draft-2025');
  }, 90_000);

  it('changes the 包保责任人 with officials.assign', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/unit/lf-ug-301`);
    await page.getByRole('heading', { name: '测试地下矿山301' }).waitFor();
    await page.getByRole('button', { name: /更\s?换$/ }).click();
    await page.getByLabel('姓名').fill('吴军');
    await page.getByLabel('职务').fill('副区长');
    await page.getByLabel('电话').fill('123');
    await page.getByRole('button', { name: /保\s?存$/ }).click();
    await page.getByText('应为 7–12 位数字，区号可用“-”连接（如 0357-2345678）').waitFor();
    await page.getByLabel('电话').fill('13700137000');
    await page.getByRole('button', { name: /保\s?存$/ }).click();
    await page.getByText('已更换包保责任人').waitFor();
    const officials = ok(await app.session.call('units.get', { id: 'lf-ug-301' })).officials;
    expect(officials.at(-1)).toMatchObject({ name: '吴军', post: '副区长', phone: '13700137000', to: null });
  }, 60_000);
});
