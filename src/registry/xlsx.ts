/**
 * The unit registry as an .xlsx file (REGISTRY.md): reading the county bureaus' spreadsheets
 * (streamed by ./xlsx-stream, row by row), writing the app's export and the empty import
 * template (exceljs). Node side (node:fs); the rules themselves are in the pure `./unit`.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { KindId } from '../domain/rules';
import { KIND_NAMES } from '../domain/rules';
import {
  REGISTRY_COLUMNS,
  columnOfField,
  pondProblem,
  unitRecordSchema,
  unitRuleProblems,
  type CellInput,
  type RegistryColumn,
  type UnitField,
  type UnitRecord,
} from './unit';
import { inRecordOrder, quickParser, quickRecord, type QuickParse } from './quick-parse';
import { openXlsx, XlsxFormatError, type SheetValue } from './xlsx-stream';

export interface RegistryReadContext {
  /** The bureau's county-level divisions; 所属县区 must be one of them when given. */
  counties?: string[];
  /** Units already in the database, id → kind: a 配套尾矿库编号 may name one of them (R19). */
  existingUnits?: Map<string, KindId>;
}

export interface RegistryReadResult {
  /** Every row that is correct, with its spreadsheet row number. Import only when `errors` is empty. */
  rows: { row: number; record: UnitRecord }[];
  /** Every problem, as `第 N 行「列名」：…`, by row and then column. */
  errors: string[];
  /** Header texts of columns that are not registry columns (their contents are not read). */
  ignoredColumns: string[];
}

interface Problem {
  row: number;
  /** Sort key within the row: the sheet column, or past the last one for a missing column. */
  order: number;
  text: string;
}

const NOT_XLSX = '不是有效的 Excel 工作簿（.xlsx）：请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再导入';

/** Header texts compared loosely: no whitespace, full-width brackets as ASCII, m3 as m³. */
function headerKey(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/m3/gi, 'm³')
    .replace(/M³/g, 'm³');
}

const COLUMN_BY_KEY = new Map<string, RegistryColumn>(REGISTRY_COLUMNS.map((c) => [headerKey(c.header), c]));
const QUICK = new Map<RegistryColumn, QuickParse>(REGISTRY_COLUMNS.map((c) => [c, quickParser(c)]));

type CellRead = { ok: true; value: CellInput | undefined } | { ok: false; problem: string };

/** An empty cell (one shared object: most cells of a registry row are empty). */
const NO_VALUE: CellRead = Object.freeze({ ok: true, value: undefined });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * An exceljs cell value → a plain value: rich text and hyperlinks become their text, formulas
 * their cached result; blank text is no value.
 */
export function readCellValue(v: unknown): CellRead {
  if (v === null || v === undefined) return NO_VALUE;
  if (typeof v === 'string') return v.trim() === '' ? NO_VALUE : { ok: true, value: v };
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return { ok: true, value: v };
  if (!isObject(v)) return { ok: false, problem: '无法识别的单元格内容' };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined || result === null) {
      return {
        ok: false,
        problem: '是没有计算结果的公式，请在 Excel 中打开、重新计算并保存后再导入，或直接填写数值',
      };
    }
    return readCellValue(result);
  }
  if ('error' in v) return { ok: false, problem: `单元格为错误值 ${String(v.error)}` };
  if (Array.isArray(v.richText)) {
    const text = v.richText.map((r: unknown) => (isObject(r) && typeof r.text === 'string' ? r.text : '')).join('');
    return readCellValue(text);
  }
  if ('hyperlink' in v || 'text' in v) return readCellValue(v.text);
  return { ok: false, problem: '无法识别的单元格内容' };
}

/** The file's bytes, or why they cannot be a workbook (missing file, old .xls, not a zip). */
async function loadBytes(input: string | Buffer): Promise<{ ok: true; buf: Buffer } | { ok: false; error: string }> {
  let buf: Buffer;
  if (typeof input === 'string') {
    try {
      buf = await readFile(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return {
        ok: false,
        error: code === 'ENOENT' ? `文件不存在：${input}` : code === 'EISDIR' ? `这是一个文件夹，不是文件：${input}` : `无法读取文件 ${input}（${code ?? '未知错误'}）`,
      };
    }
  } else {
    buf = input;
  }
  // .xlsx is a zip; the old binary .xls is an OLE compound file.
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    return { ok: false, error: '这是旧版 Excel 97-2003（.xls）文件，请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再导入' };
  }
  if (buf.length < 4 || buf.readUInt32BE(0) !== 0x504b0304) return { ok: false, error: NOT_XLSX };
  return { ok: true, buf };
}

