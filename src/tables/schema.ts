/**
 * The scoring-table format `mine-risk-table/1` (SCORING-TABLES.md) as a zod schema, plus the
 * checks zod cannot express (duplicate ids, points above an item's max, direct-D clauses the kind
 * does not have, tiers out of order…). Tables are data, never code (D8): nothing in the engine
 * knows the reference set's ids, points or thresholds.
 */
import { z } from 'zod';
import { isoDate } from '../domain/dates';
import {
  DIRECT_D_CLAUSES,
  KIND_NAMES,
  TABLE_KIND_IDS,
  TIERS,
  isDirectDClause,
  isKindId,
  isTableKind,
  type DirectDClause,
  type TableKindId,
  type Tier,
} from '../domain/rules';
import { IssueList, parseWith, type PathSegment } from '../validation/issues';

export const TABLE_SCHEMA_ID = 'mine-risk-table/1';

const id = z.string().trim().min(1);
const text = z.string().min(1);
const points = z.number().min(0);

const option = z.object({ id, label: text, points });

const choiceRule = z.object({ type: z.literal('choice'), label: z.string().optional(), options: z.array(option).min(1) });
const multiRule = z.object({ type: z.literal('multi'), label: z.string().optional(), options: z.array(option).min(1) });
const countRule = z.object({
  type: z.literal('count'),
  label: z.string().optional(),
  unit: z.string().optional(),
  per: z.number().positive(),
});
const checkTypeRule = z.object({ type: z.literal('check'), label: z.string().optional(), points });
const bandsRule = z.object({
  type: z.literal('bands'),
  label: z.string().optional(),
  unit: z.string().optional(),
  bands: z.array(z.object({ below: z.number().optional(), points })).min(1),
});
const manualRule = z.object({ type: z.literal('manual'), label: z.string().optional() });

export const RULE_TYPES = ['choice', 'multi', 'count', 'check', 'bands', 'manual'] as const;

const rule = z.discriminatedUnion('type', [choiceRule, multiRule, countRule, checkTypeRule, bandsRule, manualRule], {
  error: (iss) =>
    `未知的评分规则类型 ${JSON.stringify((iss.input as { type?: unknown } | undefined)?.type)}，应为 ${RULE_TYPES.join('、')} 之一`,
});

const item = z.object({
  id,
  name: text,
  max: z.number().positive(),
  clause: z.string().optional(),
  rule,
});

const dimension = z.object({
  id,
  name: text,
  effect: z.enum(['deduct', 'add']),
  max: points,
  items: z.array(item).min(1),
});

const kindTable = z.object({
  title: text,
  initialScore: z.object({
    base: z.number(),
    lowered: z.number(),
    conditions: z.array(z.object({ id, label: text })).default([]),
  }),
  directD: z.array(z.string()).default([]),
  dimensions: z.array(dimension).min(1),
});

const tierEntry = z.object({ tier: z.enum(TIERS), min: z.number().nullable() });

export const tableSetSchema = z.object({
  schema: z.literal(TABLE_SCHEMA_ID),
  id,
  version: id,
  title: text,
  official: z.boolean(),
  basis: z.string().optional(),
  effectiveFrom: isoDate,
  tiers: z.array(tierEntry),
  kinds: z.record(z.string(), kindTable),
});

export type Option = z.output<typeof option>;
export type Rule = z.output<typeof rule>;
export type RuleType = Rule['type'];
export type Item = z.output<typeof item>;
export type Dimension = z.output<typeof dimension>;
export type KindTable = Omit<z.output<typeof kindTable>, 'directD'> & { directD: DirectDClause[] };
export type TierThreshold = { tier: Tier; min: number | null };
export type TableSet = Omit<z.output<typeof tableSetSchema>, 'kinds' | 'tiers'> & {
  tiers: TierThreshold[];
  kinds: Partial<Record<TableKindId, KindTable>>;
};

/** Parses and checks a table set; throws `ValidationError` listing every problem with its JSON path. */
export function parseTableSet(data: unknown): TableSet {
  const ts = parseWith(tableSetSchema, data);
  const issues = new IssueList();
  checkTiers(ts.tiers, issues);
  const kindIds = Object.keys(ts.kinds);
  if (kindIds.length === 0) issues.add(['kinds'], '至少应有一类单位的评分表');
  for (const k of kindIds) {
    const kt = ts.kinds[k] as z.output<typeof kindTable>;
    const at: PathSegment[] = ['kinds', k];
    if (!isTableKind(k)) {
      issues.add(
        at,
        isKindId(k)
          ? `「${KIND_NAMES[k]}」没有评分表（${k === 'concentrator' ? 'R19：随所配套尾矿库定级' : 'D6：人工定级'}），不能在评分表中出现`
          : `未知的单位类型 ${JSON.stringify(k)}，应为 ${TABLE_KIND_IDS.join('、')} 之一`,
      );
      continue;
    }
    checkKind(k, kt, at, issues);
  }
  issues.throwIfAny();
  return ts as TableSet;
}

