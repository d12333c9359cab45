/**
 * Workbooks written part by part, for what exceljs never writes but Excel, WPS and other tools
 * do: inline strings, phonetic runs, cells and rows without `r`, namespace prefixes, CJK date
 * formats, the 1904 date system, parts at other paths, stored (uncompressed) zips.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface Handmade {
  /** The inside of `<sheetData>` of the first sheet. */
  rows: string;
  /** After `</sheetData>` (e.g. `<mergeCells>`). */
  tail?: string;
  /** Shared strings, each the inside of one `<si>`. */
  strings?: string[];
  /** Custom number formats (id → code) and the cell styles' numFmtIds (index 0 first). */
  numFmts?: Record<number, string>;
  xfs?: number[];
  date1904?: boolean;
  /** Write every part with this namespace prefix (`x:` as the OpenXML SDK does). */
  prefix?: string;
  /** 0 = stored, no compression. */
  level?: 0 | 6;
  /** Sheets before the data sheet in the tab order that are not worksheets (a chart sheet). */
  chartSheetFirst?: boolean;
  /** Put the parts at unusual paths, found only through the relationships. */
  oddPaths?: boolean;
}

export function handmadeXlsx(h: Handmade): Buffer {
  const p = h.prefix ?? '';
  const ns = p === '' ? `xmlns="${MAIN}"` : `xmlns:${p.slice(0, -1)}="${MAIN}"`;
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const book = h.oddPaths ? 'wb/book.xml' : 'xl/workbook.xml';
  const sheetPath = h.oddPaths ? 'wb/data/first.xml' : 'xl/worksheets/sheet1.xml';
  const files: Zippable = {};
  files['[Content_Types].xml'] = strToU8(`${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`);
  files['_rels/.rels'] = strToU8(
    `${decl}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${h.oddPaths ? '/wb/book.xml' : 'xl/workbook.xml'}"/></Relationships>`,
  );
  const sheets = [
    ...(h.chartSheetFirst ? [`<${p}sheet name="图表" sheetId="2" r:id="rId9"/>`] : []),
    `<${p}sheet name="单位名录" sheetId="1" r:id="rId1"/>`,
    `<${p}sheet name="另一张" sheetId="3" r:id="rId5"/>`,
  ];
  files[book] = strToU8(
    `${decl}<${p}workbook ${ns} xmlns:r="${REL}">${h.date1904 ? `<${p}workbookPr date1904="1"/>` : `<${p}workbookPr/>`}<${p}sheets>${sheets.join('')}</${p}sheets></${p}workbook>`,
  );
  const bookDir = book.slice(0, book.lastIndexOf('/'));
  files[`${bookDir}/_rels/${book.slice(book.lastIndexOf('/') + 1)}.rels`] = strToU8(
    `${decl}<Relationships xmlns="${PKG}">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="${h.oddPaths ? 'data/first.xml' : 'worksheets/sheet1.xml'}"/>` +
      `<Relationship Id="rId5" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
      `<Relationship Id="rId9" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/styles" Target="${h.oddPaths ? '../wb/look.xml' : 'styles.xml'}"/>` +
      (h.strings ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="${h.oddPaths ? 'text/strings.xml' : 'sharedStrings.xml'}"/>` : '') +
      `<Relationship Id="rId4" Type="${REL}/hyperlink" Target="http://example.com" TargetMode="External"/>` +
      '</Relationships>',
  );
  const numFmts = Object.entries(h.numFmts ?? {});
  const xfs = h.xfs ?? [0];
  files[h.oddPaths ? 'wb/look.xml' : 'xl/styles.xml'] = strToU8(
    `${decl}<${p}styleSheet ${ns}>` +
      (numFmts.length ? `<${p}numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<${p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`).join('')}</${p}numFmts>` : '') +
      `<${p}cellStyleXfs count="1"><${p}xf numFmtId="14" fontId="0"/></${p}cellStyleXfs>` +
      `<${p}cellXfs count="${xfs.length}">${xfs.map((id) => `<${p}xf numFmtId="${id}" fontId="0" applyNumberFormat="1"><${p}alignment horizontal="center"/></${p}xf>`).join('')}</${p}cellXfs>` +
      `</${p}styleSheet>`,
  );
  if (h.strings) {
    files[h.oddPaths ? 'wb/text/strings.xml' : 'xl/sharedStrings.xml'] = strToU8(
      `${decl}<${p}sst ${ns} count="${h.strings.length}" uniqueCount="${h.strings.length}">${h.strings.map((s) => `<${p}si>${s}</${p}si>`).join('')}</${p}sst>`,
    );
  }
  files[sheetPath] = strToU8(`${decl}<${p}worksheet ${ns} xmlns:r="${REL}"><${p}sheetData>${h.rows}</${p}sheetData>${h.tail ?? ''}</${p}worksheet>`);
  files['xl/worksheets/sheet2.xml'] = strToU8(`${decl}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="str"><v>别的表</v></c></row></sheetData></worksheet>`);
  return Buffer.from(zipSync(files, { level: h.level ?? 6 }));
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
