/** Every .xlsx report exported by the CLI from a database built with `record`, read back with exceljs. */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawSpotChecks } from '../../src/reports/data';
import { runCli } from '../../src/cli/program';
import { tempDir } from '../db/fixtures';
import { FORMULA_NAME, reportDb } from './report-db';

let dbFile = '';
const out = tempDir('kafj-xlsx-');

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** Exports a report and reads its first sheet: header row and the data rows up to the first blank row. */
async function exported(report: string, extra: string[] = [], name = `${report}.xlsx`) {
  const file = path.join(out, name);
  const r = await cli(['export', '--db', dbFile, '--report', report, '--out', file, ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const printed = JSON.parse(r.stdout) as { out: string; rows: number };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let i = 2; i <= ws.rowCount; i++) {
    const row = ws.getRow(i);
    if (!row.hasValues) break;
    rows.push(Object.fromEntries(header.map((h, c) => [h, row.getCell(c + 1).value])));
  }
  return { wb, ws, header, rows, printed, file };
}

beforeAll(async () => {
  const t = await reportDb();
  dbFile = t.file;
  t.db.close();
});

describe('xlsx reports (CLI export)', () => {
  it('tier-list: headers in row 1, one row per unit, tiers as the database holds them, grouped riskiest first', async () => {
    const { header, rows, printed, wb } = await exported('tier-list', ['--year', '2024']);
    expect(header.slice(0, 3)).toEqual(['单位编号', '企业名称', '矿山（尾矿库）名称']);
    expect(header).toContain('风险等级');
    expect(printed.rows).toBe(7);
    expect(Object.fromEntries(rows.map((r) => [r['单位编号'], r['风险等级']]))).toEqual({
      'lf-ug-003': 'D',
      'lf-op-017': 'D',
      'fs-ug-009': 'D',
      'lf-tl-002': 'B',
      'lf-mill-1': 'B',
      'hd-qr-005': 'B',
      'lf-ex-001': '未定级',
    });
    expect(rows.map((r) => r['风险等级'])).toEqual(['D', 'D', 'D', 'B', 'B', 'B', '未定级']);
    expect(rows.find((r) => r['单位编号'] === 'hd-qr-005')?.['最近评估得分']).toBe(79);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['风险等级名单', '分类统计', '说明']);
    expect(wb.worksheets[0]!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('tier-list as of an earlier year reads the history on 31 December of that year', async () => {
    const { rows } = await exported('tier-list', ['--year', '2023'], 'tier-2023.xlsx');
    expect(Object.fromEntries(rows.map((r) => [r['单位编号'], r['风险等级']]))).toMatchObject({ 'lf-tl-002': 'A', 'lf-mill-1': 'A', 'hd-qr-005': '未定级', 'lf-op-017': 'D' });
  });

  it('N2 adjustments: every change of tier in the year, with old tier, new tier, date, clause and cause', async () => {
    const { header, rows } = await exported('adjustments', ['--year', '2024']);
    expect(header).toEqual(expect.arrayContaining(['单位编号', '风险等级', '原风险等级', '调整日期', '依据条款', '调整原因']));
    expect(rows.map((r) => [r['单位编号'], r['原风险等级'], r['风险等级'], r['调整日期'], r['依据条款']])).toEqual([
      ['fs-ug-009', '未定级', 'D', '2024-03-01', 'R17.6'],
      ['hd-qr-005', '未定级', 'B', '2024-04-02', 'R16'],
      ['lf-mill-1', 'A', 'B', '2024-06-20', 'R18.2'],
      ['lf-tl-002', 'A', 'B', '2024-06-20', 'R18.2'],
    ]);
    const y2023 = await exported('adjustments', ['--year', '2023'], 'adj-2023.xlsx');
    const op = y2023.rows.filter((r) => r['单位编号'] === 'lf-op-017');
    expect(op.map((r) => `${r['原风险等级']}→${r['风险等级']} ${r['依据条款']} ${r['调整原因']}`)).toEqual([
      '未定级→A R16 评分定级',
      'A→B R18.2 年度内发现2条重大事故隐患，升1级',
      'B→D R18.3 年度内发现3条及以上重大事故隐患，升级',
    ]);
    expect(y2023.rows.find((r) => r['单位编号'] === 'lf-ug-003' && r['风险等级'] === 'D')?.['调整原因']).toBe('发生亡人事故，直接升为D级');
  });

  it('R15 assessment-report (附表7): one row per unit with dimensions, score, tiers, direct-D, assessors, table version; totals at the foot', async () => {
    const { header, rows, ws } = await exported('assessment-report', ['--year', '2024']);
    expect(header).toEqual(expect.arrayContaining(['单位编号', '初始分', '固有风险', '安全设备设施', '安全生产管理', '从业人员素质', '项目部管理', '正向激励', '得分', '得分等级', '直接判定D级条款', '风险等级', '评估日期', '评估人员', '评分表版本', '参考分值']));
    expect(rows).toHaveLength(7);
    const q = rows.find((r) => r['单位编号'] === 'hd-qr-005')!;
    expect(q).toMatchObject({ 初始分: 90, 固有风险: 6, 安全设备设施: 5, 得分: 79, 得分等级: 'B', 风险等级: 'B', 评估日期: '2024-04-02', 评估人员: '王涛、杨义端', 评分表版本: 'linfen-2023 ref-1', 参考分值: '是' });
    expect(q['项目部管理']).toBeNull();
    const fs = rows.find((r) => r['单位编号'] === 'fs-ug-009')!;
    expect(fs).toMatchObject({ 直接判定D级条款: 'R17.6', 得分等级: 'A', 风险等级: 'D' });
    expect(rows.find((r) => r['单位编号'] === 'lf-ex-001')?.['风险等级']).toBe('未评估');
    const foot = ws.getRow(rows.length + 3);
    expect(foot.getCell(1).value).toBe('合计');
    // 附表7 reports each assessment's own result: only fs-ug-009 was assessed D (R17.6)
    expect(String(foot.getCell(5).value)).toBe('D级 1 个');
    expect(String(foot.getCell(4).value)).toBe('C级 0 个');
  });

  it('R20 D10 plan: the published plan columns, D quarterly and C half-yearly, and a reproducible draw from the A/B pool', async () => {
    const { header, rows, wb } = await exported('plan', ['--year', '2024', '--seed', '临汾2024', '--rate', '0.5']);
    expect(header).toEqual(['检查对象', '单位编号', '所属县区', '风险等级', '检查事项', '检查方式', '频次', '时间安排', '承办机构']);
    const d = rows.filter((r) => r['风险等级'] === 'D');
    expect(new Set(d.map((r) => r['单位编号']))).toEqual(new Set(['lf-ug-003', 'lf-op-017', 'fs-ug-009']));
    expect(d.filter((r) => r['单位编号'] === 'lf-ug-003').map((r) => r['时间安排'])).toEqual(['2024年第一季度（1月—3月）', '2024年第二季度（4月—6月）', '2024年第三季度（7月—9月）', '2024年第四季度（10月—12月）']);
    const pool = wb.getWorksheet('A、B级随机抽查池')!;
    const poolIds: string[] = [];
    pool.eachRow((row, i) => i > 1 && poolIds.push(String(row.getCell(1).value)));
    expect(poolIds.sort()).toEqual(['hd-qr-005', 'lf-mill-1', 'lf-tl-002']);
    const drawn = rows.filter((r) => r['检查方式'] === '随机抽查').map((r) => String(r['单位编号']));
    expect(drawn).toEqual(drawSpotChecks(poolIds, 0.5, '临汾2024'));
    expect(drawn).toHaveLength(2);
    const again = await exported('plan', ['--year', '2024', '--seed', '临汾2024', '--rate', '0.5'], 'plan-again.xlsx');
    expect(again.rows).toEqual(rows);
    const notes: string[] = [];
    wb.getWorksheet('说明')!.eachRow((row) => notes.push(`${String(row.getCell(1).value)}=${String(row.getCell(2).value)}`));
    expect(notes).toContain('随机种子=临汾2024');
    expect(notes).toContain('抽查比例=50%');
  });

  it('R21 R22 officials: underground mines and tailings ponds with their 包保责任人, missing ones first', async () => {
    const { header, rows } = await exported('officials', ['--year', '2024']);
    expect(header).toEqual(expect.arrayContaining(['单位编号', '风险等级', '包保责任人', '职务', '联系电话']));
    expect(rows.map((r) => [r['单位编号'], r['包保责任人']])).toEqual([
      ['lf-tl-002', '未明确'],
      ['fs-ug-009', '李四'],
      ['lf-ug-003', '李四'],
    ]);
  });

  it('registry: the import template columns plus 风险等级, and it re-imports unchanged', async () => {
    const { header, rows, file } = await exported('registry');
    expect(header[0]).toBe('单位编号');
    expect(header[header.length - 1]).toBe('风险等级');
    expect(rows).toHaveLength(7);
    const r = await cli(['units-import', '--db', dbFile, '--xlsx', file]);
    expect(JSON.parse(r.stdout)).toEqual({ created: 0, updated: 0 });
  });

  it('a formula-looking registry value comes out of every xlsx as plain text, never a formula', async () => {
    for (const report of ['tier-list', 'assessment-report', 'registry']) {
      const { ws, rows } = await exported(report, ['--year', '2024'], `formula-${report}.xlsx`);
      const i = rows.findIndex((r) => r['单位编号'] === 'hd-qr-005');
      const col = (ws.getRow(1).values as unknown[]).indexOf('企业名称');
      const cell = ws.getRow(i + 2).getCell(col);
      expect(cell.value).toBe(FORMULA_NAME);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
  });

  it('refuses an unknown report, a wrong extension, and a notice without PDF; exit 2 with a Chinese line', async () => {
    const bad = await cli(['export', '--db', dbFile, '--report', 'summary', '--out', path.join(out, 'x.xlsx')]);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/^未知的报表 "summary"/);
    const ext = await cli(['export', '--db', dbFile, '--report', 'plan', '--out', path.join(out, 'x.pdf')]);
    expect(ext.stderr).toMatch(/只能导出为 \.xlsx/);
    const year = await cli(['export', '--db', dbFile, '--report', 'plan', '--out', path.join(out, 'x.xlsx'), '--year', '二〇二四']);
    expect(year).toMatchObject({ code: 2, stderr: '--year 年份应为四位数字，如 2024，实际为 "二〇二四"\n' });
  });
});

describe('D10 the spot-check draw', () => {
  it('D10 the same seed and pool give the same draw; the pool order does not matter', () => {
    const pool = Array.from({ length: 40 }, (_, i) => `u-${i}`);
    const a = drawSpotChecks(pool, 0.2, '2025');
    expect(a).toHaveLength(8);
    expect(drawSpotChecks([...pool].reverse(), 0.2, '2025')).toEqual(a);
    expect(drawSpotChecks(pool, 0.2, '2026')).not.toEqual(a);
    expect(drawSpotChecks([], 0.5, 'x')).toEqual([]);
  });
});
