/** 事件与检查 in Chromium: each form previews its effect before saving (R18.1–3, R18.8, D2, D9, R17.3). */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitRecord } from '../db/fixtures';
import { setupDirect } from './flows';
import { openApp, type E2E } from './harness';

let app: E2E;
const UNIT = 'ug-events';

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const x = await r;
  if (!x.ok) throw new Error(x.error.message);
  return x.value;
}

beforeAll(async () => {
  app = await openApp();
  await setupDirect(app);
  await must(app.session.call('units.create', unitRecord(UNIT, '地下矿山', 601)));
  // an initial assessment: an empty sheet scores 100 → A
  const d = await must(
    app.session.call('assessments.saveDraft', {
      unitId: UNIT,
      sheet: { kind: 'underground', table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: '2025-01-10', answers: {} },
      assessors: ['王涛'],
    }),
  );
  await must(app.session.call('assessments.confirm', { unitId: UNIT, ref: d.ref }));
}, 60_000);
afterAll(async () => app?.close());

const tier = async () => (await must(app.session.call('units.get', { id: UNIT }))).timeline;
async function save(page: Page): Promise<void> {
  const b = page.getByTestId('event-save');
  try {
    await b.click({ timeout: 10_000 });
  } catch (e) {
    await app.shot('events-save-failed');
    throw e;
  }
}

async function setDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('事件与检查 (Chromium)', () => {
  it('R18.2 two major hazards found by an enforcement inspection: the preview shows A → B before saving, then the tier goes up one step; hazards are rectified (R17.3)', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/events/${UNIT}`);
    await page.getByText('记录事件').waitFor();
    expect(await page.getByTestId('current-tier').innerText()).toContain('A级');

    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: /^监督检查$/ }).click();
    await setDate(page, '检查日期', '2025-06-12');
    const who = page.getByLabel('检查人员');
    await who.fill('李明');
    await who.press('Enter');
    await page.getByPlaceholder('检查发现的主要问题、处理意见').fill('提升系统、通风系统存在重大事故隐患');
    await page.getByText('添加重大事故隐患').click();
    await page.getByLabel('隐患1描述').fill('提升钢丝绳断丝超限仍在使用');
    await setDate(page, '隐患1整改期限', '2025-07-12');
    // one hazard: counted toward the year, no threshold crossed yet
    await page.getByTestId('preview-tiers').getByText('等级不变').waitFor();
    await page.getByText('添加重大事故隐患').click();
    await page.getByLabel('隐患2描述').fill('主通风机停运，未形成机械通风系统');
    await page.getByTestId('event-preview').getByText('R18.2').waitFor();
    const preview = await page.getByTestId('event-preview').innerText();
    expect(preview).toMatch(/当前\s*A级\s*→\s*记录后\s*B级/);
    expect(preview).toContain('R18.6');
    expect((await tier()).tier).toBe('A');
    await app.shot('events-inspection-preview');

    await save(page);
    await page.getByText(/检查已记录，2 条重大事故隐患计入本年度/).waitFor();
    await page.getByTestId('current-tier').getByText('B级').waitFor();
    expect((await tier()).tier).toBe('B');
    expect((await tier()).history.at(-1)).toMatchObject({ tier: 'B', clause: 'R18.2' });

    // the hazards of the inspection, then rectification of one
    await page.getByText('提升钢丝绳断丝超限仍在使用').waitFor();
    // the first is past its rectify-by date (2025-07-12) by the computer's clock; the second has none
    expect(await page.getByText('逾期未整改').count()).toBe(1);
    expect(await page.getByText('整改中').count()).toBe(1);
    const rows = await must(app.session.call('units.get', { id: UNIT }));
    const h1 = rows.inspections[0]!.hazards[0]!;
    await setDate(page, `隐患${h1.id}整改日期`, '2025-06-14');
    await page.getByText('已整改，待销号').waitFor();
    expect((await must(app.session.call('units.get', { id: UNIT }))).inspections[0]!.hazards[0]!.rectifiedOn).toBe('2025-06-14');
    await page.getByText('监督检查与重大事故隐患').scrollIntoViewIfNeeded();
    await app.shot('events-after-inspection');
  }, 120_000);

  it('R18.8 a non-fatal accident makes a re-assessment due; voided with a reason it no longer counts', async () => {
    const { page } = app;
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: /^生产安全事故$/ }).click();
    await setDate(page, '事故发生日期', '2025-06-13');
    await page.getByText('未造成人员死亡（R18.8）').click();
    await page.getByTestId('event-preview').getByText('发生生产安全事故（未亡人），应重新评估').waitFor();
    await save(page);
    await page.getByTestId('due-list').getByText('R18.8').waitFor();
    expect((await tier()).due.map((d) => d.clause)).toContain('R18.8');

    await page.getByRole('row', { name: /生产安全事故（未亡人）/ }).getByRole('button', { name: /作\s?废/ }).click();
    await page.getByLabel('作废原因').fill('误录：事故发生在相邻企业');
    await page.locator('.ant-modal').getByRole('button', { name: /作\s?废/ }).click();
    await page.locator('.ant-table').getByText('误录：事故发生在相邻企业').waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    expect((await tier()).due.map((d) => d.clause)).not.toContain('R18.8');
  }, 60_000);

  it('R18.1 a fatal accident: the preview shows D and the re-scoring due a year later (R18.6); saved, the unit is D', async () => {
    const { page } = app;
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: /^生产安全事故$/ }).click();
    await setDate(page, '事故发生日期', '2025-06-15');
    await page.getByText('造成人员死亡（亡人事故，R18.1）').click();
    await page.getByTestId('event-preview').getByText('R18.1').waitFor();
    const preview = await page.getByTestId('event-preview').innerText();
    expect(preview).toMatch(/当前\s*B级\s*→\s*记录后\s*D级/);
    expect(preview).toContain('升级后满一年未再升级，应重新评分');
    expect(preview).toContain('2026-06-15 到期');
    await page.getByPlaceholder('文号、事故简况、来源等（记入档案）').fill('井下冒顶，死亡1人');
    await app.shot('events-fatal-preview');
    await save(page);
    await page.getByTestId('current-tier').getByText('D级').waitFor();
    const t = await tier();
    expect(t.tier).toBe('D');
    expect(t.history.at(-1)).toMatchObject({ tier: 'D', clause: 'R18.1', date: '2025-06-15' });
    await page.getByText('本年度或上一年度发生亡人事故，评估时应直接判定为D级（R17.1）').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('events');
  }, 60_000);
});
