/**
 * Our own .xlsx writer (src/reports/xlsx-write.ts), through `writeWorkbook` as the reports use
 * it, every file read back with exceljs (and with our own streaming reader), cell by cell.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openXlsx, type SheetValue } from '../../src/registry/xlsx-stream';
import { writeWorkbook, type XlsxColumn } from '../../src/reports/xlsx';
import { columnName, writeXlsx, xlsxSheet } from '../../src/reports/xlsx-write';
import { tempDir } from '../db/fixtures';

type Cell = string | number | null;
const dir = tempDir('kafj-xlsx-write-');
let n = 0;
const fresh = (name = 'book') => path.join(dir, `${name}-${++n}.xlsx`);

/** A sheet of rows given as arrays: column c shows `row[c]`. */
function arraySheet(name: string, rows: Cell[][], opts: { headers?: string[]; widths?: number[]; foot?: Cell[][] } = {}) {
  const width = Math.max(opts.headers?.length ?? 0, ...rows.map((r) => r.length));
  const columns: XlsxColumn<Cell[]>[] = Array.from({ length: width }, (_, c) => ({
    header: opts.headers?.[c] ?? `列${c + 1}`,
    width: opts.widths?.[c] ?? 12,
    value: (r) => r[c] ?? null,
  }));
  return { name, rows: rows as never[], columns: columns as XlsxColumn<never>[], ...(opts.foot ? { foot: opts.foot } : {}) };
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Row `r` of a sheet as exceljs reads it, columns 1…width: [value, type]. */
function rowOf(ws: ExcelJS.Worksheet, r: number, width: number): [unknown, ExcelJS.ValueType][] {
  const row = ws.getRow(r);
  return Array.from({ length: width }, (_, c) => {
    const cell = row.getCell(c + 1);
    return [cell.value, cell.type];
  });
}

/** What exceljs reads for a value we wrote: text as a string cell, numbers as numbers, the rest empty. */
function expected(v: Cell): [unknown, ExcelJS.ValueType] {
  if (typeof v === 'string' && v !== '') return [v, ExcelJS.ValueType.String];
  if (typeof v === 'number' && Number.isFinite(v)) return [Object.is(v, -0) ? 0 : v, ExcelJS.ValueType.Number];
  return [null, ExcelJS.ValueType.Null];
}

/** Every row of the first sheet as our own streaming reader reads it. */
async function ourReader(file: string): Promise<{ name: string | undefined; rows: Map<number, (SheetValue | undefined)[]> }> {
  const book = await openXlsx(readFileSync(file));
  const rows = new Map<number, (SheetValue | undefined)[]>();
  await book.readRows((r, cells) => rows.set(r, cells));
  return { name: book.firstSheet?.name, rows };
}

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

/** Each entry of the zip, from its central directory: name, flags, method, and its local header's flags. */
function zipEntries(buf: Buffer): { name: string; flags: number; method: number; localFlags: number }[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBe(buf.length - 22);
  const count = buf.readUInt16LE(eocd + 10);
  let o = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(o)).toBe(0x02014b50);
    const nameLen = buf.readUInt16LE(o + 28);
    const local = buf.readUInt32LE(o + 42);
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    out.push({ name: buf.toString('utf8', o + 46, o + 46 + nameLen), flags: buf.readUInt16LE(o + 8), method: buf.readUInt16LE(o + 10), localFlags: buf.readUInt16LE(local + 6) });
    o += 46 + nameLen + buf.readUInt16LE(o + 30) + buf.readUInt16LE(o + 32);
  }
  return out;
}

