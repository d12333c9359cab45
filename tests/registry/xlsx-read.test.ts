/** readRegistryXlsx on the streaming reader: what spreadsheets from the county bureaus hold. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRegistryXlsx, writeRegistryXlsx } from '../../src/registry/xlsx';
import { handmadeXlsx } from './handmade';
import { unitRecordSchema } from '../../src/registry/unit';
import { BASE_HEADER, SAMPLE_RECORDS, baseRow, tmpDir, writeSheet } from './helpers';

const dir = tmpDir();
let n = 0;
const file = (name: string) => path.join(dir, `${String(++n)}-${name}.xlsx`);

describe('readRegistryXlsx: cells as Excel shows them', () => {
  it('a merged 企业名称 (one enterprise, several mines) fills every row of the range', async () => {
    const f = file('merged');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(BASE_HEADER);
    for (let i = 1; i <= 3; i++) ws.addRow(baseRow(`M-${i}`, '地下矿山', i));
    ws.addRow(baseRow('M-4', '尾矿库', 4));
    ws.mergeCells('B2:B4');
    ws.getCell('B2').value = '临汾某某集团';
    await wb.xlsx.writeFile(f);
    const r = await readRegistryXlsx(f, {});
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.record.enterprise])).toEqual([
      [2, '临汾某某集团'],
      [3, '临汾某某集团'],
      [4, '临汾某某集团'],
      [5, '企业4'],
    ]);
  });

  it('a header merged over two columns names both: the second is a duplicate', async () => {
    const f = file('merged-header');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow([...BASE_HEADER, '备注', '']);
    ws.mergeCells('K1:L1');
    ws.addRow(baseRow('H-1', '地下矿山', 1));
    await wb.xlsx.writeFile(f);
    const r = await readRegistryXlsx(f, {});
    expect(r.errors).toEqual([]);
    expect(r.ignoredColumns).toEqual(['备注', '备注']);
  });

  it('numbers typed into text columns, a column past Z, rows with only unknown columns skipped', async () => {
    const header = [...BASE_HEADER, ...Array.from({ length: 17 }, (_, i) => `备注${i + 1}`), '监管联系电话'];
    const row = baseRow('20240007', '露天矿山', 7);
    row[0] = 20240007;
    row[9] = 13912345678;
    const f = await writeSheet(file('past-z'), [
      header,
      [...row, ...Array(17).fill(null), 12350],
      [null, null, null, null, null, null, null, null, null, null, '只有备注'],
      [],
    ]);
    const r = await readRegistryXlsx(f, {});
    expect(r.errors).toEqual([]);
    expect(header.length).toBe(28); // 监管联系电话 in column AB
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.record).toMatchObject({ id: '20240007', principalPhone: '13912345678', supervisorPhone: '12350' });
  });

  it('dates in the Chinese built-in format (numFmtId 31) and in a 1904 workbook are dates', async () => {
    const cols = BASE_HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('');
    const data = (r: number, id: string, serial: number, style: number) =>
      `<row r="${r}">` +
      baseRow(id, '地下矿山', r)
        .map((v, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${String(i === 7 ? '停产' : v)}</t></is></c>`)
        .join('') +
      `<c r="K${r}" s="${style}"><v>${serial}</v></c></row>`;
    const rows = `<row r="1">${cols}<c r="K1" t="inlineStr"><is><t>停产停建日期</t></is></c></row>`;
    const cjk = await readRegistryXlsx(handmadeXlsx({ xfs: [0, 31], rows: rows + data(2, 'D-1', 45352, 1) }), {});
    expect(cjk.errors).toEqual([]);
    expect(cjk.rows[0]!.record.stoppedOn).toBe('2024-03-01');
    const d1904 = await readRegistryXlsx(handmadeXlsx({ date1904: true, xfs: [0, 14], rows: rows + data(2, 'D-2', 43890, 1) }), {});
    expect(d1904.errors).toEqual([]);
    expect(d1904.rows[0]!.record.stoppedOn).toBe('2024-03-01');
    // a plain number in a date column is still refused, as before
    const plain = await readRegistryXlsx(handmadeXlsx({ xfs: [0], rows: rows + data(2, 'D-3', 45352, 0) }), {});
    expect(plain.errors).toEqual(['第 2 行「停产停建日期」：应为日期（如 2024-03-01），实际为 45352']);
  });

  it('an error value names its cell; text with entity-like characters reads back unchanged', async () => {
    const b = baseRow('E-1', '地下矿山', 1);
    b[8] = { error: '#REF!' } as ExcelJS.CellErrorValue;
    const f = await writeSheet(file('error'), [BASE_HEADER, b]);
    expect((await readRegistryXlsx(f, {})).errors).toEqual(['第 2 行「主要负责人」：单元格为错误值 #REF!']);

    const out = file('entities');
    const rec = { ...SAMPLE_RECORDS[0]!, enterprise: 'A&amp;B &lt;临汾&gt; "矿业" \'有限\'', address: '&#x4E34; _x000D_' };
    await writeRegistryXlsx([rec], out);
    const back = await readRegistryXlsx(out, {});
    expect(back.errors).toEqual([]);
    expect(back.rows[0]!.record).toStrictEqual(rec);
  });

  it('a sheet with no row 1 has no columns: every required column is missing and no row is read', async () => {
    const f = await writeSheet(file('no-header'), [[], BASE_HEADER.map(() => null), baseRow('X-1', '地下矿山', 1)]);
    const r = await readRegistryXlsx(f, {});
    expect(r.rows).toEqual([]);
    expect(r.errors[0]).toBe('第 1 行「单位编号」：缺少必填列');
  });

  it('a large export reads back exactly, every field in the record\'s order', async () => {
    const { generateUnits } = await import('../../bench/generate');
    const records = generateUnits(2000, 'xlsx-read');
    const f = file('large');
    await writeRegistryXlsx(records, f);
    const r = await readRegistryXlsx(f, {});
    expect(r.errors).toEqual([]);
    // as zod would give it: the audit log stores this JSON
    expect(r.rows.map((x) => JSON.stringify(x.record))).toEqual(records.map((x) => JSON.stringify(unitRecordSchema.parse(x))));
  }, 30_000);
});