/**
 * Reads and checks a registry spreadsheet (REGISTRY.md "Import behaviour"): the first sheet,
 * header in row 1, one unit per row. Nothing is thrown for a bad file: every problem is in
 * `errors`, all of them, each naming its row and column.
 *
 * The sheet is streamed row by row (./xlsx-stream), so a 50,000-row file needs little memory;
 * only each row's parsed fields are kept for the checks across rows.
 */
export async function readRegistryXlsx(input: string | Buffer, ctx: RegistryReadContext = {}): Promise<RegistryReadResult> {
  const loaded = await loadBytes(input);
  if (!loaded.ok) return { rows: [], errors: [loaded.error], ignoredColumns: [] };
  let sheet: SheetRead;
  try {
    const book = await openXlsx(loaded.buf);
    if (book.firstSheet === undefined) return { rows: [], errors: ['工作簿中没有工作表'], ignoredColumns: [] };
    sheet = new SheetRead();
    const { merges } = await book.readRows((row, cells) => sheet.row(row, cells));
    // Merged cells read as their top-left cell; the merges are stored after the rows, so a
    // sheet that has some is read a second time knowing them.
    if (merges.length > 0) {
      sheet = new SheetRead();
      await book.readRows((row, cells) => sheet.row(row, cells), { merges });
    }
    sheet.end();
  } catch (e) {
    if (e instanceof XlsxFormatError) return { rows: [], errors: [NOT_XLSX], ignoredColumns: [] };
    throw e;
  }
  const { problems, add, colOf, orderOf, headerOf, rowData, ignoredColumns } = sheet;

  // ---- Checks across rows
  const firstRowOfId = new Map<string, number>();
  const fileKinds = new Map<string, { kind: KindId; label: string }>();
  for (const d of rowData) {
    const { id, kind, kindLabel } = d.partial;
    if (id === undefined) continue;
    const first = firstRowOfId.get(id);
    if (first !== undefined) {
      // REGISTRY.md 单位编号: unique in the file.
      add(d.row, orderOf('id'), headerOf('id'), `单位编号「${id}」与第 ${first} 行重复`);
      d.bad = true;
      continue;
    }
    firstRowOfId.set(id, d.row);
    if (kind !== undefined) fileKinds.set(id, { kind, label: kindLabel ?? KIND_NAMES[kind] });
  }
  const counties = ctx.counties?.map((c) => c.trim());
  // A unit in the file wins over the database: its row is about to update it.
  const kindOf = (id: string) => {
    const inFile = fileKinds.get(id);
    if (inFile !== undefined) return inFile;
    const existing = ctx.existingUnits?.get(id);
    return existing === undefined ? undefined : { kind: existing, label: KIND_NAMES[existing] };
  };
  for (const d of rowData) {
    const { county, kind, pondId } = d.partial;
    if (counties !== undefined && county !== undefined && !counties.includes(county)) {
      add(d.row, orderOf('county'), headerOf('county'), `「${county}」不是本局所辖县区，应为 ${counties.join('、')} 之一`);
      d.bad = true;
    }
    // R19: the pond must be a tailings unit, in this file or in the database.
    if (kind === 'concentrator' && pondId !== undefined) {
      const problem = pondProblem(pondId, kindOf);
      if (problem !== null) {
        add(d.row, orderOf('pondId'), headerOf('pondId'), problem);
        d.bad = true;
      }
    }
  }

  // ---- Records
  const rows: RegistryReadResult['rows'] = [];
  for (const d of rowData) {
    if (d.bad) continue;
    // Every field already passed its check and no rule across fields failed: the record is the
    // fields in order (./quick-parse), unless a required column is missing.
    const record = quickRecord(d.partial, sheet.inRecordOrder);
    if (record !== null) {
      rows.push({ row: d.row, record });
      continue;
    }
    const r = unitRecordSchema.safeParse(d.partial);
    if (r.success) {
      rows.push({ row: d.row, record: r.data });
      continue;
    }
    // Only a field whose required column is missing can fail here; that is already reported.
    for (const i of r.error.issues) {
      const field = String(i.path[0] ?? '') as UnitField;
      const def = columnOfField(field);
      if (def !== undefined && !colOf.has(def.field)) continue;
      add(d.row, orderOf(field), headerOf(field), i.message);
    }
  }

  problems.sort((a, b) => a.row - b.row || a.order - b.order);
  return { rows, errors: problems.map((p) => p.text), ignoredColumns };
}