describe('writeWorkbook: the workbook as exceljs reads it', () => {
  const units: Cell[][] = [
    ['lf-ug-003', '临汾市某某矿业有限公司', '某某铁矿', 'D', 79, null],
    ['lf-op-017', '乡宁县某某石料厂', '', '未定级', 0, 12.5],
    ['hd-qr-005', '  前后有空格  ', '=HYPERLINK("http://x","点我")', 'B', -3, 1e21],
  ];
  const headers = ['单位编号', '企业名称', '矿山名称', '风险等级', '得分', '面积'];
  const widths = [14, 28, 28, 9, 8, 10.5];

  it('sheets in order with names, frozen header row in the header style, widths, cells by type, bold foot after a blank row, 说明, creator', async () => {
    const file = fresh();
    await writeWorkbook(
      file,
      [
        arraySheet('风险等级名单', units, { headers, widths, foot: [['合计', '3 个', null, '', 76]] }),
        arraySheet('分类统计 & <计数>', [['D', 1], ['B', 2]], { headers: ['风险等级', '地下矿山'], widths: [12, 16] }),
      ],
      [
        ['报表', '2024年度非煤矿山安全风险等级名单'],
        ['监管部门', '临汾市应急管理局'],
      ],
    );
    const wb = await readBack(file);
    expect(wb.creator).toBe('矿安分级');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['风险等级名单', '分类统计 & <计数>', '说明']);

    const ws = wb.worksheets[0]!;
    expect(ws.views).toHaveLength(1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(ws.columns.map((c) => c.width)).toEqual(widths);
    const header = ws.getRow(1);
    expect(header.height).toBe(30);
    expect(rowOf(ws, 1, 6)).toEqual(headers.map((h) => [h, ExcelJS.ValueType.String]));
    for (let c = 1; c <= headers.length; c++) {
      const cell = header.getCell(c);
      expect(cell.font).toMatchObject({ bold: true });
      expect(cell.alignment).toEqual({ horizontal: 'center', vertical: 'middle', wrapText: true });
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } });
      expect(cell.border).toEqual({ bottom: { style: 'thin' } });
    }
    units.forEach((u, i) => {
      expect(rowOf(ws, i + 2, 6)).toEqual(u.map(expected));
      // data cells carry no style
      expect(ws.getRow(i + 2).getCell(1).font).toBeUndefined();
    });
    const formula = ws.getRow(4).getCell(3);
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.formula).toBeUndefined();
    // one blank row, then the foot in bold
    expect(ws.getRow(5).hasValues).toBe(false);
    expect(rowOf(ws, 6, 5)).toEqual([
      ['合计', ExcelJS.ValueType.String],
      ['3 个', ExcelJS.ValueType.String],
      [null, ExcelJS.ValueType.Null],
      [null, ExcelJS.ValueType.Null],
      [76, ExcelJS.ValueType.Number],
    ]);
    for (let c = 1; c <= 5; c++) expect(ws.getRow(6).getCell(c).font).toMatchObject({ bold: true });
    expect(ws.rowCount).toBe(6);

    const stats = wb.worksheets[1]!;
    expect(stats.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(stats.columns.map((c) => c.width)).toEqual([12, 16]);
    expect([rowOf(stats, 2, 2), rowOf(stats, 3, 2)]).toEqual([
      [['D', ExcelJS.ValueType.String], [1, ExcelJS.ValueType.Number]],
      [['B', ExcelJS.ValueType.String], [2, ExcelJS.ValueType.Number]],
    ]);

    const info = wb.getWorksheet('说明')!;
    expect(info.columns.map((c) => c.width)).toEqual([18, 70]);
    expect((info.views ?? []).some((v) => v.state === 'frozen')).toBe(false);
    expect(info.rowCount).toBe(2);
    expect(rowOf(info, 1, 2).map(([v]) => v)).toEqual(['报表', '2024年度非煤矿山安全风险等级名单']);
    expect(rowOf(info, 2, 2).map(([v]) => v)).toEqual(['监管部门', '临汾市应急管理局']);
    expect(info.getRow(1).getCell(1).font).toBeUndefined();
  });

  it('text: markup characters, spaces at the ends, tabs and line ends, emoji and Chinese come back exactly; characters XML cannot hold are dropped or replaced', async () => {
    const exact = ['<&>"\'', ' lead', 'trail ', '\t tab\t', 'a\nb', 'cr\r', '\r\nwin\r\n', 'mid  two  spaces', '😀中文𠀀👍🏽', '=SUM(A1:A2)', '+1', '-1', '@x', '1', '0012', 'TRUE', ']]>', '&amp;', '&#13;'];
    const cleaned: [string, string][] = [
      ['a\u0001b\u0000c\u000Bd\u000Ce\u001Ff', 'abcdef'], // control characters dropped, as exceljs's writer drops them
      ['x \u0007', 'x '], // …and the space left at the end kept
      ['lone \uD800 high', 'lone \uFFFD high'],
      ['lone \uDC00 low', 'lone \uFFFD low'],
      ['\uDC00\uD800', '\uFFFD\uFFFD'], // a pair in the wrong order is two lone halves
      ['non \uFFFE \uFFFF', 'non \uFFFD \uFFFD'], // exceljs's writer left these in, and its reader then refused the file
      ['\u0001\u0002', ''], // nothing left: an empty cell
    ];
    const file = fresh();
    const rows: Cell[][] = [...exact.map((s) => [s]), ...cleaned.map(([s]) => [s])];
    await writeWorkbook(file, [arraySheet('文本', rows, { headers: [' 表头 <&> '] })], [['注意 \u0001', '说明 & "引号"']]);
    const wb = await readBack(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe(' 表头 <&> ');
    exact.forEach((s, i) => expect(rowOf(ws, i + 2, 1)).toEqual([[s, ExcelJS.ValueType.String]]));
    cleaned.forEach(([, want], i) => expect(rowOf(ws, exact.length + i + 2, 1)).toEqual([expected(want)]));
    expect(rowOf(wb.getWorksheet('说明')!, 1, 2).map(([v]) => v)).toEqual(['注意 ', '说明 & "引号"']);
    // our reader reads the same
    const ours = await ourReader(file);
    exact.forEach((s, i) => expect(ours.rows.get(i + 2)?.[0]).toBe(s));
    // spaces at the ends are marked to be kept, so that Excel keeps them
    if (hasUnzip) expect(spawnSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout).toContain('<t xml:space="preserve"> lead</t>');
  });

  it('text with _xHHHH_ in it gets its _ escaped (ECMA-376), so Excel and our reader show it as written; exceljs reads the escape', async () => {
    const file = fresh();
    const texts = ['_x0041_', 'a_x004a_b', '_x00_', '__x0041__', '_X0041_'];
    await writeWorkbook(file, [arraySheet('转义', texts.map((t) => [t]))], []);
    const ours = await ourReader(file);
    texts.forEach((t, i) => expect(ours.rows.get(i + 2)?.[0]).toBe(t));
    const ws = (await readBack(file)).worksheets[0]!;
    expect(['_x005F_x0041_', 'a_x005F_x004a_b', '_x00_', '__x005F_x0041__', '_X0041_'].map((t, i) => [t, ws.getRow(i + 2).getCell(1).value])).toEqual(
      ['_x005F_x0041_', 'a_x005F_x004a_b', '_x00_', '__x005F_x0041__', '_X0041_'].map((t) => [t, t]),
    );
  });

  it('numbers read back identical (shortest round-trip form); NaN and ±Infinity become empty cells; −0 reads as 0', async () => {
    const nums = [0, 1, -1, 79, 12.5, 0.1 + 0.2, 1 / 3, -2.5e-7, 1e21, 1.7976931348623157e308, 5e-324, Number.MAX_SAFE_INTEGER, -0, NaN, Infinity, -Infinity];
    const file = fresh();
    await writeWorkbook(file, [arraySheet('数字', nums.map((x) => [x, `${x}`]))], []);
    const ws = (await readBack(file)).worksheets[0]!;
    nums.forEach((x, i) => expect(rowOf(ws, i + 2, 2)).toEqual([expected(x), [String(x), ExcelJS.ValueType.String]]));
    expect(ws.rowCount).toBe(nums.length + 1);
  });

  it('columns beyond Z: AA, AZ, BA… with their widths and values', async () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    const width = 60;
    const row: Cell[] = Array.from({ length: width }, (_, c) => (c % 2 === 0 ? `c${c}` : c));
    const file = fresh();
    await writeWorkbook(file, [arraySheet('宽表', [row, row], { widths: row.map((_, c) => 5 + c) })], []);
    const ws = (await readBack(file)).worksheets[0]!;
    expect(ws.columns.map((c) => c.width)).toEqual(row.map((_, c) => 5 + c));
    expect(rowOf(ws, 3, width)).toEqual(row.map(expected));
    expect(ws.getCell('BH3').value).toBe(59);
    expect(ws.getCell('BG1').value).toBe('列59');
  });

  it('no data rows: the header row alone (and a foot after its blank row), still frozen', async () => {
    const file = fresh();
    await writeWorkbook(file, [arraySheet('空表', [], { headers: ['甲', '乙'] }), arraySheet('空表合计', [], { headers: ['甲'], foot: [['合计', 0]] })], []);
    const wb = await readBack(file);
    const [empty, withFoot] = wb.worksheets;
    expect(empty!.rowCount).toBe(1);
    expect(rowOf(empty!, 1, 2).map(([v]) => v)).toEqual(['甲', '乙']);
    expect(empty!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(withFoot!.rowCount).toBe(3);
    expect(rowOf(withFoot!, 3, 2)).toEqual([expected('合计'), expected(0)]);
    expect(withFoot!.getRow(3).getCell(1).font).toMatchObject({ bold: true });
  });

  it('20,000 rows read back completely, cell by cell, by exceljs and by our reader; progress every 1,000 rows and at the end', async () => {
    const kinds = ['地下矿山', '露天矿山', '尾矿库'];
    const rows: Cell[][] = Array.from({ length: 20_000 }, (_, i) => [`u-${i}`, `第${i}号矿山 😀`, kinds[i % 3]!, i % 7 === 0 ? null : i * 0.5, i % 11 === 0 ? '' : `${i % 13}`]);
    const calls: [number, number][] = [];
    const file = fresh('big');
    await writeWorkbook(file, [arraySheet('大表', rows)], [['报表', '大表']], (done, total) => calls.push([done, total]));
    expect(calls).toEqual([...Array.from({ length: 20 }, (_, k) => [(k + 1) * 1000, 20_000]), [20_000, 20_000]]);
    const ws = (await readBack(file)).worksheets[0]!;
    expect(ws.rowCount).toBe(20_001);
    rows.forEach((r, i) => {
      const got = rowOf(ws, i + 2, 5);
      const want = r.map(expected);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect([i, got]).toEqual([i, want]);
    });
    const ours = await ourReader(file);
    expect(ours.name).toBe('大表');
    expect(ours.rows.size).toBe(20_001);
    rows.forEach((r, i) => {
      const got = r.map((_, c) => ours.rows.get(i + 2)?.[c] ?? null);
      const want = r.map((v) => expected(v)[0]);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect([i, got]).toEqual([i, want]);
    });
    expect(ours.rows.get(3)).toEqual(['u-1', '第1号矿山 😀', '露天矿山', 0.5, '1']);
  });

  it('progress counts the data sheets only; the event loop gets a turn between batches of 1,000 rows', async () => {
    const calls: [number, number][] = [];
    let turn: number | undefined;
    const file = fresh();
    await writeWorkbook(
      file,
      [arraySheet('一', Array.from({ length: 2500 }, (_, i) => [i])), arraySheet('二', Array.from({ length: 700 }, (_, i) => [i]))],
      Array.from({ length: 1200 }, (_, i): [string, string] => [`注${i}`, '']),
      (done, total) => {
        calls.push([done, total]);
        if (done === 1000) setImmediate(() => (turn = calls.length));
      },
    );
    expect(calls).toEqual([
      [1000, 3200],
      [2000, 3200],
      [3000, 3200],
      [3200, 3200],
    ]);
    // the callback scheduled at row 1,000 ran before row 2,000 of the same sheet was reached
    expect(turn).toBe(1);
    expect((await readBack(file)).getWorksheet('说明')!.rowCount).toBe(1200);
  });
});

