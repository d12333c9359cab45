/**
 * One unit of the registry (一矿一档, REGISTRY.md): the record, its zod schema with every rule of
 * REGISTRY.md, and the column table of the import template (列名 → field, required flag, cell
 * parser). Pure module: no I/O and no Node built-ins, so that the UI reuses it for its forms; the
 * .xlsx side lives in `./xlsx`.
 *
 * Field names are REGISTRY.md's `field` column. Dates are `YYYY-MM-DD` strings (CLI.md).
 */
import { z } from 'zod';
import { isIsoDate, isoDate } from '../domain/dates';
import { KIND_IDS, type KindId } from '../domain/rules';
import { describeValue } from '../validation/issues';
import { creditCodeProblem } from './credit-code';
import { KIND_LABELS, STATUSES, OWNERSHIPS, STANDARDIZATION_LEVELS, POND_GRADES, UNIT_ID_PATTERN, PHONE_PATTERN, STOPPED_STATUSES, KIND_LABEL_LIST, isKindLabel, kindLabelsOf, type KindLabel, type Ownership, type UnitStatus, type StandardizationLevel, type PondGrade } from './vocabulary';

// ---------------------------------------------------------------------------------------------
// Vocabulary (./vocabulary)

export * from './vocabulary';

// ---------------------------------------------------------------------------------------------
// The record

export interface UnitRecord {
  id: string;
  enterprise: string;
  name: string;
  creditCode: string;
  kind: KindId;
  /** The exact 类型 text (砖瓦用粘土开采 rather than just `quarry`), so an export re-imports unchanged. */
  kindLabel: KindLabel;
  county: string;
  township?: string;
  address?: string;
  lon?: number;
  lat?: number;
  ownership: Ownership;
  status: UnitStatus;
  stoppedOn?: string;
  principal: string;
  principalPhone: string;
  safetyLead?: string;
  safetyLeadPhone?: string;
  miningLicence?: string;
  miningLicenceUntil?: string;
  safetyLicence?: string;
  safetyLicenceUntil?: string;
  qualification?: string;
  qualificationUntil?: string;
  standardization?: StandardizationLevel;
  depth?: number;
  maxShiftUnderground?: number;
  slopeHeight?: number;
  pondGrade?: PondGrade;
  damHeight?: number;
  storage?: number;
  overheadPond?: boolean;
  pondId?: string;
  officialName?: string;
  officialPost?: string;
  officialPhone?: string;
  supervisor?: string;
  supervisorPhone?: string;
}

export type UnitField = keyof UnitRecord;

// ---------------------------------------------------------------------------------------------
// Field schemas (each with its own Chinese messages, so they read the same in the UI and in an
// import report)

const REQUIRED = '必填，不能为空';

/** Missing input → 必填; anything else of the wrong type → 应为<what>，实际为 …. */
function typeError(what: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined ? REQUIRED : `应为${what}，实际为 ${describeValue(iss.input)}`);
}

/** Trimmed non-empty text; `check` adds a rule of its own. */
function text(check?: (s: string) => string | null) {
  return z
    .string({ error: typeError('文本') })
    .trim()
    .superRefine((s, ctx) => {
      const problem = s === '' ? REQUIRED : check ? check(s) : null;
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: s });
    });
}

function unitId() {
  return text((s) => (UNIT_ID_PATTERN.test(s) ? null : `只能由字母、数字和“-”组成，实际为 ${describeValue(s)}`));
}

function phone() {
  return text((s) =>
    PHONE_PATTERN.test(s) ? null : `应为 7–12 位数字，区号可用“-”连接（如 0357-2345678），实际为 ${describeValue(s)}`,
  );
}

function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined ? REQUIRED : `应为 ${values.join('、')} 之一，实际为 ${describeValue(iss.input)}`,
  });
}

function amount(opts: { min: number; max?: number; int?: boolean }) {
  return z.number({ error: typeError('数字') }).superRefine((n, ctx) => {
    const add = (message: string) => ctx.addIssue({ code: 'custom', message, input: n });
    if (!Number.isFinite(n)) add(`应为数字，实际为 ${describeValue(n)}`);
    else if (opts.int && !Number.isInteger(n)) add(`应为整数，实际为 ${describeValue(n)}`);
    else if (opts.max !== undefined && (n < opts.min || n > opts.max)) add(`应在 ${opts.min}–${opts.max} 之间，实际为 ${describeValue(n)}`);
    else if (n < opts.min) add(`应不小于 ${opts.min}，实际为 ${describeValue(n)}`);
  });
}

const date = () => isoDate;

