/** 评分 in Chromium: fill a sheet with a live score, caps, what-if, save, reopen, confirm (R16, R17, D4–D6, R19). */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitRecord } from '../db/fixtures';
import { setupDirect } from './flows';
import { openApp, type E2E } from './harness';

let app: E2E;
beforeAll(async () => {
  app = await openApp();
  await setupDirect(app);
  for (const rec of [
    unitRecord('ug-score', '地下矿山', 501),
    unitRecord('tl-pond', '尾矿库', 502),
    unitRecord('cf-mill', '选矿厂', 503, { pondId: 'tl-pond' }),
    unitRecord('gt-heat', '地热', 504),
  ]) {
    const r = await app.session.call('units.create', rec);
    if (!r.ok) throw new Error(r.error.message);
  }
}, 60_000);
afterAll(async () => app?.close());

const score = (page: Page) => page.getByTestId('score-value').innerText();
const item = (page: Page, id: string) => page.locator(`[data-item="${id}"]`);

async function setDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function unitTier(id: string) {
  const r = await app.session.call('units.get', { id });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.timeline.tier;
}

describe('评分 (Chromium)', () => {
  it('R16 fills a sheet: the live score follows the answers, caps show, what-if proposes the fewest fixes; save, reopen, confirm → read-only and the tier is set', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/score/ug-score`);
    await page.getByText('实时得分').waitFor();
    expect(await page.getByText('参考分值，非正式评分标准').count()).toBeGreaterThan(0);
    expect(await score(page)).toBe('100');
    await setDate(page, '评估日期', '2025-06-10');

    // equipment: ventilation 5 + 1.5 = 6.5, capped at the item's 5 (扣完为止)
    await item(page, 'ug-eq-ventilation').getByRole('checkbox', { name: /^未形成完整的机械通风系统/ }).check();
    expect(await score(page)).toBe('95');
    await item(page, 'ug-eq-ventilation').getByRole('checkbox', { name: /^主通风机无备用电机/ }).check();
    expect(await score(page)).toBe('95');
    await item(page, 'ug-eq-ventilation').getByText('原计6.5分，封顶').waitFor();
    for (const o of ['提升钢丝绳未按规定检测检验', '提升机（绞车）未按规定检测检验', '斜井“一坡三挡”缺失或失效']) {
      await item(page, 'ug-eq-hoisting').getByRole('checkbox', { name: new RegExp(`^${o.replace(/[()（）]/g, '.')}`) }).check();
    }
    expect(await score(page)).toBe('89');
    await item(page, 'ug-eq-power').locator('input').fill('3');
    await item(page, 'ug-eq-power').locator('input').blur();
    expect(await score(page)).toBe('86');
    await item(page, 'ug-inh-geology').getByRole('radio', { name: /^复杂/ }).check();
    await item(page, 'ug-inh-hydrogeology').getByRole('radio', { name: /^复杂/ }).check();
    await item(page, 'ug-mgt-certificates').getByRole('checkbox', { name: /^采矿许可证或安全生产许可证过期/ }).check();
    // 100 − 6 − (5 + 6 + 3) − 4 = 76 → B; bands: depth 620 m → 2 points → 74 → C
    await item(page, 'ug-inh-depth').locator('input').fill('620');
    await item(page, 'ug-inh-depth').locator('input').blur();
    await item(page, 'ug-inh-depth').getByText('适用档：500m至小于800m，扣2分').waitFor();
    expect(await score(page)).toBe('74');
    expect(await page.getByTestId('final-tier').innerText()).toContain('C级');
    await page.getByTestId('explanation').getByText('原计6.5分，按本项满分5分封顶').waitFor();
    expect(await page.getByText(/项未填写，按0分计/).count()).toBeGreaterThan(0);
    await app.shot('score-sheet-items');
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('score-sheet');

    // what-if: 74 → B needs 75; fixing the hoisting system (6) alone is enough
    await page.getByRole('tab', { name: '假如整改' }).click();
    const w = page.getByTestId('whatif');
    await w.getByText('需整改 1 项即可升至').waitFor();
    expect(await w.innerText()).toContain('提升系统');
    expect(await w.innerText()).toContain('74 → 80');
    await app.shot('score-whatif');

    // R17: a direct-D clause makes it D whatever the score; no fix helps
    const r175 = page.getByRole('checkbox', { name: /R17\.5/ });
    await r175.check();
    expect(await page.getByTestId('final-tier').innerText()).toContain('D级');
    await w.getByText('整改扣分项不能改变等级').waitFor();
    expect(await score(page)).toBe('74');
    await r175.uncheck();
    expect(await page.getByTestId('final-tier').innerText()).toContain('C级');

    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存（评估编号 2025-06-10）').waitFor();
    expect(page.url()).toContain('#/score/ug-score/2025-06-10');

    // reopen the draft: everything typed is there
    await page.reload();
    await page.getByText('实时得分').waitFor();
    await page.getByText('草稿编号 2025-06-10').waitFor();
    expect(await score(page)).toBe('74');
    expect(await item(page, 'ug-inh-depth').locator('input').inputValue()).toBe('620');
    expect(await item(page, 'ug-eq-ventilation').locator('input[type=checkbox]:checked').count()).toBe(2);
    expect(await unitTier('ug-score')).toBeNull();

    await page.getByRole('button', { name: /^确\s?认$/ }).click();
    await page.getByText('确认后，本次评估永远不能再修改，只能由新的评估替代。').waitFor();
    await app.shot('score-confirm-warning');
    await page.getByRole('button', { name: '确认评估' }).click();
    await page.getByText('评估「2025-06-10」已确认').waitFor();
    expect(await page.getByRole('button', { name: '保存草稿' }).count()).toBe(0);
    expect(await item(page, 'ug-inh-depth').locator('input').isDisabled()).toBe(true);
    expect(await unitTier('ug-score')).toBe('C');
    await page.getByText('C级 较大风险').first().waitFor();
    await app.shot('score-confirmed');

    // the confirmed assessment reopens read-only
    await page.reload();
    await page.getByText('评估「2025-06-10」已确认').waitFor();
    expect(await score(page)).toBe('74');
    expect(await item(page, 'ug-eq-power').locator('input').isDisabled()).toBe(true);
  }, 120_000);

  it('D6 a geothermal unit gets a tier by hand with a written basis; R19 a concentrator points to its pond', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/score/gt-heat`);
    await page.getByText('人工定级（D6）').waitFor();
    await setDate(page, '定级日期', '2025-06-11');
    await page.getByLabel('风险等级').click();
    await page.getByTitle('B级 一般风险').click();
    await page.getByPlaceholder(/参照露天矿山评分表/).fill('开采规模小，无重大事故隐患，按一般风险管理');
    await page.getByRole('button', { name: '确认定级' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确认定级' }).click();
    await page.getByText('依据：开采规模小，无重大事故隐患，按一般风险管理').waitFor();
    expect(await unitTier('gt-heat')).toBe('B');
    await app.shot('score-manual-d6');

    await page.goto(`${app.url}#/score/cf-mill`);
    await page.getByText('选矿厂不单独评分（R19）').waitFor();
    await page.getByText('配套尾矿库：tl-pond').waitFor();
    await app.shot('score-concentrator');
    await page.getByRole('button', { name: '为尾矿库评分' }).click();
    await page.getByText('附表3 尾矿库安全风险分级评分表').waitFor();
  }, 60_000);
});
