/**
 * A score sheet (SCORING-TABLES.md "Score sheet") checked against the table set it names:
 * every answer must fit its item's rule type (CLI.md `grade` lists what is an error).
 */
import { z } from 'zod';
import { isIsoDate, isoDate } from '../domain/dates';
import { KIND_NAMES, isKindId, isTableKind, type DirectDClause, type TableKindId } from '../domain/rules';
import type { TableRegistry } from '../tables/registry';
import type { Item, KindTable, TableSet } from '../tables/schema';
import { IssueList, describeValue, parseWith, type PathSegment } from '../validation/issues';

export type ManualAnswer = { points: number; note: string };
export type Answer = string | string[] | number | boolean | ManualAnswer;

export interface ScoreSheet {
  kind: TableKindId;
  table: { id: string; version: string };
  assessedOn: string;
  initialConditions: string[];
  directD: DirectDClause[];
  answers: Record<string, Answer>;
}

export interface CheckedSheet {
  sheet: ScoreSheet;
  tableSet: TableSet;
  kindTable: KindTable;
  /**
   * The answers in the kind table's item order (`undefined`: not answered), as the check read them,
   * so that grading reads an array instead of looking every item up in the answers object. Valid
   * only while `sheet.answers` is the object they were read from (`of`): a sheet derived with other
   * answers (`regrade`) is graded by looking its answers up.
   */
  ordered?: { of: Record<string, Answer>; values: (Answer | undefined)[] };
}

const sheetShape = z.object({
  kind: z.string(),
  table: z.object({ id: z.string().min(1), version: z.string().min(1) }),
  assessedOn: isoDate,
  initialConditions: z.array(z.string()).optional(),
  directD: z.array(z.string()).optional(),
  answers: z.record(z.string(), z.unknown()).optional(),
});

type RawSheet = z.output<typeof sheetShape>;

const isStringArray = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/**
 * The shape check without zod for the usual, well-formed sheet (grading 100,000 sheets a second
 * needs it); anything irregular goes through zod, which says what is wrong. Accepts exactly what
 * `sheetShape` accepts.
 */
function fastShape(d: unknown): RawSheet | null {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return null;
  const o = d as Record<string, unknown>;
  const t = o.table as Record<string, unknown> | undefined;
  if (typeof o.kind !== 'string' || typeof t !== 'object' || t === null || Array.isArray(t)) return null;
  if (typeof t.id !== 'string' || t.id === '' || typeof t.version !== 'string' || t.version === '') return null;
  if (!isIsoDate(o.assessedOn) || !isStringArray(o.initialConditions) || !isStringArray(o.directD)) return null;
  const a = o.answers;
  if (a !== undefined && (typeof a !== 'object' || a === null || Array.isArray(a))) return null;
  // every field read is checked above; the caller only reads them (no copy made)
  return o as RawSheet;
}

/**
 * An item of a kind table as the check reads it: its place in the table's item order, its rule
 * type and its option ids, all on one object of one shape (the items and rules of a table have
 * several shapes, and reading through them for every answer is what made checking slow).
 */
interface Slot {
  item: Item;
  index: number;
  type: Item['rule']['type'];
  options: Set<string>;
}

interface KindIndex {
  items: Map<string, Slot>;
  conditions: Set<string>;
  directD: Set<string>;
}
const indexes = new WeakMap<KindTable, KindIndex>();

function indexOf(kt: KindTable): KindIndex {
  let ix = indexes.get(kt);
  if (!ix) {
    const items = new Map<string, Slot>();
    for (const d of kt.dimensions) for (const it of d.items) items.set(it.id, slotOf(it, items.size));
    ix = { items, conditions: new Set(kt.initialScore.conditions.map((c) => c.id)), directD: new Set<string>(kt.directD) };
    indexes.set(kt, ix);
  }
  return ix;
}

function slotOf(item: Item, index: number): Slot {
  const r = item.rule;
  return { item, index, type: r.type, options: new Set(r.type === 'choice' || r.type === 'multi' ? r.options.map((o) => o.id) : []) };
}

/**
 * Checks a sheet against the loaded tables; throws `ValidationError` naming each problem's
 * JSON path (prefixed by `at`, for sheets inside a larger document).
 */
