import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, it, expect } from 'vitest';
import { KIND_LABELS, REGISTRY_COLUMNS } from '../../src/registry/unit';
import { readRegistryXlsx, registryTemplateXlsx, writeRegistryXlsx } from '../../src/registry/xlsx';
import { BASE_HEADER, SAMPLE_RECORDS, baseRow, code, tmpDir, writeSheet } from './helpers';

const dir = tmpDir();
let n = 0;
const file = (name: string) => path.join(dir, `${String(++n)}-${name}.xlsx`);

describe('readRegistryXlsx: a good file', () => {
  it('imports units of several kinds, columns in any order, unknown columns ignored', async () => {
    const header = ['类型', '备注', ...BASE_HEADER.filter((h) => h !== '类型'), '开采深度(m)', '现状坝高(m)', '是否头顶库', '配套尾矿库编号', '停产停建日期', '联系人QQ'];
    const row = (id: string, kind: string, i: number, extra: ExcelJS.CellValue[]) => {
      const b = baseRow(id, kind, i);
      return [kind, '随便写点什么', ...b.filter((_, j) => BASE_HEADER[j] !== '类型'), ...extra];
    };
    const f = await writeSheet(file('good'), [
      header,
      row('UG-1', '地下矿山', 1, [800, null, null, null, null, '123']),
      row('TK-1', '尾矿库', 2, [null, 45.5, '是', null, null, null]),
      [],
      row('XK-1', '选矿厂', 3, [null, null, null, 'TK-1', null, null]),
      row('ZW-1', '砖瓦用粘土开采', 4, [null, null, null, null, null, null]),
    ]);
    const r = await readRegistryXlsx(f, {});
    expect(r.errors).toEqual([]);
    expect(r.ignoredColumns).toEqual(['备注', '联系人QQ']);
    expect(r.rows.map((x) => x.row)).toEqual([2, 3, 5, 6]);
    expect(r.rows[0]!.record).toEqual({
      id: 'UG-1',
      enterprise: '企业1',
      name: '矿山1',
      creditCode: code('91141000MA0K00001'),
      kind: 'underground',
      kindLabel: '地下矿山',
      county: '尧都区',
      ownership: '其他',
      status: '生产',
      principal: '负责人1',
      principalPhone: '13800138000',
      depth: 800,
    });
    expect(r.rows[1]!.record).toMatchObject({ id: 'TK-1', kind: 'tailings', damHeight: 45.5, overheadPond: true });
    expect(r.rows[2]!.record).toMatchObject({ id: 'XK-1', kind: 'concentrator', pondId: 'TK-1' });
    expect(r.rows[3]!.record).toMatchObject({ id: 'ZW-1', kind: 'quarry', kindLabel: '砖瓦用粘土开采' });
  });

  it('accepts the three date texts and a real Excel date, and rejects impossible dates', async () => {
    const header = [...BASE_HEADER, '停产停建日期', '采矿许可证号', '采矿许可证有效期至'];
    const stopped = (id: string, i: number, date: ExcelJS.CellValue, until: ExcelJS.CellValue) => {
      const b = baseRow(id, '地下矿山', i);
      b[7] = '停产';
      return [...b, date, 'C-1', until];
    };
    const f = await writeSheet(file('dates'), [
      header,
      stopped('D-1', 1, '2024-03-01', '2026/12/31'),
      stopped('D-2', 2, '2024/3/1', '2026年1月2日'),
      stopped('D-3', 3, '2024年3月1日', new Date(Date.UTC(2027, 0, 31))),
      stopped('D-4', 4, new Date(Date.UTC(2024, 2, 1)), ' 2026-02-28 '),
      stopped('D-5', 5, '2023-02-29', '2026年13月1日'),
      stopped('D-6', 6, '上个月', 45000),
    ]);
    const r = await readRegistryXlsx(f, {});
    expect(r.rows.map((x) => [x.record.id, x.record.stoppedOn, x.record.miningLicenceUntil])).toEqual([
      ['D-1', '2024-03-01', '2026-12-31'],
      ['D-2', '2024-03-01', '2026-01-02'],
      ['D-3', '2024-03-01', '2027-01-31'],
      ['D-4', '2024-03-01', '2026-02-28'],
    ]);
    expect(r.errors).toEqual([
      '第 6 行「停产停建日期」：不是有效的日期："2023-02-29"',
      '第 6 行「采矿许可证有效期至」：不是有效的日期："2026年13月1日"',
      '第 7 行「停产停建日期」：应为日期（如 2024-03-01、2024/3/1 或 2024年3月1日），实际为 "上个月"',
      '第 7 行「采矿许可证有效期至」：应为日期（如 2024-03-01），实际为 45000',
    ]);
  });

  it('reads numbers, rich text, hyperlinks and formula results as text, trimmed', async () => {
    const b = baseRow('ignored', '地下矿山', 1);
    b[0] = { formula: 'CONCATENATE("UG","-7")', result: 'UG-7' };
    b[1] = { richText: [{ text: ' 临汾' }, { text: '矿业 ', font: { bold: true } }] };
    b[2] = { text: '某某铁矿', hyperlink: 'http://example.com' };
    b[9] = 13912345678;
    const f = await writeSheet(file('cells'), [[...BASE_HEADER, '最大单班下井人数'], [...b, { formula: '10+20', result: 30 }]]);
    const r = await readRegistryXlsx(f, {});
    expect(r.errors).toEqual([]);
    expect(r.rows[0]!.record).toMatchObject({ id: 'UG-7', enterprise: '临汾矿业', name: '某某铁矿', principalPhone: '13912345678', maxShiftUnderground: 30 });
  });
});