/** Every field's own schema (single-field rules); cross-field rules are in `unitRuleProblems`. */
export const unitFieldSchemas = {
  id: unitId(),
  enterprise: text(),
  name: text(),
  creditCode: text(creditCodeProblem),
  kind: z.enum(KIND_IDS, { error: typeError(`${KIND_IDS.join('、')} 之一`) }),
  kindLabel: choice(KIND_LABEL_LIST as [KindLabel, ...KindLabel[]]),
  county: text(),
  township: text().optional(),
  address: text().optional(),
  lon: amount({ min: 73, max: 136 }).optional(),
  lat: amount({ min: 3, max: 54 }).optional(),
  ownership: choice(OWNERSHIPS),
  status: choice(STATUSES),
  stoppedOn: date().optional(),
  principal: text(),
  principalPhone: phone(),
  safetyLead: text().optional(),
  safetyLeadPhone: phone().optional(),
  miningLicence: text().optional(),
  miningLicenceUntil: date().optional(),
  safetyLicence: text().optional(),
  safetyLicenceUntil: date().optional(),
  qualification: text().optional(),
  qualificationUntil: date().optional(),
  standardization: choice(STANDARDIZATION_LEVELS).optional(),
  depth: amount({ min: 0 }).optional(),
  maxShiftUnderground: amount({ min: 0, int: true }).optional(),
  slopeHeight: amount({ min: 0 }).optional(),
  pondGrade: choice(POND_GRADES).optional(),
  damHeight: amount({ min: 0 }).optional(),
  storage: amount({ min: 0 }).optional(),
  overheadPond: z.boolean({ error: typeError('是或否') }).optional(),
  pondId: unitId().optional(),
  officialName: text().optional(),
  officialPost: text().optional(),
  officialPhone: phone().optional(),
  supervisor: text().optional(),
  // Not held to the phone rule: REGISTRY.md does not say "as above", and a notice board may
  // well show a short hotline such as 12350 (R23).
  supervisorPhone: text().optional(),
} satisfies Record<UnitField, z.ZodType>;

// ---------------------------------------------------------------------------------------------
// Cross-field rules

export interface FieldProblem {
  field: UnitField;
  message: string;
}

/**
 * REGISTRY.md: the columns that belong to some kinds only. Filled for another kind they are an
 * error naming the kind they belong to: nothing is silently dropped.
 */
export const KIND_SPECIFIC_FIELDS: Partial<Record<UnitField, readonly KindId[]>> = {
  depth: ['underground'],
  maxShiftUnderground: ['underground'],
  slopeHeight: ['openpit', 'quarry'],
  pondGrade: ['tailings'],
  damHeight: ['tailings'],
  storage: ['tailings'],
  overheadPond: ['tailings'],
  qualification: ['exploration', 'contractor'],
  qualificationUntil: ['exploration', 'contractor'],
  pondId: ['concentrator'],
};

/** REGISTRY.md: a licence's 有效期至 is required with its number (a date alone is fine). */
const LICENCES: readonly { number: UnitField; until: UnitField; label: string }[] = [
  { number: 'miningLicence', until: 'miningLicenceUntil', label: '采矿许可证号' },
  { number: 'safetyLicence', until: 'safetyLicenceUntil', label: '安全生产许可证号' },
  { number: 'qualification', until: 'qualificationUntil', label: '资质证书号' },
];

function given(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/**
 * The rules that tie fields together, on a record that may be partial (an import row whose
 * other cells are wrong): each rule is checked only when the fields it reads are there.
 */
export function unitRuleProblems(r: Partial<UnitRecord>): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (r.kindLabel !== undefined && r.kind !== undefined && isKindLabel(r.kindLabel) && KIND_LABELS[r.kindLabel] !== r.kind) {
    out.push({ field: 'kindLabel', message: `类型「${r.kindLabel}」与类别 ${r.kind} 不一致` });
  }
  // REGISTRY.md 停产停建日期: required when 生产状态 is 停产 or 停建 (R17.6, R18.7 read it).
  if (r.status !== undefined && STOPPED_STATUSES.includes(r.status) && !given(r.stoppedOn)) {
    out.push({ field: 'stoppedOn', message: `生产状态为「${r.status}」时必填` });
  }
  for (const l of LICENCES) {
    if (given(r[l.number]) && !given(r[l.until])) out.push({ field: l.until, message: `填写了${l.label}时必填` });
  }
  // REGISTRY.md 包保责任人职务 / 电话: "with 包保责任人" (R21, R22).
  if (given(r.officialName)) {
    if (!given(r.officialPost)) out.push({ field: 'officialPost', message: '填写了包保责任人时必填' });
    if (!given(r.officialPhone)) out.push({ field: 'officialPhone', message: '填写了包保责任人时必填' });
  }
  if (r.kind !== undefined) {
    const kind = r.kind;
    const labelText = r.kindLabel ?? kindLabelsOf(kind).join('、');
    for (const [field, kinds] of Object.entries(KIND_SPECIFIC_FIELDS) as [UnitField, readonly KindId[]][]) {
      if (given(r[field]) && !kinds.includes(kind)) {
        const owners = kinds.flatMap((k) => kindLabelsOf(k)).join('、');
        out.push({ field, message: `此项仅适用于${owners}，本单位类型为「${labelText}」，请清空此项或更正类型` });
      }
    }
    // R19 / D7: a concentrator is linked to its tailings pond.
    if (kind === 'concentrator' && !given(r.pondId)) {
      out.push({ field: 'pondId', message: '选矿厂必须填写配套尾矿库的单位编号（R19）' });
    }
  }
  return out;
}

