/**
 * The PDF reports rendered from a populated database, read back with poppler: every unit and
 * tier in the text, the provisional note where the tables were provisional, 「第 1 页 共 N 页」,
 * only embedded Noto Sans SC subsets, and a PNG rendering of each.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TIER_NAMES } from '../../src/domain/rules';
import { assessmentRecordData, noticeData, officials, tierLabel, tierList } from '../../src/reports/data';
import { FONT, assessmentRecordPdf, layout, noticeTierText, standardText, writePdf } from '../../src/reports/pdf';
import type { Dimension, Item } from '../../src/tables/schema';
import { tempDir } from '../db/fixtures';
import { pageToPng, pdfPages, pdfText, renderAll, reportDb, type Rendered, type ReportDb } from './pdf-helpers';

const NOTE = layout.provisionalNote;

let data: ReportDb;
let out: Rendered;
let dir: string;
const text: Record<string, string> = {};
const pages: Record<string, number> = {};

beforeAll(async () => {
  data = await reportDb();
  dir = tempDir('kafj-pdf-');
  out = await renderAll(data, dir);
  for (const [key, file] of Object.entries(out.files)) {
    text[key] = pdfText(file);
    pages[key] = pdfPages(file);
  }
  console.log('PDF render times (ms):', out.ms);
}, 60_000);

const pageSize = (file: string): string => /^Page size:\s+(.*)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '';

describe('every document', () => {
  it('has 「第 1 页 共 N 页」 and the right number of pages', () => {
    for (const key of Object.keys(out.files)) {
      expect(pages[key], key).toBeGreaterThan(0);
      expect(text[key], key).toMatch(new RegExp(`第\\s*1\\s*页\\s*共\\s*${pages[key]}\\s*页`));
    }
  });

  it('embeds only Noto Sans SC subsets', () => {
    for (const [key, file] of Object.entries(out.files)) {
      const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(lines.length, key).toBeGreaterThan(0);
      for (const l of lines) {
        const [name, , , , emb, sub] = l.split(/\s+/);
        expect(name, `${key}: ${l}`).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
        expect([emb, sub], `${key}: ${l}`).toEqual(['yes', 'yes']);
      }
    }
  });

  it('renders to PNG with pdftoppm', () => {
    for (const [key, file] of Object.entries(out.files)) {
      const png = pageToPng(file, path.join(dir, `${key}-page1`), 50);
      expect(existsSync(png), key).toBe(true);
      expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });

  it('lists on A4 landscape, the score sheet and the notice on portrait A4, A3 on request', () => {
    for (const key of ['assessment-report', 'tier-list', 'adjustments', 'officials']) expect(pageSize(out.files[key]!), key).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    for (const key of ['assessment-record', 'notice-A4']) expect(pageSize(out.files[key]!), key).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(pageSize(out.files['notice-A3']!)).toMatch(/^841\.89 x 1190\.55 pts \(A3\)/);
  });

  it('puts the bureau and the generation date on the list documents', () => {
    for (const key of ['assessment-report', 'tier-list', 'adjustments', 'officials']) {
      expect(text[key], key).toContain('尧都区应急管理局');
      expect(text[key], key).toContain('2024年12月20日');
    }
  });
});

describe('the documents', () => {
  it('附表7: one row per unit with its tier, totals per tier, provisional versions marked', () => {
    const t = text['assessment-report']!;
    const units = tierList(data.db, data.ctx).rows;
    expect(out.rows['assessment-report']).toBe(units.length);
    expect(t).toContain('非煤矿山安全风险评估报表');
    for (const u of units) {
      expect(t, u.name).toContain(u.name);
      expect(t, u.id).toContain(u.id);
    }
    // (header cells wrap in narrow columns: look for what stays on one line)
    for (const d of ['单位编号', '初始分', '固有风', '正向激', '得分', '风险等级', '评估日期', '评估人员', '评分表版本']) expect(t).toContain(d);
    expect(t).toContain('R17.6');
    expect(t).toContain('人工定级（D6）');
    expect(t).toContain('（参考分值）');
    expect(t).toContain('（正式）');
    expect(t).toMatch(/合计：共 11 家。其中 D级（重大风险） 1 家，C级（较大风险） 1 家，B级（一般风险） 3 家，A级（低风险） 2 家，未评估 4 家/);
  });

  it('assessment record: every item, caps, initial score, R17 clauses, result and signatures; provisional on every page', () => {
    const t = text['assessment-record']!;
    expect(out.rows['assessment-record']).toBe(39);
    expect(t).toContain('附表1 地下矿山安全风险分级评分表');
    for (const s of ['开拓方式', '提升系统', '联合开拓（含盲井）', '每处扣1分', '封顶', '小计', '初始分：100分', '地下矿山停产停建超过6个月', '存在', '82分', 'D级（重大风险）']) {
      expect(t, s).toContain(s);
    }
    for (const s of ['评估人员签字', '单位负责人签字', '监管部门（盖章）', '日期']) expect(t, s).toContain(s);
    for (let p = 1; p <= pages['assessment-record']!; p++) {
      const page = execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), out.files['assessment-record']!, '-'], { encoding: 'utf8' });
      expect(page.trimStart().startsWith(NOTE), `page ${p}`).toBe(true);
    }
    // the same document from an official table set says nothing of the kind
    expect(text['assessment-record-official']).not.toContain('非正式评分标准');
    expect(text['assessment-record-official']).toContain('正式评分标准');
  });

  it('assessment record of a tier set by hand (D6): the basis and the tier, no score sheet', async () => {
    const file = path.join(dir, 'record-d6.pdf');
    expect((await assessmentRecordPdf(assessmentRecordData(data.db, 'geo-1'), file)).rows).toBe(0);
    const t = pdfText(file);
    for (const s of ['人工定级（D6）', '参照露天矿山评分表评定', 'B级（一般风险）', '评估人员签字']) expect(t, s).toContain(s);
    expect(t).not.toContain(NOTE);
  });

  it('tier list: grouped by tier riskiest first, with counts per tier and kind', () => {
    const t = text['tier-list']!;
    expect(t).toContain('2024年度非煤矿山安全风险等级名单');
    const list = tierList(data.db, data.ctx);
    for (const r of list.rows) {
      expect(t, r.name).toContain(r.name);
    }
    const order = ['D', 'C', 'B', null].map((x) => t.indexOf(`${tierLabel(x as never)}：共`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(t).toContain('各风险等级单位数量');
    expect(t).toContain('参考分值评分');
    expect(t).toContain(NOTE);
  });

  it('adjustments: old tier, new tier, date, clause and cause (N2)', () => {
    const t = text['adjustments']!;
    expect(t).toContain('2024年度非煤矿山安全风险等级调整情况表');
    expect(t).toMatch(/A级（低风险）\s+B级（一般风险）\s+2024年5月10日\s+R18\.2\s+年度内发现2条重大事故隐患，升1级/);
    expect(t).toContain('初次评估直接判定D级（R17.6）');
  });

  it('officials: units missing a 包保责任人 first, flagged', () => {
    const t = text['officials']!;
    const rows = officials(data.db, data.ctx);
    expect(rows[0]).toMatchObject({ id: 'tl-1', missing: true });
    for (const r of rows) expect(t, r.name).toContain(r.name);
    expect(t).toContain('【未明确】无包保责任人');
    expect(t.indexOf('金殿镇后沟尾矿库')).toBeLessThan(t.indexOf('测试地下矿山99'));
    expect(t).toContain('未明确 1 座');
  });

  it('notice: one page per unit, the tier in words, the risks, the contacts', () => {
    const t = text['notice-A4']!;
    const ids = tierList(data.db, data.ctx).rows.map((r) => r.id);
    expect(pages['notice-A4']).toBe(ids.length);
    for (const id of ids) {
      const n = noticeData(data.db, id, data.ctx);
      expect(t, id).toContain(noticeTierText(n));
      expect(t, id).toContain(n.unit.name);
    }
    expect(t).toContain('安全风险等级：D级 重大风险');
    for (const s of ['主要安全风险', '应对措施', '日常安全监管部门', '监管联系电话', '包保责任人', '主要负责人', '尧都区应急管理局非煤矿山股', '0357-2345600', '李四（副区长）', '13800138000']) {
      expect(t, s).toContain(s);
    }
    expect(t).toContain(NOTE);
    // the A3 sheet of one unit is one page
    expect(pages['notice-A3']).toBe(1);
    expect(text['notice-A3']).toContain(`D级 ${TIER_NAMES.D}`);
  });
});

describe('wording and access', () => {
  const dim = (effect: 'deduct' | 'add'): Dimension => ({ id: 'd', name: 'd', effect, max: 10, items: [] });
  const item = (rule: Item['rule']): Item => ({ id: 'i', name: '供配电系统', max: 4, rule });

  it('states each rule in words', () => {
    expect(standardText(item({ type: 'count', per: 1, unit: '处', label: '不符合规程的设施' }), dim('deduct'))).toBe('不符合规程的设施，每处扣1分');
    expect(standardText(item({ type: 'choice', options: [{ id: 'a', label: '平硐', points: 0 }, { id: 'b', label: '竖井', points: 2 }] }), dim('deduct'))).toBe('平硐，扣0分；竖井，扣2分（选一项）');
    expect(standardText(item({ type: 'bands', unit: 'm', bands: [{ below: 300, points: 0 }, { below: 500, points: 1 }, { points: 3 }] }), dim('deduct'))).toBe('小于300m，扣0分；300m至小于500m，扣1分；500m及以上，扣3分');
    expect(standardText(item({ type: 'check', label: '通风不良', points: 2 }), dim('add'))).toBe('通风不良，加2分');
    expect(standardText(item({ type: 'manual' }), dim('deduct'))).toBe('按实际情况，由评估人员酌情扣分（须写明理由）');
  });

  it('refuses URL resources and local files outside the font folder', async () => {
    const file = path.join(dir, 'x.pdf');
    const doc = (image: string) => ({ defaultStyle: { font: FONT }, content: ['图', { image }] });
    await expect(writePdf({ defaultStyle: { font: FONT }, content: ['可以'] }, file)).resolves.toBeUndefined();
    await expect(writePdf(doc('https://example.com/x.png'), file)).rejects.toThrow(/access|policy|denied|not allowed/i);
    await expect(writePdf(doc('/etc/hostname'), file)).rejects.toThrow(/access|policy|denied|not allowed/i);
  });
});
