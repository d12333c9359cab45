/**
 * A streaming reader of the first worksheet of an .xlsx file, row by row, so that memory stays
 * flat however many rows the sheet has (a 50,000-row registry is ~60 MB of sheet XML).
 *
 * The zip is read through its central directory (the parts we need are often stored after the
 * sheet: Excel writes the shared strings and styles last); each part is inflated in chunks by
 * node:zlib and tokenized by ./xml-scan, which works on the bytes and decodes a text only once
 * it is whole — so a character whose UTF-8 bytes are split between two chunks survives (exceljs's
 * own streaming reader decodes each chunk on its own and turns such characters into U+FFFD).
 *
 * Cell values come in the shapes exceljs gives (what `readCellValue` in ./xlsx expects): text,
 * number, boolean, a JS Date for a number with a date format (1900 or 1904 date system),
 * `{ error }` for an error value and `{ formula, result }` for a formula (result absent when the
 * file holds no computed value). Rich text is given as its plain text. Merged cells read as their
 * top-left cell once the merges are known (they are stored after the rows, see `readRows`).
 *
 * Node side: reads nothing from disk itself (the caller passes the bytes).
 */
import { createInflateRaw } from 'node:zlib';
import { XmlScanner, type XmlAttributes, type XmlHandler } from './xml-scan';

/** The bytes are not a readable .xlsx (bad zip, missing part, malformed XML). */
export class XlsxFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxFormatError';
  }
}

export type SheetScalar = string | number | boolean | Date | { error: string };
export type SheetValue = SheetScalar | { formula: string; result?: SheetScalar };

/** A merged range, 1-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One row: `cells[c - 1]` is the value of column c (undefined or absent when empty). The array
 * is the callback's to keep.
 */
export type RowHandler = (row: number, cells: (SheetValue | undefined)[]) => void;

export interface XlsxWorkbook {
  /** The first worksheet in the workbook's tab order, or undefined when it has none. */
  readonly firstSheet: { name: string } | undefined;
  /**
   * Streams the first worksheet's rows, in file order, to `onRow`; rows with no cells are not
   * reported. Resolves with the sheet's merged ranges of more than one cell. A sheet's merges
   * are stored after its rows: pass them back in `merges` to read the sheet again with every
   * cell of a merged range holding the value of its top-left cell (as Excel shows it), rows
   * inside a range included even when the file has no cell there.
   */
  readRows(onRow: RowHandler, opts?: { merges?: readonly MergeRange[] }): Promise<{ merges: MergeRange[] }>;
}

// ---------------------------------------------------------------------------------------------
// Zip (central directory; stored and deflated entries)

interface ZipEntry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

const CHUNK = 1 << 16;