/** The registry record with every rule of REGISTRY.md that needs no other unit. */
export const unitRecordSchema = z.strictObject(unitFieldSchemas).superRefine((r, ctx) => {
  for (const p of unitRuleProblems(r)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message, input: r[p.field] });
});

// `UnitRecord` and the schema's output are the same type (checked at compile time).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameType: Same<z.output<typeof unitRecordSchema>, UnitRecord> = true;
void _sameType;

/** Checks a whole record (e.g. a form): the record, or every problem by field. */
export function checkUnit(data: unknown): { ok: true; record: UnitRecord } | { ok: false; problems: FieldProblem[] } {
  const r = unitRecordSchema.safeParse(data);
  if (r.success) return { ok: true, record: r.data };
  const problems: FieldProblem[] = [];
  if (typeof data === 'object' && data !== null) {
    // Field by field, so that a cross-field rule is still checked when another field is wrong.
    const partial: Record<string, unknown> = {};
    const bad = new Set<string>();
    for (const [field, schema] of Object.entries(unitFieldSchemas) as [UnitField, z.ZodType][]) {
      const f = schema.safeParse((data as Record<string, unknown>)[field]);
      if (f.success) {
        if (f.data !== undefined) partial[field] = f.data;
      } else {
        bad.add(field);
        problems.push({ field, message: f.error.issues[0]?.message ?? '不正确' });
      }
    }
    for (const key of Object.keys(data)) {
      if (!(key in unitFieldSchemas)) problems.push({ field: key as UnitField, message: '不认识的字段' });
    }
    for (const p of unitRuleProblems(partial as Partial<UnitRecord>)) if (!bad.has(p.field)) problems.push(p);
  }
  if (problems.length === 0) {
    for (const i of r.error.issues) problems.push({ field: String(i.path[0] ?? '') as UnitField, message: i.message });
  }
  return { ok: false, problems };
}

/** R19: what is wrong with a concentrator's 配套尾矿库编号, given the kinds of the units it may name. */
export function pondProblem(pondId: string, kindOf: (id: string) => { kind: KindId; label: string } | undefined): string | null {
  const target = kindOf(pondId);
  if (target === undefined) return `单位编号「${pondId}」在本文件和已有单位中都不存在，应为一座尾矿库的单位编号（R19）`;
  if (target.kind !== 'tailings') return `单位编号「${pondId}」是${target.label}，不是尾矿库（R19）`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Cells: what a spreadsheet cell holds once read (rich text, hyperlinks and formula results
// already reduced to their value by the reader)

export type CellInput = string | number | boolean | Date;

export type CellParse = { ok: true; patch: Partial<UnitRecord> } | { ok: false; problem: string };

/** A cell as text: numbers without `.0`, Excel dates as `YYYY-MM-DD`; blank → undefined. */
export function cellText(cell: CellInput | undefined): { ok: true; value: string | undefined } | { ok: false; problem: string } {
  if (cell === undefined) return { ok: true, value: undefined };
  if (typeof cell === 'string') {
    const t = cell.trim();
    return { ok: true, value: t === '' ? undefined : t };
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { ok: false, problem: `不是有效的值：${String(cell)}` };
    if (Number.isInteger(cell) && !Number.isSafeInteger(cell)) {
      return {
        ok: false,
        problem: `是超过 15 位的数字 ${String(cell)}，Excel 已丢失其末几位；请把此列设为文本格式后重新填写`,
      };
    }
    return { ok: true, value: String(cell) };
  }
  if (typeof cell === 'boolean') return { ok: true, value: cell ? '是' : '否' };
  const iso = utcDate(cell);
  return iso === null ? { ok: false, problem: '不是有效的日期' } : { ok: true, value: iso };
}

/** An Excel date: the reader gives a JS Date at UTC midnight, so the UTC fields are the date. */
function utcDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  if (y < 1000 || y > 9999) return null;
  return `${String(y)}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/, // 2024-03-01, 2024-3-1
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, // 2024/3/1
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/, // 2024.3.1
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/, // 2024年3月1日
];

/** REGISTRY.md: dates as real Excel dates or as text `2024-03-01`, `2024/3/1`, `2024年3月1日`. */
export function parseDateText(s: string): { ok: true; value: string } | { ok: false; problem: string } {
  for (const form of DATE_FORMS) {
    const m = form.exec(s);
    if (!m) continue;
    const iso = `${m[1] ?? ''}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
    return isIsoDate(iso) ? { ok: true, value: iso } : { ok: false, problem: `不是有效的日期：${describeValue(s)}` };
  }
  return {
    ok: false,
    problem: `应为日期（如 2024-03-01、2024/3/1 或 2024年3月1日），实际为 ${describeValue(s)}`,
  };
}