describe('readRegistryXlsx: errors', () => {
  it('lists every problem of every row with its row and column', async () => {
    const header = [...BASE_HEADER, '经度', '纬度', '停产停建日期', '包保责任人', '包保责任人电话', '最大单班下井人数', '安全生产许可证号'];
    const r2 = [...baseRow('OK-1', '地下矿山', 1), 111.5, 36.1, null, null, null, 12, null];
    const r3 = [...baseRow('BAD 1', '煤矿', 2), 200, 36, null, null, null, null, null];
    r3[1] = '  ';
    r3[3] = '91350100M000100Y44';
    r3[9] = '138001';
    const r4 = [...baseRow('OK-2', '地下矿山', 3), null, 60, null, '王五', null, 3.5, 'AQ-1'];
    r4[6] = '国有';
    r4[7] = '停产';
    const r5 = [...baseRow('OK-3', '地下矿山', 4), null, null, null, null, null, { formula: 'A1*2' }, null];
    const f = await writeSheet(file('errors'), [header, r2, r3, r4, r5]);
    const r = await readRegistryXlsx(f, {});
    expect(r.rows.map((x) => x.record.id)).toEqual(['OK-1']);
    expect(r.errors.map((e) => /^第 \d+ 行「[^」]+」：/.exec(e)?.[0])).toEqual([
      '第 3 行「单位编号」：',
      '第 3 行「企业名称」：',
      '第 3 行「统一社会信用代码」：',
      '第 3 行「类型」：',
      '第 3 行「主要负责人电话」：',
      '第 3 行「经度」：',
      '第 4 行「隶属关系」：',
      '第 4 行「纬度」：',
      '第 4 行「停产停建日期」：',
      '第 4 行「包保责任人电话」：',
      '第 4 行「最大单班下井人数」：',
      '第 4 行「安全生产许可证有效期至」：',
      '第 4 行「包保责任人职务」：',
      '第 5 行「最大单班下井人数」：',
    ]);
    expect(r.errors).toContain('第 3 行「企业名称」：必填，不能为空');
    expect(r.errors).toContain('第 3 行「统一社会信用代码」：校验码错误：按前 17 位计算，第 18 位应为「3」，实际为「4」');
    expect(r.errors).toContain('第 3 行「经度」：应在 73–136 之间，实际为 200');
    expect(r.errors).toContain('第 4 行「停产停建日期」：生产状态为「停产」时必填');
    expect(r.errors).toContain('第 4 行「安全生产许可证有效期至」：填写了安全生产许可证号时必填');
    expect(r.errors).toContain('第 4 行「隶属关系」：应为 中央驻晋、省属、市属、其他 之一，实际为 "国有"');
    expect(r.errors.find((e) => e.startsWith('第 5 行'))).toMatch(/没有计算结果的公式/);
  });

  it('reports duplicate ids, every occurrence after the first', async () => {
    const f = await writeSheet(file('dup'), [
      BASE_HEADER,
      baseRow('A-1', '地下矿山', 1),
      baseRow('A-2', '地下矿山', 2),
      baseRow('A-1', '露天矿山', 3),
      baseRow('A-1', '尾矿库', 4),
    ]);
    const r = await readRegistryXlsx(f, {});
    expect(r.errors).toEqual(['第 4 行「单位编号」：单位编号「A-1」与第 2 行重复', '第 5 行「单位编号」：单位编号「A-1」与第 2 行重复']);
    expect(r.rows.map((x) => x.row)).toEqual([2, 3]);
  });

  it('reports a missing required column and still checks the rows', async () => {
    const header = BASE_HEADER.filter((h) => h !== '统一社会信用代码' && h !== '生产状态');
    const row = (id: string, i: number) => baseRow(id, '地下矿山', i).filter((_, j) => BASE_HEADER[j] !== '统一社会信用代码' && BASE_HEADER[j] !== '生产状态');
    const bad = row('B-2', 2);
    bad[header.indexOf('主要负责人电话')] = 'none';
    const f = await writeSheet(file('missing'), [header, row('B-1', 1), bad]);
    const r = await readRegistryXlsx(f, {});
    expect(r.errors).toEqual([
      '第 1 行「统一社会信用代码」：缺少必填列',
      '第 1 行「生产状态」：缺少必填列',
      '第 3 行「主要负责人电话」：应为 7–12 位数字，区号可用“-”连接（如 0357-2345678），实际为 "none"',
    ]);
    expect(r.rows).toEqual([]);
  });

  it('checks 所属县区 against the bureau\'s counties', async () => {
    const other = baseRow('C-2', '地下矿山', 2);
    other[5] = '太原市';
    const f = await writeSheet(file('county'), [BASE_HEADER, baseRow('C-1', '地下矿山', 1), other]);
    const r = await readRegistryXlsx(f, { counties: ['尧都区', '曲沃县'] });
    expect(r.errors).toEqual(['第 3 行「所属县区」：「太原市」不是本局所辖县区，应为 尧都区、曲沃县 之一']);
    expect((await readRegistryXlsx(f, {})).errors).toEqual([]);
  });

  it('R19: a concentrator needs a tailings pond in the file or the database', async () => {
    const header = [...BASE_HEADER, '配套尾矿库编号'];
    const f = await writeSheet(file('pond'), [
      header,
      [...baseRow('TK-1', '尾矿库', 1), null],
      [...baseRow('UG-1', '地下矿山', 2), null],
      [...baseRow('XK-1', '选矿厂', 3), 'TK-1'], // pond in the file
      [...baseRow('XK-2', '选矿厂', 4), 'TK-DB'], // pond in the database
      [...baseRow('XK-3', '选矿厂', 5), null], // missing
      [...baseRow('XK-4', '选矿厂', 6), 'TK-404'], // unknown
      [...baseRow('XK-5', '选矿厂', 7), 'UG-1'], // not a pond (file)
      [...baseRow('XK-6', '选矿厂', 8), 'OP-DB'], // not a pond (database)
    ]);
    const existingUnits = new Map([
      ['TK-DB', 'tailings' as const],
      ['OP-DB', 'openpit' as const],
    ]);
    const r = await readRegistryXlsx(f, { existingUnits });
    expect(r.errors).toEqual([
      '第 6 行「配套尾矿库编号」：选矿厂必须填写配套尾矿库的单位编号（R19）',
      '第 7 行「配套尾矿库编号」：单位编号「TK-404」在本文件和已有单位中都不存在，应为一座尾矿库的单位编号（R19）',
      '第 8 行「配套尾矿库编号」：单位编号「UG-1」是地下矿山，不是尾矿库（R19）',
      '第 9 行「配套尾矿库编号」：单位编号「OP-DB」是金属非金属露天矿山，不是尾矿库（R19）',
    ]);
    expect(r.rows.map((x) => x.record.id)).toEqual(['TK-1', 'UG-1', 'XK-1', 'XK-2']);
    // Without the database the pond TK-DB is unknown.
    const noDb = await readRegistryXlsx(f, {});
    expect(noDb.errors).toContain('第 5 行「配套尾矿库编号」：单位编号「TK-DB」在本文件和已有单位中都不存在，应为一座尾矿库的单位编号（R19）');
  });

  it('reports a kind-specific column filled for another kind, naming its kind', async () => {
    const header = [...BASE_HEADER, '开采深度(m)', '现状边坡高度(m)', '是否头顶库', '资质证书号', '资质证书有效期至', '配套尾矿库编号'];
    const f = await writeSheet(file('kinds'), [
      header,
      [...baseRow('K-1', '尾矿库', 1), 300, null, null, null, null, null],
      [...baseRow('K-2', '地下矿山', 2), 300, 20, '否', null, null, null],
      [...baseRow('K-3', '采掘施工企业', 3), null, null, null, 'Z-1', '2030-1-1', 'K-1'],
    ]);
    const r = await readRegistryXlsx(f, {});
    expect(r.errors).toEqual([
      '第 2 行「开采深度(m)」：此项仅适用于地下矿山，本单位类型为「尾矿库」，请清空此项或更正类型',
      '第 3 行「现状边坡高度(m)」：此项仅适用于露天矿山、小型露天采石场、砖瓦用粘土开采，本单位类型为「地下矿山」，请清空此项或更正类型',
      '第 3 行「是否头顶库」：此项仅适用于尾矿库，本单位类型为「地下矿山」，请清空此项或更正类型',
      '第 4 行「配套尾矿库编号」：此项仅适用于选矿厂，本单位类型为「采掘施工企业」，请清空此项或更正类型',
    ]);
  });

  it('gives one clear error for a file that is not an xlsx', async () => {
    const csv = path.join(dir, 'units.xlsx');
    fs.writeFileSync(csv, '单位编号,企业名称\nA-1,x\n');
    const r = await readRegistryXlsx(csv, {});
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^不是有效的 Excel 工作簿（\.xlsx）/);
    const zip = await readRegistryXlsx(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), {});
    expect(zip.errors).toHaveLength(1);
    expect(zip.errors[0]).toMatch(/^不是有效的 Excel 工作簿/);
    const xls = await readRegistryXlsx(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), {});
    expect(xls.errors).toEqual([expect.stringMatching(/\.xls）文件/)]);
    const none = await readRegistryXlsx(path.join(dir, 'nope.xlsx'), {});
    expect(none.errors).toEqual([`文件不存在：${path.join(dir, 'nope.xlsx')}`]);
  });
});