function zipEntries(buf: Uint8Array): Map<string, ZipEntry> {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u16 = (o: number) => dv.getUint16(o, true);
  const u32 = (o: number) => dv.getUint32(o, true);
  const u64 = (o: number) => Number(dv.getBigUint64(o, true));
  const bad = (what: string) => new XlsxFormatError(`zip: ${what}`);
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  let eocd = -1;
  for (let o = buf.length - 22; o >= 0 && o >= buf.length - 22 - 0xffff; o--) {
    if (u32(o) === 0x06054b50) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw bad('no end of central directory');
  let count = u16(eocd + 10);
  let cdOffset = u32(eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z64 = u64(eocd - 20 + 8);
    if (z64 + 56 > buf.length || u32(z64) !== 0x06064b50) throw bad('bad zip64 end of central directory');
    count = u64(z64 + 32);
    cdOffset = u64(z64 + 48);
  }
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8');
  let o = cdOffset;
  for (let i = 0; i < count; i++) {
    if (o + 46 > buf.length || u32(o) !== 0x02014b50) throw bad('bad central directory');
    const flags = u16(o + 8);
    const method = u16(o + 10);
    let compressedSize = u32(o + 20);
    let size = u32(o + 24);
    const nameLen = u16(o + 28);
    const extraLen = u16(o + 30);
    const commentLen = u16(o + 32);
    let localOffset = u32(o + 42);
    const name = names.decode(buf.subarray(o + 46, o + 46 + nameLen));
    // zip64: the sizes and offset that do not fit 32 bits are in extra field 0x0001, in this order.
    for (let e = o + 46 + nameLen, end = e + extraLen; e + 4 <= end; ) {
      const id = u16(e);
      const len = u16(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        if (size === 0xffffffff) {
          size = u64(p);
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(p);
          p += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(p);
      }
      e += 4 + len;
    }
    if ((flags & 1) === 0) entries.set(partKey(name), { method, compressedSize, localOffset });
    o += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Part names compare case-insensitively (OPC), without a leading `/`. */
function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** The compressed bytes of an entry. */
function entryData(buf: Uint8Array, e: ZipEntry): Uint8Array {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const o = e.localOffset;
  if (o + 30 > buf.length || dv.getUint32(o, true) !== 0x04034b50) throw new XlsxFormatError('zip: bad local header');
  const start = o + 30 + dv.getUint16(o + 26, true) + dv.getUint16(o + 28, true);
  if (start + e.compressedSize > buf.length) throw new XlsxFormatError('zip: entry past the end of the file');
  return buf.subarray(start, start + e.compressedSize);
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Inflates an entry chunk by chunk and hands its bytes to `onBytes` as UTF-8: a part in UTF-16
 * (it starts with its byte order mark) is transcoded, through one streaming decoder so that a
 * character split between two chunks stays whole. Lets other work run between chunks.
 */
async function streamBytes(buf: Uint8Array, e: ZipEntry, onBytes: (bytes: Uint8Array) => void): Promise<void> {
  const data = entryData(buf, e);
  let utf16: TextDecoder | null | undefined; // undefined: not known yet; null: UTF-8
  const out = (bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    if (utf16 === undefined) {
      const b0 = bytes[0];
      const b1 = bytes.length > 1 ? bytes[1] : undefined;
      utf16 = b0 === 0xff && b1 === 0xfe ? new TextDecoder('utf-16le') : b0 === 0xfe && b1 === 0xff ? new TextDecoder('utf-16be') : null;
    }
    onBytes(utf16 === null ? bytes : Buffer.from(utf16.decode(bytes, { stream: true }), 'utf8'));
  };
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += CHUNK * 4) {
      out(data.subarray(i, i + CHUNK * 4));
      await tick();
    }
  } else if (e.method === 8) {
    // zlib inflates on the thread pool, while this thread parses the chunk before (node:zlib
    // is several times faster than fflate's inflate here: 0.1 s against 0.4–0.7 s for 57 MB).
    const inflater = createInflateRaw({ chunkSize: 1 << 17 });
    inflater.end(data);
    for await (const chunk of inflater) out(chunk as Buffer);
  } else {
    throw new XlsxFormatError(`zip: compression method ${String(e.method)}`);
  }
  if (utf16) {
    const rest = utf16.decode();
    if (rest !== '') onBytes(Buffer.from(rest, 'utf8'));
  }
}

// ---------------------------------------------------------------------------------------------
// XML

/** Parses a part with `h` (close and text optional). */
async function parseXml(
  buf: Uint8Array,
  e: ZipEntry,
  h: { open(name: string, attrs: XmlAttributes): void; close?(name: string): void; text?(s: string): void },
): Promise<void> {
  const { close, text } = h;
  const scanner = new XmlScanner({
    open: (name, attrs) => h.open(name, attrs),
    close: close ? (name) => close(name) : () => undefined,
    text: text ? (s) => text(s) : () => undefined,
  });
  await streamBytes(buf, e, (bytes) => scanner.write(bytes));
  scanner.end();
}

/** An attribute by local name (`r:id`, or `id` in another prefix). */
function attr(attrs: Record<string, string>, name: string): string | undefined {
  const v = attrs[name];
  if (v !== undefined) return v;
  for (const k of Object.keys(attrs)) if (k.endsWith(`:${name}`) && !k.startsWith('xmlns:')) return attrs[k];
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

interface Rel {
  type: string;
  target: string;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

async function readRels(buf: Uint8Array, entries: Map<string, ZipEntry>, part: string): Promise<Map<string, Rel>> {
  const rels = new Map<string, Rel>();
  const e = entries.get(partKey(relsPath(part)));
  if (e === undefined) return rels;
  await parseXml(buf, e, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const a = attrs.all();
      if (a.Id === undefined || a.Target === undefined || a.TargetMode === 'External') return;
      rels.set(a.Id, { type: a.Type ?? '', target: resolveTarget(part, a.Target) });
    },
  });
  return rels;
}

const relOfType = (rels: Map<string, Rel>, type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`));

/** The `_xHHHH_` escapes of OOXML strings (a character XML cannot hold, e.g. a control character). */
function unescapeX(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

async function readSharedStrings(buf: Uint8Array, e: ZipEntry): Promise<string[]> {
  const out: string[] = [];
  let cur = '';
  let t: string | null = null;
  let phonetic = 0;
  await parseXml(buf, e, {
    open(name) {
      if (name === 'si') cur = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) t = '';
    },
    text(s) {
      if (t !== null) t += s;
    },
    close(name) {
      if (name === 't' && t !== null) {
        cur += unescapeX(t);
        t = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 'si') out.push(cur);
    },
  });
  return out;
}

/**
 * Excel's built-in number formats that show a date or time: 14–22 and 45–47 everywhere, and
 * 27–36 and 50–58, the dates of the Chinese, Japanese and Korean versions of Excel
 * (e.g. 31 = yyyy"年"m"月"d"日" in a Chinese Excel).
 */
function builtinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/**
 * A custom format shows a date when it has a date or time letter outside `[…]` and `"…"`
 * (exceljs's rule, so that cells read as they did with exceljs).
 */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (index of `cellXfs`), whether its number format is a date. */
async function readDateStyles(buf: Uint8Array, e: ZipEntry): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const xfNumFmts: number[] = [];
  let inCellXfs = false;
  let depth = 0;
  await parseXml(buf, e, {
    open(name, a) {
      if (name === 'numFmt') {
        const id = a.get('numFmtId');
        if (id !== undefined) custom.set(parseInt(id, 10), a.get('formatCode') ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        if (depth === 0) xfNumFmts.push(parseInt(a.get('numFmtId') ?? '0', 10));
        depth++;
      } else if (inCellXfs && depth > 0) depth++;
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
      else if (inCellXfs && depth > 0) depth--;
    },
  });
  return xfNumFmts.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : builtinDateFormat(id);
  });
}

/** A serial date number → the Date exceljs gives (UTC, to the millisecond). */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** What `readCellAttributes` found on the last <c>: its column (0 without `r`), `t` and `s`. */
const cellAttrs = { col: 0, type: 'n', style: 0 };

/**
 * The attributes of a <c> that matter — r, t, s — read from their bytes into `cellAttrs`: a
 * sheet has millions of cells, and a string for every attribute name and value would cost more
 * than the rest of the cell.
 */
function readCellAttributes(a: XmlAttributes): void {
  cellAttrs.col = 0;
  cellAttrs.type = 'n';
  cellAttrs.style = 0;
  const b = a.bytes;
  while (a.next()) {
    if (a.nameLength !== 1) continue;
    const name = a.nameByte(0);
    if (a.valueHasEntity) {
      if (name === 0x72) cellAttrs.col = columnOf(a.value());
      else if (name === 0x74) cellAttrs.type = a.value();
      else if (name === 0x73) cellAttrs.style = parseInt(a.value(), 10) || 0;
      continue;
    }
    const from = a.valueStart;
    const to = a.valueEnd;
    if (name === 0x72) {
      // r: the column letters of e.g. AB12
      let col = 0;
      for (let k = from; k < to; k++) {
        const c = (b[k] as number) | 0x20;
        if (c < 0x61 || c > 0x7a) break;
        col = col * 26 + (c - 0x60);
      }
      cellAttrs.col = col;
    } else if (name === 0x74) {
      cellAttrs.type = cellType(b, from, to);
    } else if (name === 0x73) {
      let style = 0;
      for (let k = from; k < to; k++) {
        const d = (b[k] as number) - 0x30;
        if (d < 0 || d > 9) {
          style = parseInt(b.toString('latin1', from, to), 10) || 0;
          break;
        }
        style = style * 10 + d;
      }
      cellAttrs.style = style;
    }
  }
}

/** The `t` of a cell as one of the constant strings when it is one (no new string per cell). */
function cellType(b: Buffer, from: number, to: number): string {
  const len = to - from;
  if (len === 3 && b[from] === 0x73 && b[from + 1] === 0x74 && b[from + 2] === 0x72) return 'str';
  if (len === 1) {
    switch (b[from]) {
      case 0x73:
        return 's';
      case 0x6e:
        return 'n';
      case 0x62:
        return 'b';
      case 0x65:
        return 'e';
      case 0x64:
        return 'd';
      default:
        break;
    }
  }
  const t = b.toString('utf8', from, to);
  return t === 'inlineStr' ? 'inlineStr' : t;
}

/** `C5` → 3; 0 when there are no column letters. */
function columnOf(ref: string, from = 0, to = ref.length): number {
  let col = 0;
  for (let i = from; i < to; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return col;
}

function rowOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? parseInt(m[0], 10) : 0;
}

function parseRange(ref: string): MergeRange | null {
  const [a, b] = ref.split(':');
  if (a === undefined || b === undefined) return null;
  const r = { top: rowOf(a), left: columnOf(a), bottom: rowOf(b), right: columnOf(b) };
  if (r.top < 1 || r.left < 1 || r.bottom < r.top || r.right < r.left) return null;
  return r.top === r.bottom && r.left === r.right ? null : r;
}

// ---------------------------------------------------------------------------------------------
// The workbook

/**
 * Opens an .xlsx held in memory: reads the zip directory, the workbook, its relationships, the
 * styles and the shared strings. Throws `XlsxFormatError` when the bytes are not a readable
 * workbook.
 */
export async function openXlsx(buf: Uint8Array): Promise<XlsxWorkbook> {
  try {
    return await open(buf);
  } catch (e) {
    throw e instanceof XlsxFormatError ? e : new XlsxFormatError(e instanceof Error ? e.message : String(e));
  }
}

async function open(buf: Uint8Array): Promise<XlsxWorkbook> {
  const entries = zipEntries(buf);
  const rootRels = await readRels(buf, entries, '');
  const bookPath = relOfType(rootRels, 'officeDocument')?.target ?? 'xl/workbook.xml';
  const bookEntry = entries.get(partKey(bookPath));
  const noSheet: XlsxWorkbook = {
    firstSheet: undefined,
    readRows: () => Promise.resolve({ merges: [] }),
  };
  if (bookEntry === undefined) return noSheet;

  let date1904 = false;
  const sheets: { name: string; rid: string }[] = [];
  await parseXml(buf, bookEntry, {
    open(name, attrs) {
      if (name === 'workbookPr') {
        const d = attrs.get('date1904');
        date1904 = d === '1' || d === 'true';
      } else if (name === 'sheet') {
        const a = attrs.all();
        const rid = attr(a, 'id');
        if (rid !== undefined) sheets.push({ name: a.name ?? '', rid });
      }
    },
  });
  const rels = await readRels(buf, entries, bookPath);
  let sheet: { name: string; entry: ZipEntry } | undefined;
  for (const s of sheets) {
    const rel = rels.get(s.rid);
    const entry = rel && rel.type.endsWith('/worksheet') ? entries.get(partKey(rel.target)) : undefined;
    if (entry !== undefined) {
      sheet = { name: s.name, entry };
      break;
    }
  }
  if (sheet === undefined) return noSheet;

  const stylesEntry = entries.get(partKey(relOfType(rels, 'styles')?.target ?? 'xl/styles.xml'));
  const dateStyles = stylesEntry === undefined ? [] : await readDateStyles(buf, stylesEntry);
  const stringsEntry = entries.get(partKey(relOfType(rels, 'sharedStrings')?.target ?? 'xl/sharedStrings.xml'));
  const strings = stringsEntry === undefined ? [] : await readSharedStrings(buf, stringsEntry);
  const entry = sheet.entry;

  return {
    firstSheet: { name: sheet.name },
    async readRows(onRow, opts = {}) {
      let callbackError: { error: unknown } | undefined;
      const guarded: RowHandler = (row, cells) => {
        try {
          onRow(row, cells);
        } catch (error) {
          callbackError = { error };
          throw error;
        }
      };
      try {
        return await readSheet(buf, entry, { strings, dateStyles, date1904 }, guarded, opts.merges ?? []);
      } catch (e) {
        if (callbackError !== undefined) throw callbackError.error;
        throw e instanceof XlsxFormatError ? e : new XlsxFormatError(e instanceof Error ? e.message : String(e));
      }
    },
  };
}

interface SheetContext {
  strings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/** Where the text being read goes: nowhere, <v>, <f>, <t>. */
const Text = { None: 0, V: 1, F: 2, T: 3 } as const;

async function readSheet(buf: Uint8Array, entry: ZipEntry, ctx: SheetContext, onRow: RowHandler, merges: readonly MergeRange[]): Promise<{ merges: MergeRange[] }> {
  const found: MergeRange[] = [];
  const emit = merges.length > 0 ? mergeApplier(merges, onRow) : { row: onRow, end: () => undefined };

  let inData = false;
  let row = 0;
  let cells: (SheetValue | undefined)[] = [];
  let hasCells = false;
  // the current cell
  let col = 0;
  let type = '';
  let style = 0;
  let target: number = Text.None;
  let v = '';
  let f = '';
  let isFormula = false;
  /** Text of an inline string: its <t>, or its rich text runs' <t> one after the other. */
  let inline = '';
  let t = '';
  let phonetic = 0;

  const number = (s: string): number | Date => {
    const n = parseFloat(s);
    // Style 0 is never a date (as with exceljs).
    return style > 0 && ctx.dateStyles[style] === true ? excelDate(n, ctx.date1904) : n;
  };
  const scalar = (): SheetScalar | undefined => {
    switch (type) {
      case 's': {
        if (v === '') return undefined;
        const s = ctx.strings[parseInt(v, 10)];
        if (s === undefined) throw new XlsxFormatError(`shared string ${v} missing`);
        return s;
      }
      case 'inlineStr':
        return inline === '' ? (v === '' ? undefined : v) : inline;
      case 'str':
        return v === '' ? undefined : v;
      case 'b': {
        if (v === '') return undefined;
        const n = parseInt(v, 10);
        return Number.isNaN(n) ? v.trim() === 'true' : n !== 0;
      }
      case 'e':
        return v === '' ? undefined : { error: v };
      case 'd': {
        if (v === '') return undefined;
        // ISO 8601; without a zone it is a calendar date/time, kept as UTC like serial dates.
        return new Date(/(?:Z|[+-]\d\d:?\d\d)$/.test(v) ? v : `${v}${v.includes('T') ? '' : 'T00:00:00'}Z`);
      }
      default:
        return v === '' ? undefined : number(v);
    }
  };

  const h: XmlHandler = {
    open(name, attrs) {
      switch (name) {
        case 'c': {
          readCellAttributes(attrs);
          col = cellAttrs.col > 0 ? cellAttrs.col : col + 1;
          type = cellAttrs.type;
          style = cellAttrs.style;
          v = '';
          f = '';
          isFormula = false;
          inline = '';
          phonetic = 0;
          target = Text.None;
          break;
        }
        case 'v':
          target = Text.V;
          break;
        case 'f':
          target = Text.F;
          if (attrs.get('t') !== undefined) isFormula = true;
          break;
        case 't':
          target = phonetic > 0 ? Text.None : Text.T;
          t = '';
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'row': {
          const r = attrs.get('r');
          const n = r === undefined ? NaN : parseInt(r, 10);
          row = Number.isFinite(n) && n > 0 ? n : row + 1;
          cells = [];
          hasCells = false;
          col = 0;
          break;
        }
        case 'sheetData':
          inData = true;
          break;
        case 'mergeCell': {
          const ref = attrs.get('ref');
          const m = ref === undefined ? null : parseRange(ref);
          if (m !== null) found.push(m);
          break;
        }
        default:
          break;
      }
    },
    text(s) {
      if (target === Text.V) v += s;
      else if (target === Text.T) t += s;
      else if (target === Text.F) f += s;
    },
    close(name) {
      switch (name) {
        case 'v':
        case 'f':
          target = Text.None;
          if (name === 'f' && f !== '') isFormula = true;
          break;
        case 't':
          if (target === Text.T) inline += unescapeX(t);
          target = Text.None;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          if (!inData || col < 1) break;
          let value: SheetValue | undefined;
          if (isFormula) {
            // A formula's cached result; absent when the file was never recalculated.
            const result = scalar();
            value = result === undefined ? { formula: f } : { formula: f, result };
          } else value = scalar();
          if (value !== undefined) {
            cells[col - 1] = value;
            hasCells = true;
          }
          break;
        }
        case 'row':
          if (inData && hasCells) emit.row(row, cells);
          break;
        case 'sheetData':
          inData = false;
          break;
        default:
          break;
      }
    },
  };
  const scanner = new XmlScanner(h);
  await streamBytes(buf, entry, (bytes) => scanner.write(bytes));
  scanner.end();
  emit.end();
  return { merges: found };
}

/**
 * Wraps a row handler so that every cell of a merged range reads as its top-left cell, and
 * rows inside a range that the file leaves out are reported too.
 */
function mergeApplier(merges: readonly MergeRange[], onRow: RowHandler): { row: RowHandler; end: () => void } {
  const sorted = [...merges].sort((a, b) => a.top - b.top);
  let next = 0;
  let active: { m: MergeRange; value: SheetValue | undefined }[] = [];
  let last = 0;
  const apply = (row: number, cells: (SheetValue | undefined)[]): boolean => {
    while (next < sorted.length && (sorted[next] as MergeRange).top <= row) {
      const m = sorted[next++] as MergeRange;
      if (m.bottom >= row) active.push({ m, value: undefined });
    }
    if (active.length === 0) return false;
    active = active.filter((a) => a.m.bottom >= row);
    for (const a of active) {
      if (a.m.top === row) a.value = cells[a.m.left - 1];
      for (let c = a.m.left; c <= a.m.right; c++) {
        if (a.value === undefined) delete cells[c - 1];
        else cells[c - 1] = a.value;
      }
    }
    return active.length > 0;
  };
  /** Rows after `last` and before `until` that the file leaves out but a merged range covers. */
  const gap = (until: number) => {
    let r = last + 1;
    while (r < until) {
      const upcoming = next < sorted.length ? (sorted[next] as MergeRange).top : Infinity;
      if (upcoming > r && !active.some((a) => a.m.bottom >= r)) {
        if (upcoming === Infinity) break;
        r = upcoming;
        continue;
      }
      const cells: (SheetValue | undefined)[] = [];
      if (apply(r, cells)) onRow(r, cells);
      r++;
    }
  };
  return {
    row(row, cells) {
      if (row > last + 1) gap(row);
      apply(row, cells);
      last = Math.max(last, row);
      onRow(row, cells);
    },
    end() {
      gap(sorted.reduce((max, m) => Math.max(max, m.bottom), last) + 1);
    },
  };
}