export function parseSheet(data: unknown, tables: TableRegistry, at: readonly PathSegment[] = []): CheckedSheet {
  const raw = fastShape(data) ?? parseWith(sheetShape, data, at);
  const issues = new IssueList();

  const tableSet = tables.get(raw.table.id, raw.table.version);
  if (!isTableKind(raw.kind)) {
    issues.add(
      [...at, 'kind'],
      isKindId(raw.kind)
        ? `「${KIND_NAMES[raw.kind]}」没有评分表（${raw.kind === 'concentrator' ? 'R19：随所配套尾矿库定级' : 'D6：人工定级'}）`
        : `未知的单位类型 ${describeValue(raw.kind)}`,
    );
  }
  if (tableSet === undefined) {
    const loaded = tables.list().map((t) => `${t.id} ${t.version}`);
    issues.add(
      [...at, 'table'],
      `未加载评分表 ${raw.table.id} 版本 ${raw.table.version}${loaded.length ? `（已加载：${loaded.join('，')}）` : ''}`,
    );
  }
  issues.throwIfAny();
  const kind = raw.kind as TableKindId;
  const kindTable = (tableSet as TableSet).kinds[kind];
  if (kindTable === undefined) {
    issues.add([...at, 'kind'], `评分表 ${raw.table.id} 版本 ${raw.table.version} 中没有「${KIND_NAMES[kind]}」的评分表`);
    issues.throwIfAny();
  }
  const kt = kindTable as KindTable;

  const ix = indexOf(kt);
  const conditions = raw.initialConditions ?? [];
  if (conditions.length > 0) checkList(conditions, ix.conditions, [...at, 'initialConditions'], '初始分条件', kind, issues);
  const directD = raw.directD ?? [];
  if (directD.length > 0) checkList(directD, ix.directD, [...at, 'directD'], '直接判定 D 级条款', kind, issues);

  const given = raw.answers ?? {};
  const values = checkAnswers(given, ix, kind, at, issues);
  issues.throwIfAny();
  // Every answer was checked above, so the checked sheet keeps the given answers object itself:
  // copying an object of some forty keys in varying sets is the costliest step of grading in V8
  // (it is a dictionary-mode object). Callers do not change a sheet after checking it.
  const answers = given as Record<string, Answer>;
  return {
    sheet: {
      kind,
      table: { id: raw.table.id, version: raw.table.version },
      assessedOn: raw.assessedOn,
      initialConditions: conditions.slice(),
      directD: directD.slice() as DirectDClause[],
      answers,
    },
    tableSet: tableSet as TableSet,
    kindTable: kt,
    ordered: { of: answers, values },
  };
}

/** Every answer checked, in the order given, each problem added to `issues`; the answers in item order. */
function checkAnswers(
  given: Record<string, unknown>,
  ix: KindIndex,
  kind: TableKindId,
  at: readonly PathSegment[],
  issues: IssueList,
): (Answer | undefined)[] {
  const n = ix.items.size;
  const values = new Array<Answer | undefined>(n);
  for (let i = 0; i < n; i++) values[i] = undefined;
  const keys = Object.keys(given);
  for (let i = 0; i < keys.length; i++) {
    const id = keys[i] as string;
    const slot = ix.items.get(id);
    if (slot === undefined) {
      issues.add([...at, 'answers', id], `不是「${KIND_NAMES[kind]}」评分表中的项目`);
      continue;
    }
    const v = given[id];
    const msg = problemOf(slot, v);
    if (msg !== null) issues.add([...at, 'answers', id], msg);
    else values[slot.index] = v as Answer;
  }
  return values;
}

function checkList(
  list: string[],
  known: Set<string>,
  at: PathSegment[],
  what: string,
  kind: TableKindId,
  issues: IssueList,
): void {
  const seen = new Set<string>();
  list.forEach((v, i) => {
    if (!known.has(v)) {
      const allowed = [...known];
      issues.add(
        [...at, i],
        `${describeValue(v)} 不是「${KIND_NAMES[kind]}」的${what}${allowed.length ? `，应为 ${allowed.join('、')} 之一` : '（本类没有）'}`,
      );
    } else if (seen.has(v)) {
      issues.add([...at, i], `${describeValue(v)} 重复`);
    }
    seen.add(v);
  });
}

const itemSlots = new WeakMap<Item, Slot>();

/** Why `value` is not a valid answer to `item`, or null when it is. */
export function answerProblem(item: Item, value: unknown): string | null {
  let slot = itemSlots.get(item);
  if (!slot) itemSlots.set(item, (slot = slotOf(item, 0)));
  return problemOf(slot, value);
}

/** Why `value` is not a valid answer to the slot's item, or null when it is. */
function problemOf(slot: Slot, value: unknown): string | null {
  if (value === null) return `「${slot.item.name}」的答案不能为 null`;
  switch (slot.type) {
    case 'choice': {
      if (typeof value !== 'string') return `应为选项编号（文本），实际为 ${describeValue(value)}`;
      if (!slot.options.has(value)) return `选项 ${describeValue(value)} 不属于「${slot.item.name}」，应为 ${[...slot.options].join('、')} 之一`;
      return null;
    }
    case 'multi': {
      if (!Array.isArray(value)) return `应为选项编号的数组，实际为 ${describeValue(value)}`;
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v !== 'string') return `选项应为编号（文本），实际为 ${describeValue(v)}`;
        if (!slot.options.has(v)) return `选项 ${describeValue(v)} 不属于「${slot.item.name}」`;
        if (value.indexOf(v) !== i) return `选项 ${describeValue(v)} 重复`;
      }
      return null;
    }
    case 'count':
      if (typeof value !== 'number') return `应为数字（不小于 0 的整数），实际为 ${describeValue(value)}`;
      if (!Number.isInteger(value) || value < 0) return `应为不小于 0 的整数，实际为 ${describeValue(value)}`;
      return null;
    case 'check':
      return typeof value === 'boolean' ? null : `应为 true 或 false，实际为 ${describeValue(value)}`;
    case 'bands':
      return typeof value === 'number' && Number.isFinite(value) ? null : `应为数字，实际为 ${describeValue(value)}`;
    case 'manual': {
      if (typeof value !== 'object' || Array.isArray(value)) return `应为 {"points": 分值, "note": "说明"}，实际为 ${describeValue(value)}`;
      const m = value as Record<string, unknown>;
      if (typeof m.points !== 'number' || !Number.isFinite(m.points)) return `points 应为数字，实际为 ${describeValue(m.points)}`;
      if (m.points < 0 || m.points > slot.item.max) return `points 应在 0 到 ${slot.item.max} 之间，实际为 ${m.points}`;
      if (typeof m.note !== 'string' || m.note.trim() === '') return '人工评分必须填写说明 note';
      return null;
    }
  }
}