function checkTiers(tiers: TierThreshold[], issues: IssueList): void {
  const got = tiers.map((t) => t.tier).join('、');
  if (got !== TIERS.join('、')) {
    issues.add(['tiers'], `等级应依次为 ${TIERS.join('、')}（从低风险到重大风险），实际为 ${got || '空'}`);
    return;
  }
  let prev: number | null = null;
  tiers.forEach((t, i) => {
    const last = i === tiers.length - 1;
    if (last) {
      if (t.min !== null) issues.add(['tiers', i, 'min'], `最高风险等级 ${t.tier} 没有下限，应为 null`);
      return;
    }
    if (t.min === null) {
      issues.add(['tiers', i, 'min'], `等级 ${t.tier} 应有分数下限`);
      return;
    }
    if (prev !== null && t.min >= prev) {
      issues.add(['tiers', i, 'min'], `等级 ${t.tier} 的下限 ${t.min} 应低于上一等级的下限 ${prev}`);
    }
    prev = t.min;
  });
}

function checkKind(k: TableKindId, kt: z.output<typeof kindTable>, at: PathSegment[], issues: IssueList): void {
  const { base, lowered, conditions } = kt.initialScore;
  if (lowered > base) {
    issues.add([...at, 'initialScore', 'lowered'], `降低后的初始分 ${lowered} 不应高于初始分 ${base}（R16）`);
  }
  checkUnique(conditions, [...at, 'initialScore', 'conditions'], '初始分条件', issues);

  const seenClauses = new Set<string>();
  kt.directD.forEach((c, i) => {
    const p = [...at, 'directD', i];
    if (!isDirectDClause(c)) {
      issues.add(p, `未知的直接判定 D 级条款 ${JSON.stringify(c)}，应为 R17.1…R17.8 之一`);
    } else if (!(DIRECT_D_CLAUSES[c].kinds as readonly string[]).includes(k)) {
      issues.add(p, `条款 ${c}（${DIRECT_D_CLAUSES[c].label}）不适用于「${KIND_NAMES[k]}」`);
    } else if (seenClauses.has(c)) {
      issues.add(p, `条款 ${c} 重复`);
    }
    seenClauses.add(c);
  });

  checkUnique(kt.dimensions, [...at, 'dimensions'], '方面', issues);
  const itemIds = new Map<string, string>();
  kt.dimensions.forEach((dim, di) => {
    dim.items.forEach((it, ii) => {
      const p: PathSegment[] = [...at, 'dimensions', di, 'items', ii];
      const first = itemIds.get(it.id);
      if (first !== undefined) issues.add([...p, 'id'], `项目编号 ${JSON.stringify(it.id)} 重复（已用于 ${first}）`);
      else itemIds.set(it.id, `dimensions[${di}].items[${ii}]`);
      checkRule(it, [...p, 'rule'], issues);
    });
  });
}

function checkRule(it: Item, at: PathSegment[], issues: IssueList): void {
  const r = it.rule;
  const overMax = (p: number, path: PathSegment[], what: string): void => {
    if (p > it.max) issues.add(path, `${what} ${p} 超过本项满分 ${it.max}`);
  };
  switch (r.type) {
    case 'choice':
    case 'multi':
      checkUnique(r.options, [...at, 'options'], '选项', issues);
      r.options.forEach((o, i) => overMax(o.points, [...at, 'options', i, 'points'], '选项分值'));
      break;
    case 'check':
      overMax(r.points, [...at, 'points'], '分值');
      break;
    case 'bands': {
      let prevBelow: number | null = null;
      r.bands.forEach((b, i) => {
        const p = [...at, 'bands', i];
        overMax(b.points, [...p, 'points'], '分档分值');
        const last = i === r.bands.length - 1;
        if (b.below === undefined) {
          if (!last) issues.add([...p, 'below'], '只有最后一档可以没有上界 below');
        } else {
          if (last) issues.add([...p, 'below'], '最后一档不应有上界 below（它接住其余所有数值）');
          if (prevBelow !== null && b.below <= prevBelow) {
            issues.add([...p, 'below'], `上界 ${b.below} 应大于上一档的上界 ${prevBelow}`);
          }
          prevBelow = b.below;
        }
      });
      break;
    }
    case 'count':
    case 'manual':
      break;
  }
}

function checkUnique(list: { id: string }[], at: PathSegment[], what: string, issues: IssueList): void {
  const seen = new Map<string, number>();
  list.forEach((x, i) => {
    const first = seen.get(x.id);
    if (first !== undefined) issues.add([...at, i, 'id'], `${what}编号 ${JSON.stringify(x.id)} 重复（与第 ${first + 1} 个相同）`);
    else seen.set(x.id, i);
  });
}

/** Every table kind present in the set. */
export function kindsOf(ts: TableSet): TableKindId[] {
  return TABLE_KIND_IDS.filter((k) => ts.kinds[k] !== undefined);
}