function cellDate(cell: CellInput | undefined): { ok: true; value: string | undefined } | { ok: false; problem: string } {
  if (cell instanceof Date) {
    const iso = utcDate(cell);
    return iso === null ? { ok: false, problem: '不是有效的日期' } : { ok: true, value: iso };
  }
  if (typeof cell === 'number' || typeof cell === 'boolean') {
    return { ok: false, problem: `应为日期（如 2024-03-01），实际为 ${describeValue(cell)}` };
  }
  const t = cellText(cell);
  if (!t.ok || t.value === undefined) return t;
  return parseDateText(t.value);
}

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

function cellNumber(cell: CellInput | undefined): { ok: true; value: number | undefined } | { ok: false; problem: string } {
  if (typeof cell === 'number') return { ok: true, value: cell };
  if (typeof cell === 'string') {
    const t = cell.trim();
    if (t === '') return { ok: true, value: undefined };
    if (NUMBER_TEXT.test(t)) return { ok: true, value: Number(t) };
    return { ok: false, problem: `应为数字，实际为 ${describeValue(t)}` };
  }
  if (cell === undefined) return { ok: true, value: undefined };
  return { ok: false, problem: `应为数字，实际为 ${cell instanceof Date ? '日期' : describeValue(cell)}` };
}

function cellBoolean(cell: CellInput | undefined): { ok: true; value: boolean | undefined } | { ok: false; problem: string } {
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  const t = cellText(cell);
  if (!t.ok) return t;
  if (t.value === undefined) return { ok: true, value: undefined };
  if (t.value === '是') return { ok: true, value: true };
  if (t.value === '否') return { ok: true, value: false };
  return { ok: false, problem: `应为「是」或「否」，实际为 ${describeValue(t.value)}` };
}

// ---------------------------------------------------------------------------------------------
// The column table (REGISTRY.md `## Columns`, in its order)

export type ColumnType = 'text' | 'number' | 'date' | 'boolean' | 'choice';

export interface RegistryColumn {
  /** 列名, as in the template's header row. */
  header: string;
  /** REGISTRY.md `field`. */
  field: UnitField;
  /** The column must be in the header and filled in on every unit ("yes" in REGISTRY.md). */
  required: boolean;
  type: ColumnType;
  /** The allowed values of a choice column (the template offers them as a drop-down list). */
  choices?: readonly string[];
  /** Column width in the written sheet (Excel character units). */
  width: number;
  /** A cell's value → the record fields it sets, or what is wrong with it (Chinese). */
  parse(cell: CellInput | undefined): CellParse;
  /** The cell an export writes for the record; undefined leaves the cell empty. */
  format(record: UnitRecord): string | number | undefined;
}

function fieldProblem(field: UnitField, value: unknown): string | null {
  const r = unitFieldSchemas[field].safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? '不正确');
}

