/**
 * A score sheet (SCORING-TABLES.md "Score sheet") checked against the table set it names:
 * every answer must fit its item's rule type (CLI.md `grade` lists what is an error).
 */
import { z } from 'zod';
import { isoDate } from '../domain/dates';
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
}

const sheetShape = z.object({
  kind: z.string(),
  table: z.object({ id: z.string().min(1), version: z.string().min(1) }),
  assessedOn: isoDate,
  initialConditions: z.array(z.string()).optional(),
  directD: z.array(z.string()).optional(),
  answers: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Checks a sheet against the loaded tables; throws `ValidationError` naming each problem's
 * JSON path (prefixed by `at`, for sheets inside a larger document).
 */
export function parseSheet(data: unknown, tables: TableRegistry, at: readonly PathSegment[] = []): CheckedSheet {
  const raw = parseWith(sheetShape, data, at);
  const issues = new IssueList();
  const p = (...rest: PathSegment[]): PathSegment[] => [...at, ...rest];

  const tableSet = tables.get(raw.table.id, raw.table.version);
  if (!isTableKind(raw.kind)) {
    issues.add(
      p('kind'),
      isKindId(raw.kind)
        ? `「${KIND_NAMES[raw.kind]}」没有评分表（${raw.kind === 'concentrator' ? 'R19：随所配套尾矿库定级' : 'D6：人工定级'}）`
        : `未知的单位类型 ${describeValue(raw.kind)}`,
    );
  }
  if (tableSet === undefined) {
    const loaded = tables.list().map((t) => `${t.id} ${t.version}`);
    issues.add(
      p('table'),
      `未加载评分表 ${raw.table.id} 版本 ${raw.table.version}${loaded.length ? `（已加载：${loaded.join('，')}）` : ''}`,
    );
  }
  issues.throwIfAny();
  const kind = raw.kind as TableKindId;
  const kindTable = (tableSet as TableSet).kinds[kind];
  if (kindTable === undefined) {
    issues.add(p('kind'), `评分表 ${raw.table.id} 版本 ${raw.table.version} 中没有「${KIND_NAMES[kind]}」的评分表`);
    issues.throwIfAny();
  }
  const kt = kindTable as KindTable;

  const conditions = raw.initialConditions ?? [];
  const known = new Set(kt.initialScore.conditions.map((c) => c.id));
  checkList(conditions, known, p('initialConditions'), '初始分条件', kind, issues);
  const directD = raw.directD ?? [];
  checkList(directD, new Set<string>(kt.directD), p('directD'), '直接判定 D 级条款', kind, issues);

  const items = new Map<string, Item>();
  for (const d of kt.dimensions) for (const it of d.items) items.set(it.id, it);
  const answers: Record<string, Answer> = {};
  for (const [id, value] of Object.entries(raw.answers ?? {})) {
    const item = items.get(id);
    const ap = p('answers', id);
    if (item === undefined) {
      issues.add(ap, `不是「${KIND_NAMES[kind]}」评分表中的项目`);
      continue;
    }
    const msg = answerProblem(item, value);
    if (msg !== null) issues.add(ap, msg);
    else answers[id] = value as Answer;
  }
  issues.throwIfAny();
  return {
    sheet: {
      kind,
      table: { id: raw.table.id, version: raw.table.version },
      assessedOn: raw.assessedOn,
      initialConditions: conditions,
      directD: directD as DirectDClause[],
      answers,
    },
    tableSet: tableSet as TableSet,
    kindTable: kt,
  };
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

/** Why `value` is not a valid answer to `item`, or null when it is. */
export function answerProblem(item: Item, value: unknown): string | null {
  if (value === null) return `「${item.name}」的答案不能为 null`;
  const r = item.rule;
  switch (r.type) {
    case 'choice': {
      if (typeof value !== 'string') return `应为选项编号（文本），实际为 ${describeValue(value)}`;
      if (!r.options.some((o) => o.id === value)) return `选项 ${describeValue(value)} 不属于「${item.name}」，应为 ${r.options.map((o) => o.id).join('、')} 之一`;
      return null;
    }
    case 'multi': {
      if (!Array.isArray(value)) return `应为选项编号的数组，实际为 ${describeValue(value)}`;
      const seen = new Set<string>();
      for (const v of value) {
        if (typeof v !== 'string') return `选项应为编号（文本），实际为 ${describeValue(v)}`;
        if (!r.options.some((o) => o.id === v)) return `选项 ${describeValue(v)} 不属于「${item.name}」`;
        if (seen.has(v)) return `选项 ${describeValue(v)} 重复`;
        seen.add(v);
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
      if (m.points < 0 || m.points > item.max) return `points 应在 0 到 ${item.max} 之间，实际为 ${m.points}`;
      if (typeof m.note !== 'string' || m.note.trim() === '') return '人工评分必须填写说明 note';
      return null;
    }
  }
}
