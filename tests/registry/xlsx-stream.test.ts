import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readCellValue } from '../../src/registry/xlsx';
import { openXlsx, XlsxFormatError, type MergeRange, type SheetValue } from '../../src/registry/xlsx-stream';
import { handmadeXlsx } from './handmade';
import { tmpDir } from './helpers';

const dir = tmpDir();

/** Every row of the first sheet: row number → cells (column 1 first). */
async function readAll(buf: Buffer, merges?: readonly MergeRange[]): Promise<{ rows: Map<number, (SheetValue | undefined)[]>; merges: MergeRange[] }> {
  const book = await openXlsx(buf);
  const rows = new Map<number, (SheetValue | undefined)[]>();
  const r = await book.readRows((n, cells) => rows.set(n, cells), merges ? { merges } : {});
  return { rows, merges: r.merges };
}

async function rowsOf(buf: Buffer): Promise<Map<number, (SheetValue | undefined)[]>> {
  return (await readAll(buf)).rows;
}

const row = (rows: Map<number, (SheetValue | undefined)[]>, n: number) => rows.get(n) ?? [];

describe('openXlsx: the same cells as exceljs', () => {
  /** Writes with exceljs, reads back with exceljs and with the stream; every cell must read the same. */
  async function sameAsExceljs(name: string, fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Map<number, (SheetValue | undefined)[]>> {
    const file = path.join(dir, `${name}.xlsx`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    fill(ws, wb);
    await wb.xlsx.writeFile(file);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const expected = back.worksheets[0]!;
    const rows = await rowsOf(fs.readFileSync(file));
    let compared = 0;
    expected.eachRow({ includeEmpty: false }, (r, n) => {
      r.eachCell({ includeEmpty: true }, (cell, col) => {
        const ours = row(rows, n)[col - 1];
        expect({ at: cell.address, read: readCellValue(ours) }).toEqual({ at: cell.address, read: readCellValue(cell.value) });
        compared++;
      });
    });
    expect(compared).toBeGreaterThan(0);
    return rows;
  }

  it('shared strings, rich text, spaces kept, special characters, numbers, booleans, errors, formulas, hyperlinks', async () => {
    const rows = await sameAsExceljs('kinds', (ws) => {
      ws.getCell('A1').value = '单位编号';
      ws.getCell('B1').value = '  前后有空格  ';
      ws.getCell('C1').value = { richText: [{ text: '临汾' }, { text: '矿业', font: { bold: true } }, { text: ' 有限公司' }] };
      ws.getCell('D1').value = 'a < b & c > "d" \'e\'';
      ws.getCell('E1').value = '多行\n文本\t制表';
      ws.getCell('F1').value = '😀 𠀀 emoji and CJK extension B';
      ws.getCell('A2').value = 13800138000;
      ws.getCell('B2').value = -0.25;
      ws.getCell('C2').value = 1.5e21;
      ws.getCell('D2').value = true;
      ws.getCell('E2').value = false;
      ws.getCell('F2').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      ws.getCell('A3').value = { formula: 'A2*2', result: 27600276000 };
      ws.getCell('B3').value = { formula: 'CONCATENATE("UG","-7")', result: 'UG-7' };
      ws.getCell('C3').value = { formula: 'A2>0', result: true };
      ws.getCell('D3').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      ws.getCell('E3').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue;
      ws.getCell('F3').value = { text: '某某铁矿', hyperlink: 'http://example.com' };
      ws.getCell('AB5').value = '第 28 列';
      ws.getCell('AK7').value = 37;
      ws.getCell('B9').value = '   ';
    });
    expect(row(rows, 1)[0]).toBe('单位编号');
    expect(row(rows, 1)[1]).toBe('  前后有空格  ');
    expect(row(rows, 1)[2]).toBe('临汾矿业 有限公司');
    expect(row(rows, 1)[3]).toBe('a < b & c > "d" \'e\'');
    expect(row(rows, 1)[5]).toBe('😀 𠀀 emoji and CJK extension B');
    expect(row(rows, 2)[5]).toEqual({ error: '#N/A' });
    expect(row(rows, 3)[3]).toEqual({ formula: '1/0', result: { error: '#DIV/0!' } });
    expect(row(rows, 3)[4]).toEqual({ formula: 'NOW()' });
    expect(row(rows, 5)[27]).toBe('第 28 列');
    expect(row(rows, 7)[36]).toBe(37);
    expect([...rows.keys()]).toEqual([1, 2, 3, 5, 7, 9]);
  });

  it('dates: built-in and custom formats, text that looks like a date stays text', async () => {
    const rows = await sameAsExceljs('dates', (ws) => {
      const d = new Date(Date.UTC(2024, 2, 1));
      const formats = ['yyyy-mm-dd', 'm/d/yy', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d', 'dd/mm/yyyy hh:mm', '[h]:mm:ss', 'mmm-yy'];
      formats.forEach((numFmt, i) => {
        const c = ws.getCell(1, i + 1);
        c.value = d;
        c.numFmt = numFmt;
      });
      ws.getCell('A2').value = new Date(Date.UTC(2027, 0, 31, 13, 45, 30));
      ws.getCell('B2').value = 45000.5;
      ws.getCell('B2').numFmt = '0.00"天"'; // quoted letters: not a date
      ws.getCell('C2').value = 45000;
      ws.getCell('C2').numFmt = '#,##0';
      ws.getCell('D2').value = '2024-03-01';
      ws.getCell('D2').numFmt = 'yyyy-mm-dd';
      ws.getCell('E2').value = { formula: 'DATE(2024,3,1)', result: new Date(Date.UTC(2024, 2, 1)) };
      ws.getCell('E2').numFmt = 'yyyy-mm-dd';
    });
    for (let c = 0; c < 7; c++) expect(row(rows, 1)[c]).toEqual(new Date(Date.UTC(2024, 2, 1)));
    expect(row(rows, 2)[0]).toEqual(new Date(Date.UTC(2027, 0, 31, 13, 45, 30)));
    expect(row(rows, 2)[1]).toBe(45000.5);
    expect(row(rows, 2)[3]).toBe('2024-03-01');
  });

  it('the 1904 date system', async () => {
    const rows = await sameAsExceljs('d1904', (ws, wb) => {
      wb.properties.date1904 = true;
      ws.getCell('A1').value = new Date(Date.UTC(2024, 2, 1));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
      ws.getCell('B1').value = 1;
    });
    expect(row(rows, 1)[0]).toEqual(new Date(Date.UTC(2024, 2, 1)));
    expect(row(rows, 1)[1]).toBe(1);
  });

  it('the app\'s own streamed export (inline text cells, styles per column)', async () => {
    const { registryXlsx, unitRecord, tempDir } = await import('../db/fixtures');
    const file = await registryXlsx([unitRecord('YD-1', '地下矿山', 1, { depth: 12.5, township: '枕头乡' })], tempDir());
    const rows = await rowsOf(fs.readFileSync(file));
    expect(row(rows, 1)[0]).toBe('单位编号');
    expect(row(rows, 2).slice(0, 7)).toEqual(['YD-1', '临汾测试矿业有限公司1', '测试地下矿山1', expect.stringMatching(/^91141000MA0000001/), '地下矿山', '尧都区', '枕头乡']);
    expect(row(rows, 2)[24]).toBe(12.5);
  });
});

describe('openXlsx: what other tools write', () => {
  it('inline strings, rich runs, phonetic runs, escapes, CDATA, entities, comments', async () => {
    const rows = await rowsOf(
      handmadeXlsx({
        rows:
          '<row r="1">' +
          '<c r="A1" t="inlineStr"><is><t>内联文本</t></is></c>' +
          '<c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">临汾 </t></r><r><t>矿业</t></r></is></c>' +
          '<c r="C1" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c>' +
          '<c r="D1" t="inlineStr"><is><t>a_x000D_b</t></is></c>' +
          '<c r="E1" t="str"><v><![CDATA[<不是标签> & 原样]]></v></c>' +
          '<!-- 注释 --><c r="F1" t="str"><v>&#x4E34;&#27774; &lt;&amp;&gt; &quot;&apos;</v></c>' +
          '</row>',
      }),
    );
    expect(row(rows, 1)).toEqual(['内联文本', '临汾 矿业', '東京', 'a\rb', '<不是标签> & 原样', '临汾 <&> "\'']);
  });

  it('shared strings: plain, rich, phonetic, preserved spaces; an index past the end is a broken file', async () => {
    const strings = ['<t>普通</t>', '<r><t xml:space="preserve"> 富 </t></r><r><rPr><i/></rPr><t>文本</t></r>', '<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh>', '<t>tab_x0009_here</t>'];
    const rows = await rowsOf(
      handmadeXlsx({ strings, rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' }),
    );
    expect(row(rows, 1)).toEqual(['普通', ' 富 文本', '漢字', 'tab\there']);
    await expect(rowsOf(handmadeXlsx({ strings, rows: '<row r="1"><c r="A1" t="s"><v>9</v></c></row>' }))).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it('booleans, errors, ISO dates, formulas with and without a value, shared formulas', async () => {
    const rows = await rowsOf(
      handmadeXlsx({
        rows:
          '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#REF!</v></c><c r="D1" t="d"><v>2024-03-01</v></c><c r="E1" t="d"><v>2024-03-01T08:30:00Z</v></c></row>' +
          '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><f>A1</f></c><c r="C2" t="str"><f>"x"</f><v></v></c><c r="D2"><f t="shared" ref="D2:D3" si="0">A2*2</f><v>4</v></c></row>' +
          '<row r="3"><c r="D3"><f t="shared" si="0"/><v>6</v></c><c r="E3" t="b"><f>TRUE</f><v>1</v></c></row>',
      }),
    );
    expect(row(rows, 1)).toEqual([true, false, { error: '#REF!' }, new Date(Date.UTC(2024, 2, 1)), new Date(Date.UTC(2024, 2, 1, 8, 30))]);
    expect(row(rows, 2)).toEqual([{ formula: '1+1', result: 2 }, { formula: 'A1' }, { formula: '"x"' }, { formula: 'A2*2', result: 4 }]);
    expect(row(rows, 3)[3]).toEqual({ formula: '', result: 6 });
    expect(row(rows, 3)[4]).toEqual({ formula: 'TRUE', result: true });
    expect(readCellValue(row(rows, 2)[1])).toEqual({ ok: false, problem: expect.stringMatching(/没有计算结果的公式/) });
  });

  it('cells and rows without r are placed one after the other; rows with no cells are not reported', async () => {
    const rows = await rowsOf(
      handmadeXlsx({
        rows:
          '<row><c t="str"><v>a</v></c><c t="str"><v>b</v></c><c r="E1" t="str"><v>e</v></c><c t="str"><v>f</v></c></row>' +
          '<row r="4" spans="1:3"><c r="B4" s="0"/></row><row><c t="str"><v>5</v></c></row><row r="7"><c r="C7"><v>3</v></c></row>',
      }),
    );
    expect([...rows.keys()]).toEqual([1, 5, 7]);
    expect(row(rows, 1)).toEqual(['a', 'b', undefined, undefined, 'e', 'f']);
    expect(row(rows, 5)).toEqual(['5']);
    expect(row(rows, 7)[2]).toBe(3);
  });

  it('date formats: built-in 14, the Chinese built-ins 31 and 57, custom codes, style 0 never', async () => {
    const rows = await rowsOf(
      handmadeXlsx({
        numFmts: { 176: 'yyyy"年"m"月"d"日";@', 177: '0.0"m"', 178: '[Red]#,##0;[Blue]-#,##0', 179: 'e"年"m"月"' },
        xfs: [14, 14, 31, 57, 176, 177, 178, 0, 179],
        rows: '<row r="1">' + ['0', '1', '2', '3', '4', '5', '6', '7', '8'].map((s, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${s}"><v>45352</v></c>`).join('') + '</row>',
      }),
    );
    const d = new Date(Date.UTC(2024, 2, 1));
    expect(row(rows, 1)).toEqual([45352, d, d, d, d, 45352, 45352, 45352, d]);
  });

  it('the 1904 date system, prefixed names (x:), parts found through their relationships, a chart sheet first, stored entries', async () => {
    const rows = await rowsOf(
      handmadeXlsx({
        date1904: true,
        prefix: 'x:',
        oddPaths: true,
        chartSheetFirst: true,
        level: 0,
        strings: ['<x:t>共享</x:t>'],
        xfs: [0, 14],
        rows: '<x:row r="1"><x:c r="A1" s="1"><x:v>43890</x:v></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row>',
      }),
    );
    expect(row(rows, 1)).toEqual([new Date(Date.UTC(2024, 2, 1)), '共享']);
    const book = await openXlsx(handmadeXlsx({ rows: '', chartSheetFirst: true }));
    expect(book.firstSheet).toEqual({ name: '单位名录' });
  });

  it('merged cells: reported at the end; read again, every cell of a range holds its top-left value', async () => {
    const buf = handmadeXlsx({
      rows:
        '<row r="1"><c r="A1" t="str"><v>名称</v></c><c r="C1" t="str"><v>c</v></c></row>' +
        '<row r="2"><c r="A2" t="str"><v>甲公司</v></c><c r="B2" t="str"><v>一号矿</v></c></row>' +
        '<row r="3"><c r="B3" t="str"><v>二号矿</v></c></row>' +
        '<row r="6"><c r="B6" t="str"><v>六</v></c></row>',
      tail: '<mergeCells count="4"><mergeCell ref="A1:B1"/><mergeCell ref="A2:A5"/><mergeCell ref="D8:E9"/><mergeCell ref="C3"/></mergeCells>',
    });
    const first = await readAll(buf);
    expect(first.merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 2 },
      { top: 2, left: 1, bottom: 5, right: 1 },
      { top: 8, left: 4, bottom: 9, right: 5 },
    ]);
    expect(row(first.rows, 3)).toEqual([undefined, '二号矿']);
    const again = await readAll(buf, first.merges);
    expect([...again.rows.keys()]).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);
    expect(row(again.rows, 1)).toEqual(['名称', '名称', 'c']);
    expect(row(again.rows, 3)).toEqual(['甲公司', '二号矿']);
    expect(row(again.rows, 5)).toEqual(['甲公司']);
    expect(row(again.rows, 6)).toEqual([undefined, '六']);
    expect(row(again.rows, 8).filter((v) => v !== undefined)).toEqual([]);
  });

  it('keeps every character whatever the chunk boundaries (stored and deflated, 3- and 4-byte UTF-8)', async () => {
    const text = (i: number) => `第${i}行：山西省临汾市尧都区解放路𠀀😀`.repeat(1 + (i % 7));
    const n = 6000;
    const cells = Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${text(i)}</t></is></c></row>`).join('');
    for (const level of [0, 6] as const) {
      const rows = await rowsOf(handmadeXlsx({ rows: cells, level }));
      expect(rows.size).toBe(n);
      for (let i = 0; i < n; i++) if (row(rows, i + 1)[0] !== text(i)) expect(row(rows, i + 1)[0]).toBe(text(i));
    }
  }, 30_000);
});

describe('openXlsx: a part in UTF-16', () => {
  it('is read through its byte order mark', async () => {
    const files = unzipSync(handmadeXlsx({ rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>临汾😀</t></is></c><c r="B1"><v>7</v></c></row>' }));
    const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    files['xl/worksheets/sheet1.xml'] = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('UTF-8', 'UTF-16'), 'utf16le')]));
    const rows = await rowsOf(Buffer.from(zipSync(files)));
    expect(row(rows, 1)).toEqual(['临汾😀', 7]);
  });
});

describe('openXlsx: broken files', () => {
  const bad = async (buf: Buffer) => {
    const book = await openXlsx(buf);
    await book.readRows(() => undefined);
  };

  it('refuses what is not a zip, a truncated zip, a damaged entry and malformed XML with XlsxFormatError', async () => {
    await expect(bad(Buffer.from('单位编号,企业名称\n'))).rejects.toBeInstanceOf(XlsxFormatError);
    const good = handmadeXlsx({ rows: '<row r="1"><c r="A1" t="str"><v>x</v></c></row>' });
    await expect(bad(good.subarray(0, good.length - 30))).rejects.toBeInstanceOf(XlsxFormatError);
    for (const rows of [
      '<row r="1"><c r="A1" t="str"><v>x</c></row>', // mismatched
      '<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>', // unknown entity
      '<row r="1"><c r="A1" t="str"><v>a & b</v></c></row>', // bare &
      '<row r="1"><c r="A1 t="str"><v>x</v></c></row>', // broken attribute
      '<row r="1"><c r="A1" t="str"><v>x</v></c>', // not closed
    ]) {
      await expect(bad(handmadeXlsx({ rows })), rows).rejects.toBeInstanceOf(XlsxFormatError);
    }
    // A damaged deflate stream: flip bytes in the middle of the compressed sheet.
    const big = handmadeXlsx({ rows: Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i * 7919}</v></c></row>`).join('') });
    const at = big.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
    const damaged = Buffer.from(big);
    for (let k = 200; k < 400; k++) damaged[at + k] = 0xff;
    await expect(bad(damaged)).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it('a zip with no workbook or no worksheet has no first sheet', async () => {
    const docx = Buffer.from(zipSync({ 'word/document.xml': strToU8('<w:document/>') }));
    expect((await openXlsx(docx)).firstSheet).toBeUndefined();
    const noSheets = Buffer.from(
      zipSync({
        'xl/workbook.xml': strToU8('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
      }),
    );
    expect((await openXlsx(noSheets)).firstSheet).toBeUndefined();
  });

  it('an error thrown by the row handler is passed on as it is', async () => {
    const book = await openXlsx(handmadeXlsx({ rows: '<row r="1"><c r="A1" t="str"><v>x</v></c></row>' }));
    const oops = new RangeError('oops');
    await expect(
      book.readRows(() => {
        throw oops;
      }),
    ).rejects.toBe(oops);
  });
});