/** Converts a cell with `convert`, checks it with the field's schema, yields `{ [field]: value }`. */
function column(
  header: string,
  field: UnitField,
  required: boolean,
  type: ColumnType,
  width: number,
  opts: { choices?: readonly string[]; upper?: boolean } = {},
): RegistryColumn {
  const convert = type === 'number' ? cellNumber : type === 'date' ? cellDate : type === 'boolean' ? cellBoolean : cellText;
  return {
    header,
    field,
    required,
    type,
    width,
    ...(opts.choices ? { choices: opts.choices } : {}),
    parse(cell) {
      const c = convert(cell);
      if (!c.ok) return { ok: false, problem: c.problem };
      let value = c.value;
      if (value === undefined) return required ? { ok: false, problem: REQUIRED } : { ok: true, patch: {} };
      if (opts.upper && typeof value === 'string') value = value.toUpperCase();
      const problem = fieldProblem(field, value);
      return problem === null ? { ok: true, patch: { [field]: value } } : { ok: false, problem };
    },
    format(record) {
      const v = record[field];
      if (v === undefined) return undefined;
      if (typeof v === 'boolean') return v ? '是' : '否';
      return v;
    },
  };
}

/** 类型 sets both `kind` and the exact text `kindLabel`. */
const kindColumn: RegistryColumn = {
  header: '类型',
  field: 'kind',
  required: true,
  type: 'choice',
  choices: KIND_LABEL_LIST,
  width: 16,
  parse(cell) {
    const c = cellText(cell);
    if (!c.ok) return c;
    if (c.value === undefined) return { ok: false, problem: REQUIRED };
    if (!isKindLabel(c.value)) {
      return { ok: false, problem: `应为 ${KIND_LABEL_LIST.join('、')} 之一，实际为 ${describeValue(c.value)}` };
    }
    return { ok: true, patch: { kind: KIND_LABELS[c.value], kindLabel: c.value } };
  },
  format: (record) => record.kindLabel,
};

export const REGISTRY_COLUMNS: readonly RegistryColumn[] = [
  column('单位编号', 'id', true, 'text', 14),
  column('企业名称', 'enterprise', true, 'text', 30),
  column('矿山（尾矿库）名称', 'name', true, 'text', 30),
  column('统一社会信用代码', 'creditCode', true, 'text', 22, { upper: true }),
  kindColumn,
  column('所属县区', 'county', true, 'text', 12),
  column('乡镇', 'township', false, 'text', 12),
  column('地址', 'address', false, 'text', 30),
  column('经度', 'lon', false, 'number', 12),
  column('纬度', 'lat', false, 'number', 12),
  column('隶属关系', 'ownership', true, 'choice', 12, { choices: OWNERSHIPS }),
  column('生产状态', 'status', true, 'choice', 12, { choices: STATUSES }),
  column('停产停建日期', 'stoppedOn', false, 'date', 14),
  column('主要负责人', 'principal', true, 'text', 12),
  column('主要负责人电话', 'principalPhone', true, 'text', 16),
  column('安全负责人', 'safetyLead', false, 'text', 12),
  column('安全负责人电话', 'safetyLeadPhone', false, 'text', 16),
  column('采矿许可证号', 'miningLicence', false, 'text', 26),
  column('采矿许可证有效期至', 'miningLicenceUntil', false, 'date', 20),
  column('安全生产许可证号', 'safetyLicence', false, 'text', 26),
  column('安全生产许可证有效期至', 'safetyLicenceUntil', false, 'date', 24),
  column('资质证书号', 'qualification', false, 'text', 22),
  column('资质证书有效期至', 'qualificationUntil', false, 'date', 18),
  column('安全生产标准化等级', 'standardization', false, 'choice', 20, { choices: STANDARDIZATION_LEVELS }),
  column('开采深度(m)', 'depth', false, 'number', 13),
  column('最大单班下井人数', 'maxShiftUnderground', false, 'number', 18),
  column('现状边坡高度(m)', 'slopeHeight', false, 'number', 16),
  column('尾矿库等别', 'pondGrade', false, 'choice', 12, { choices: POND_GRADES }),
  column('现状坝高(m)', 'damHeight', false, 'number', 13),
  column('现状库容(万m³)', 'storage', false, 'number', 15),
  column('是否头顶库', 'overheadPond', false, 'boolean', 12, { choices: ['是', '否'] }),
  column('配套尾矿库编号', 'pondId', false, 'text', 16),
  column('包保责任人', 'officialName', false, 'text', 12),
  column('包保责任人职务', 'officialPost', false, 'text', 20),
  column('包保责任人电话', 'officialPhone', false, 'text', 16),
  column('日常监管部门', 'supervisor', false, 'text', 20),
  column('监管联系电话', 'supervisorPhone', false, 'text', 16),
];

/** The column a field is read from (`kindLabel` is read from 类型). */
export function columnOfField(field: UnitField): RegistryColumn | undefined {
  const f = field === 'kindLabel' ? 'kind' : field;
  return REGISTRY_COLUMNS.find((c) => c.field === f);
}