interface RowData {
  row: number;
  partial: Partial<UnitRecord>;
  bad: boolean;
}

/**
 * The sheet as it streams by: the header (row 1) gives the columns, then each row is checked on
 * its own and kept as the fields it parsed to, for the checks across rows.
 */
class SheetRead {
  readonly problems: Problem[] = [];
  readonly columns: { col: number; def: RegistryColumn; quick: QuickParse }[] = [];
  readonly colOf = new Map<UnitField, number>();
  readonly ignoredColumns: string[] = [];
  readonly rowData: RowData[] = [];
  /** The columns set their fields in the record's order (./quick-parse `inRecordOrder`). */
  inRecordOrder = false;
  private headerDone = false;

  readonly add = (row: number, order: number, header: string | null, message: string): void => {
    this.problems.push({ row, order, text: header === null ? `第 ${row} 行：${message}` : `第 ${row} 行「${header}」：${message}` });
  };

  private readonly missingOrder = (field: UnitField) => 100_000 + REGISTRY_COLUMNS.findIndex((c) => c.field === field);

  /** Sheet column of a field, for sorting; a field read from an absent column sorts last. */
  readonly orderOf = (field: UnitField): number => {
    const def = columnOfField(field);
    return def === undefined ? 200_000 : (this.colOf.get(def.field) ?? this.missingOrder(def.field));
  };

  readonly headerOf = (field: UnitField): string => columnOfField(field)?.header ?? field;

  row(rowNumber: number, cells: readonly (SheetValue | undefined)[]): void {
    if (rowNumber === 1) {
      if (!this.headerDone) this.header(cells);
      return;
    }
    if (!this.headerDone) this.header([]); // no row 1: no columns
    this.dataRow(rowNumber, cells);
  }

  end(): void {
    if (!this.headerDone) this.header([]);
  }

  // ---- Header (row 1)
  private header(cells: readonly (SheetValue | undefined)[]): void {
    this.headerDone = true;
    const { add, colOf, columns, ignoredColumns } = this;
    cells.forEach((value, i) => {
      if (value === undefined) return;
      const col = i + 1;
      const r = readCellValue(value);
      if (!r.ok) {
        add(1, col, null, `第 ${col} 列的列名${r.problem}`);
        return;
      }
      if (r.value === undefined) return;
      const text = String(r.value instanceof Date ? r.value.toISOString() : r.value).trim();
      const def = COLUMN_BY_KEY.get(headerKey(text));
      if (def === undefined) {
        ignoredColumns.push(text);
        return;
      }
      const first = colOf.get(def.field);
      if (first !== undefined) {
        add(1, col, def.header, `列名重复（第 ${columnLetter(first)} 列和第 ${columnLetter(col)} 列）`);
        return;
      }
      colOf.set(def.field, col);
      columns.push({ col, def, quick: QUICK.get(def) ?? quickParser(def) });
    });
    for (const def of REGISTRY_COLUMNS) {
      if (def.required && !colOf.has(def.field)) add(1, this.missingOrder(def.field), def.header, '缺少必填列');
    }
    this.inRecordOrder = inRecordOrder(columns.map((c) => c.def));
  }

  // ---- Rows
  private dataRow(rowNumber: number, row: readonly (SheetValue | undefined)[]): void {
    const { add, columns } = this;
    const reads: CellRead[] = [];
    let empty = true;
    for (const { col } of columns) {
      const read = readCellValue(row[col - 1]);
      reads.push(read);
      if (!read.ok || read.value !== undefined) empty = false;
    }
    if (empty) return; // REGISTRY: empty rows are skipped
    const partial: Partial<UnitRecord> = {};
    let badFields: Set<UnitField> | undefined;
    for (let i = 0; i < columns.length; i++) {
      const { col, def, quick } = columns[i] as (typeof columns)[number];
      const read = reads[i] as CellRead;
      if (read.ok && quick(read.value, partial)) continue; // well-formed: checked by hand (./quick-parse)
      const parsed = read.ok ? def.parse(read.value) : read;
      if (parsed.ok) Object.assign(partial, parsed.patch);
      else {
        badFields ??= new Set();
        badFields.add(def.field);
        if (def.field === 'kind') badFields.add('kindLabel');
        add(rowNumber, col, def.header, parsed.problem);
      }
    }
    for (const p of unitRuleProblems(partial)) {
      if (badFields?.has(p.field)) continue;
      badFields ??= new Set();
      badFields.add(p.field);
      add(rowNumber, this.orderOf(p.field), this.headerOf(p.field), p.message);
    }
    this.rowData.push({ row: rowNumber, partial, bad: badFields !== undefined });
  }
}

