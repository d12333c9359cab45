/**
 * 工作台 in the real UI (Chromium): the counts by tier as cards, the chart by kind in the tier
 * colours, re-assessments due, C/D inspections missing for the period (R20), licences, units with
 * no 包保责任人 (R22) and the N2 calendar — all as `dashboard.get` says (today 2025-06-16).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitRecord } from '../db/fixtures';
import { emptySheet, setupDirect } from './flows';
import { ok } from '../db/helpers';
import { SCREENSHOTS, openApp, type E2E } from './harness';

let app: E2E;
beforeAll(async () => {
  app = await openApp();
  await setupDirect(app);
}, 60_000);
afterAll(async () => app?.close());

const sheet = emptySheet;

async function assess(unitId: string, kind: string, date: string, extra: Record<string, unknown> = {}): Promise<void> {
  ok(await app.session.call('assessments.saveDraft', { unitId, ref: 'a1', sheet: sheet(kind, date, extra), assessors: ['王涛'] }));
  ok(await app.session.call('assessments.confirm', { unitId, ref: 'a1' }));
}

async function hazards(unitId: string, date: string, n: number): Promise<void> {
  const list = Array.from({ length: n }, (_, i) => ({ description: `重大事故隐患${i + 1}` }));
  ok(await app.session.call('inspections.record', { unitId, date, kind: '执法检查', inspectors: ['王涛'], hazards: list }));
}

describe('工作台 (Chromium)', () => {
  it('shows the counts by tier and kind, the chart, and every list of duties', async () => {
    const { session, page } = app;
    const noOfficial = unitRecord('ug-3', '地下矿山', 3);
    delete noOfficial.officialName;
    delete noOfficial.officialPost;
    delete noOfficial.officialPhone;
    for (const r of [
      unitRecord('ug-1', '地下矿山', 1),
      unitRecord('ug-2', '地下矿山', 2),
      unitRecord('op-1', '露天矿山', 11, { safetyLicence: '（晋）FM安许证字〔2022〕011', safetyLicenceUntil: '2025-01-01' }),
      unitRecord('tl-1', '尾矿库', 21),
      unitRecord('qu-1', '小型露天采石场', 31),
      unitRecord('ex-1', '地质勘探单位', 41, { qualification: '地勘资质甲-041', qualificationUntil: '2025-07-01' }),
      noOfficial,
    ]) {
      ok(await session.call('units.create', r));
    }
    await assess('ug-1', 'underground', '2025-01-10'); // A
    ok(await session.call('events.record', { unitId: 'ug-1', event: { date: '2025-04-01', type: 'nonfatal-accident' }, note: '' })); // R18.8 due
    await assess('ug-2', 'underground', '2025-01-10');
    await hazards('ug-2', '2025-02-01', 2); // B (R18.2)
    await assess('op-1', 'openpit', '2025-01-10');
    await hazards('op-1', '2025-02-01', 3); // C (R18.3), inspected this half-year
    await assess('tl-1', 'tailings', '2024-03-01');
    await hazards('tl-1', '2024-11-01', 3); // C since 2024, not inspected this half-year
    await assess('qu-1', 'quarry', '2025-01-10', { directD: ['R17.4'] }); // D, not inspected this quarter

    const d = ok(await session.call('dashboard.get', {}));
    expect(d.byTier).toEqual({ A: 1, B: 1, C: 2, D: 1, none: 2 });

    await page.reload();
    await page.getByText('截至 2025年6月16日').waitFor();
    const stats = page.getByTestId('tier-stats');
    const stat = async (title: string) => (await stats.locator('.ant-card', { hasText: title }).locator('.ant-statistic-content-value').innerText()).trim();
    expect(await stat('单位总数')).toBe('7');
    expect(await stat('D级 重大风险')).toBe('1');
    expect(await stat('C级 较大风险')).toBe('2');
    expect(await stat('B级 一般风险')).toBe('1');
    expect(await stat('A级 低风险')).toBe('1');
    expect(await stat('未定级')).toBe('2');

    // the chart: a canvas drawn by echarts, of a real size
    const chart = page.getByTestId('dashboard-chart');
    await chart.locator('canvas').waitFor();
    const box = await chart.boundingBox();
    expect(box && box.width > 400 && box.height > 200).toBe(true);
    const painted = await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx) return 0;
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let red = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! > 200 && px[i + 1]! < 40 && px[i + 2]! < 60) red++; // #E60012
      return red;
    });
    expect(painted).toBeGreaterThan(50); // the D bar in R23 red

    const section = (title: string) => page.locator('.ant-card', { hasText: title });
    // re-assessments due: R18.8 for ug-1, R18.6 after the upgrades
    const due = await section('应重新评估（R18.4–R18.10）').innerText();
    expect(due).toContain('R18.8');
    expect(due).toContain('发生生产安全事故（未亡人）');
    expect(due).toContain('2025年');
    // R20: tl-1 (C, 2025年上半年) and qu-1 (D, 2025年第2季度) — not op-1, inspected in February
    const missing = await section('本期尚未记录检查的C、D级单位（R20）').innerText();
    expect(missing).toContain('测试尾矿库21');
    expect(missing).toContain('2025年上半年');
    expect(missing).toContain('测试小型露天采石场31');
    expect(missing).toContain('2025年第2季度');
    expect(missing).not.toContain('测试露天矿山11');
    // licences: one expired, one within 90 days
    const lic = await section('证照到期提醒').innerText();
    expect(lic).toContain('安全生产许可证已于 2025年1月1日 过期');
    expect(lic).toContain('资质证书将于 2025年7月1日 到期');
    // R22
    const off = await section('未明确包保责任人').innerText();
    expect(off).toContain('测试地下矿山3');
    expect(off).not.toContain('测试地下矿山1');
    // N2
    const cal = await section('工作日历（N2）').innerText();
    expect(cal).toContain('2026年3月10日');
    expect(cal).toContain('2026年3月31日');
    await app.shot('dashboard');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-full.png'), fullPage: true });

    // a unit in a list opens its page
    await section('未明确包保责任人').getByText('测试地下矿山3').click();
    await page.getByRole('heading', { name: '测试地下矿山3' }).waitFor();
  }, 90_000);
});