describe('writeRegistryXlsx', () => {
  it('round-trips records unchanged', async () => {
    const f = file('export');
    expect(await writeRegistryXlsx(SAMPLE_RECORDS, f)).toEqual({ rows: SAMPLE_RECORDS.length });
    const r = await readRegistryXlsx(f, { counties: ['尧都区', '曲沃县'] });
    expect(r.errors).toEqual([]);
    expect(r.ignoredColumns).toEqual([]);
    expect(r.rows.map((x) => x.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(r.rows.map((x) => x.record)).toStrictEqual(SAMPLE_RECORDS);
  });

  it('writes the header, text dates, 是/否 and never a formula', async () => {
    const f = file('cells');
    await writeRegistryXlsx(SAMPLE_RECORDS, f);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(REGISTRY_COLUMNS.map((c) => c.header));
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = (h: string) => REGISTRY_COLUMNS.findIndex((c) => c.header === h) + 1;
    const cell = ws.getRow(3).getCell(col('企业名称'));
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe('=HYPERLINK("http://x","y")');
    for (const [h, v] of [['矿山（尾矿库）名称', '-某某尾矿库'], ['主要负责人', '+赵六'], ['包保责任人', '@钱七']] as const) {
      const c = ws.getRow(3).getCell(col(h));
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.value).toBe(v);
    }
    expect(ws.getRow(2).getCell(col('停产停建日期')).value).toBe('2024-03-01');
    expect(ws.getRow(3).getCell(col('是否头顶库')).value).toBe('否');
    expect(ws.getRow(2).getCell(col('类型')).value).toBe('地下矿山');
    expect(ws.getRow(5).getCell(col('类型')).value).toBe('砖瓦用粘土开采');
    expect(ws.getRow(2).getCell(col('经度')).value).toBe(111.518);
    expect(ws.getRow(2).getCell(col('乡镇')).value).toBe('枕头乡');
    expect(ws.getRow(3).getCell(col('乡镇')).value).toBeNull();
    expect(ws.rowCount).toBe(SAMPLE_RECORDS.length + 1);
  });

  it('writes an empty template that reads back with no rows and no errors', async () => {
    const f = file('template');
    await registryTemplateXlsx(f);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(REGISTRY_COLUMNS.map((c) => c.header));
    // Drop-down lists for the columns with fixed values.
    expect(ws.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: [`"${Object.keys(KIND_LABELS).join(',')}"`] });
    expect(ws.getCell('L100').dataValidation).toMatchObject({ type: 'list', formulae: ['"生产,基建,改扩建,整合,停产,停建,闭库"'] });
    expect(await readRegistryXlsx(f, {})).toEqual({ rows: [], errors: [], ignoredColumns: [] });
  });
});

describe('large files keep every character', () => {
  it('reads back 3,000 rows of Chinese text exactly (no character lost at any internal chunk boundary)', async () => {
    const { unitRecord, registryXlsx, tempDir } = await import('../db/fixtures');
    const labels = ['露天矿山', '地下矿山', '尾矿库', '地质勘探单位', '小型露天采石场', '砖瓦用粘土开采'] as const;
    const records = Array.from({ length: 3000 }, (_, i) =>
      unitRecord(`big-${String(i).padStart(5, '0')}`, labels[i % labels.length]!, 5000 + i, { township: `第${i}号乡镇（测试）`, address: '山西省临汾市尧都区解放路'.repeat(1 + (i % 3)) }),
    );
    const file = await registryXlsx(records, tempDir());
    const r = await readRegistryXlsx(file, {});
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.record)).toEqual(records);
  }, 60_000);
});