/** 1 → A, 27 → AA. */
function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Writes records with the template's columns in REGISTRY.md order (an export re-imports
 * unchanged). Streams, so that 50,000 rows stay cheap. Every text is a plain string cell, never
 * a formula, also when it starts with `=`, `+`, `-` or `@`.
 */
export async function writeRegistryXlsx(records: readonly UnitRecord[], out: string, extra: readonly ExtraColumn[] = []): Promise<{ rows: number }> {
  return writeSheet(records, out, 0, extra);
}

/**
 * A column after the template's (e.g. 风险等级 in the `registry` report): an import ignores it
 * and says so, so the export still re-imports unchanged.
 */
export interface ExtraColumn {
  header: string;
  width: number;
  value: (r: UnitRecord) => string;
}

/** The empty import template (header row only) that county staff start from. */
export async function registryTemplateXlsx(out: string): Promise<void> {
  await writeSheet([], out, TEMPLATE_LIST_ROWS);
}

/**
 * Rows of the template that offer drop-down lists for the columns with fixed values. Bounded:
 * a reader such as exceljs expands a validation range cell by cell, so a whole-column range
 * would make the template slow to import. Exports get none (the import checks every cell anyway).
 */
const TEMPLATE_LIST_ROWS = 2000;

const ROW_STYLE: Partial<ExcelJS.Style> = {};

async function writeSheet(records: readonly UnitRecord[], out: string, listRows: number, extra: readonly ExtraColumn[] = []): Promise<{ rows: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = '矿安分级';
  const ws = wb.addWorksheet('单位名录', { views: [{ state: 'frozen', ySplit: 1 }] });
  // Text columns are formatted as text (@), so that ids, phone numbers and credit codes typed
  // into the sheet later keep their leading zeros and all their digits. One style object per
  // column, shared by its cells: exceljs then registers it once (a fresh object per cell makes
  // writing several times slower).
  const styles: Partial<ExcelJS.Style>[] = [...REGISTRY_COLUMNS.map((c) => (c.type === 'number' ? {} : { numFmt: '@' })), ...extra.map(() => ({ numFmt: '@' }))];
  ws.columns = [
    ...REGISTRY_COLUMNS.map((c, i) => ({ key: c.field, width: c.width, style: styles[i] ?? {} })),
    ...extra.map((c, i) => ({ key: `extra${i}`, width: c.width, style: styles[REGISTRY_COLUMNS.length + i] ?? {} })),
  ];
  const header = ws.addRow([...REGISTRY_COLUMNS.map((c) => c.header), ...extra.map((c) => c.header)]);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  header.commit();
  if (listRows > 0 && hasDataValidations(ws)) {
    // exceljs's worksheets have `dataValidations` (whole ranges), which its typings leave out.
    const dv = ws.dataValidations;
    REGISTRY_COLUMNS.forEach((c, i) => {
      if (c.choices === undefined) return;
      const letter = columnLetter(i + 1);
      dv.add(`${letter}2:${letter}${String(listRows + 1)}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.choices.join(',')}"`],
        showErrorMessage: false,
      });
    });
  }
  for (const record of records) {
    const row = ws.addRow([...REGISTRY_COLUMNS.map((c) => cellOut(c.format(record))), ...extra.map((c) => c.value(record))]);
    // Rows have a style too (exceljs's typings leave it out); shared, for the same reason.
    (row as ExcelJS.Row & { style: Partial<ExcelJS.Style> }).style = ROW_STYLE;
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.style = styles[col - 1] ?? ROW_STYLE;
    });
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return { rows: records.length };
}

function hasDataValidations(
  ws: object,
): ws is { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } } {
  const dv: unknown = (ws as { dataValidations?: unknown }).dataValidations;
  return typeof dv === 'object' && dv !== null && typeof (dv as { add?: unknown }).add === 'function';
}

/**
 * A value as the cell will hold it. exceljs writes a JS string as a string cell (its formula
 * type needs an object `{ formula }`), so text such as `=HYPERLINK(…)` stays inert text.
 */
function cellOut(v: string | number | undefined): string | number | null {
  if (v === undefined) return null;
  return v;
}