describe('writeWorkbook: random rows round-trip exactly', () => {
  /** Any character XML 1.0 can carry (what the writer keeps as it is), and the awkward ones more often. */
  const xmlChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/.test(c)); // eslint-disable-line no-control-regex -- what XML cannot hold
  const unit = fc.oneof(xmlChar, fc.constantFrom(' ', '<', '&', '>', '"', "'", '=', '\t', '\n', '\r', '😀', '𠀀', '中', '_x', '0041_', ']]>'));
  const text = fc.string({ unit, maxLength: 24 });
  const cell: fc.Arbitrary<Cell> = fc.oneof(
    text,
    text.map((s) => `=${s}`),
    text.map((s) => ` ${s}  `),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constant(null),
  );

  it('strings (full Unicode, surrogate pairs, spaces at the ends, <&>"\', = prefixes) and finite numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 30 }), { maxLength: 12 }), async (rows) => {
        const file = fresh('prop');
        await writeWorkbook(file, [arraySheet('随机', rows)], []);
        const width = Math.max(1, ...rows.map((r) => r.length));
        const ws = (await readBack(file)).worksheets[0]!;
        const ours = await ourReader(file);
        rows.forEach((r, i) => {
          const padded = Array.from({ length: width }, (_, c) => r[c] ?? null);
          // exceljs does not undo the _xHHHH_ escape in inline strings; our reader and Excel do
          const forExcelJs = padded.map((v) => (typeof v === 'string' && /_x[0-9A-Fa-f]{4}_/.test(v) ? undefined : expected(v)));
          rowOf(ws, i + 2, width).forEach((got, c) => {
            if (forExcelJs[c] !== undefined) expect(got).toEqual(forExcelJs[c]);
          });
          const mine = ours.rows.get(i + 2) ?? [];
          padded.forEach((v, c) => expect(mine[c] ?? null).toEqual(expected(v)[0]));
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('the zip', () => {
  it('names UTF-8, sizes in data descriptors, deflated; unzip -t and our own reader accept it', async () => {
    const file = fresh('zip');
    await writeWorkbook(file, [arraySheet('名单', [['甲', 1], ['乙', 2]], { foot: [['合计', 3]] })], [['报表', '名单']]);
    const entries = zipEntries(readFileSync(file));
    expect(entries.map((e) => e.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    for (const e of entries) expect([e.flags, e.localFlags, e.method]).toEqual([0x0808, 0x0808, 8]);
    const ours = await ourReader(file);
    expect(ours.name).toBe('名单');
    expect([...ours.rows]).toEqual([
      [1, ['列1', '列2']],
      [2, ['甲', 1]],
      [3, ['乙', 2]],
      [5, ['合计', 3]],
    ]);
  });

  it.skipIf(!hasUnzip)('unzip -t finds no errors', async () => {
    const file = fresh('unzip');
    await writeWorkbook(file, [arraySheet('名单', Array.from({ length: 3000 }, (_, i) => [`第${i}行`, i]))], [['报表', '名单']]);
    const r = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No errors detected');
  });
});

describe('a failed export leaves no file behind', () => {
  it('a folder that does not exist: rejects naming the report file, creates nothing', async () => {
    const missing = path.join(dir, 'no-such-folder', 'report.xlsx');
    await expect(writeWorkbook(missing, [arraySheet('表', [['a']])], [])).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringContaining(missing) as unknown });
    expect(existsSync(path.dirname(missing))).toBe(false);
  });

  it('a value function that throws mid-sheet: the error reaches the caller, no report and no temporary file are left, an older report stays as it was', async () => {
    const sub = tempDir('kafj-xlsx-fail-');
    const file = path.join(sub, 'report.xlsx');
    const rows = Array.from({ length: 3000 }, (_, i) => i);
    const failing = {
      name: '表',
      rows: rows as never[],
      columns: [
        {
          header: 'h',
          width: 10,
          value: (r: number) => {
            if (r === 2500) throw new Error('数据出错');
            return r;
          },
        },
      ] as XlsxColumn<never>[],
    };
    await expect(writeWorkbook(file, [failing], [])).rejects.toThrow('数据出错');
    expect(readdirSync(sub)).toEqual([]);

    writeFileSync(file, 'the previous report');
    await expect(writeWorkbook(file, [failing], [])).rejects.toThrow('数据出错');
    expect(readdirSync(sub)).toEqual(['report.xlsx']);
    expect(readFileSync(file, 'utf8')).toBe('the previous report');

    // and a successful export replaces it
    await writeWorkbook(file, [arraySheet('表', [['新']])], []);
    expect(readdirSync(sub)).toEqual(['report.xlsx']);
    expect((await readBack(file)).worksheets[0]!.getCell('A2').value).toBe('新');
  });

  it('a sheet name Excel refuses is an error before anything is written', async () => {
    const sub = tempDir('kafj-xlsx-name-');
    for (const name of ['a/b', 'x'.repeat(32), '', "'引号", '[表]', '说明']) {
      // (说明 is the name of the notes sheet writeWorkbook adds: a second one would be a duplicate)
      await expect(writeWorkbook(path.join(sub, 'r.xlsx'), [arraySheet(name, [])], [])).rejects.toThrow(/工作表名称/);
    }
    expect(readdirSync(sub)).toEqual([]);
  });

  it('a sheet past the 1,048,576 rows of Excel is an error before anything is written', async () => {
    const sub = tempDir('kafj-xlsx-size-');
    const huge = { ...arraySheet('大', [['a']]), rows: new Array<never>(1_048_576) };
    await expect(writeWorkbook(path.join(sub, 'r.xlsx'), [huge], [])).rejects.toThrow(/超出 Excel 的上限/);
    expect(readdirSync(sub)).toEqual([]);
  });
});

describe('writeXlsx directly', () => {
  it('a sheet without a header row has no frozen pane and starts at row 1; creator as given', async () => {
    const file = fresh();
    await writeXlsx(file, [xlsxSheet({ name: 'plain', widths: [], rows: [[1, 'a']], values: [(r: Cell[]) => r[0] ?? null, (r: Cell[]) => r[1] ?? null] })], { creator: '测试 & <者>' });
    const wb = await readBack(file);
    expect(wb.creator).toBe('测试 & <者>');
    const ws = wb.worksheets[0]!;
    expect((ws.views ?? []).some((v) => v.state === 'frozen')).toBe(false);
    expect(rowOf(ws, 1, 2)).toEqual([expected(1), expected('a')]);
  });
});
