/**
 * The score (R16) and the tier (R16, R17) of one checked score sheet, with an explanation of
 * every item (SCORING-TABLES.md "Result").
 *
 * Arithmetic is exact decimal: every number of the table set (and any manual points) is scaled to
 * an integer by the largest number of decimals among them, summed as integers and scaled back
 * once. So 0.1 + 0.2 deductions from 90 give 89.7, never 89.69999999999999, and a score exactly on
 * a threshold gets that threshold's tier. Nothing is rounded and nothing is clamped (D1).
 */
import type { DirectDClause, TableKindId, Tier } from '../domain/rules';
import type { KindTable, TableSet } from '../tables/schema';
import type { Answer, CheckedSheet, ManualAnswer } from './sheet';

export interface ItemResult {
  id: string;
  name: string;
  max: number;
  answered: boolean;
  answer?: Answer;
  /** Points the answer is worth before the item's cap. */
  raw: number;
  /** Points after the item's cap (扣完为止). */
  points: number;
  capped: boolean;
}

export interface DimensionResult {
  id: string;
  name: string;
  effect: 'deduct' | 'add';
  max: number;
  raw: number;
  applied: number;
  capped: boolean;
  items: ItemResult[];
}

export interface GradeResult {
  kind: TableKindId;
  table: { id: string; version: string; title: string };
  assessedOn: string;
  initialScore: number;
  initialConditions: string[];
  dimensions: DimensionResult[];
  score: number;
  scoreTier: Tier;
  directD: DirectDClause[];
  tier: Tier;
  official: boolean;
  /** Items with no answer (they score 0; warned about before confirming). */
  unanswered: string[];
}

/** The result exactly as SCORING-TABLES.md and CLI.md `grade` print it. */
export interface ContractResult {
  initialScore: number;
  dimensions: { id: string; name: string; effect: 'deduct' | 'add'; raw: number; applied: number }[];
  score: number;
  scoreTier: Tier;
  directD: DirectDClause[];
  tier: Tier;
  official: boolean;
}

export function contractResult(r: GradeResult): ContractResult {
  return {
    initialScore: r.initialScore,
    dimensions: r.dimensions.map(({ id, name, effect, raw, applied }) => ({ id, name, effect, raw, applied })),
    score: r.score,
    scoreTier: r.scoreTier,
    directD: [...r.directD],
    tier: r.tier,
    official: r.official,
  };
}

/** Number of decimals of a number as JSON writes it (0.25 → 2, 1e-7 → 7). */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const m = /^\d*(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(Math.abs(x).toString());
  if (m === null) return 15;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}

const MAX_DECIMALS = 12;
const setDecimals = new WeakMap<TableSet, number>();

function tableDecimals(ts: TableSet): number {
  let d = setDecimals.get(ts);
  if (d !== undefined) return d;
  d = 0;
  const see = (x: number | null | undefined): void => {
    if (typeof x === 'number') d = Math.max(d as number, decimalsOf(x));
  };
  for (const t of ts.tiers) see(t.min);
  for (const kt of Object.values(ts.kinds) as KindTable[]) {
    see(kt.initialScore.base);
    see(kt.initialScore.lowered);
    for (const dim of kt.dimensions) {
      see(dim.max);
      for (const it of dim.items) {
        see(it.max);
        const r = it.rule;
        if (r.type === 'choice' || r.type === 'multi') r.options.forEach((o) => see(o.points));
        else if (r.type === 'count') see(r.per);
        else if (r.type === 'check') see(r.points);
        else if (r.type === 'bands') r.bands.forEach((b) => see(b.points));
      }
    }
  }
  d = Math.min(d, MAX_DECIMALS);
  setDecimals.set(ts, d);
  return d;
}

/**
 * An item with every number of its rule already scaled to an integer at one scale, all items on
 * one object of one shape (the table's items and rules have several, and reading through them for
 * every item of every sheet is slow).
 */
interface CompiledItem {
  item: KindTable['dimensions'][number]['items'][number];
  /** The item's cap, scaled. */
  max: number;
  type: KindTable['dimensions'][number]['items'][number]['rule']['type'];
  /** choice, multi: the points of each option id. */
  points: Map<string, number> | null;
  /** count: the points per count; check: the points when true. */
  per: number;
  /** bands: in the table's order. */
  bands: { below: number | undefined; points: number }[] | null;
}

interface CompiledKind {
  initial: { base: number; lowered: number };
  dimensions: { max: number; items: CompiledItem[] }[];
}

/** Per kind table and scale, compiled once: grading 100,000 sheets must not redo this per sheet. */
const compiled = new WeakMap<KindTable, Map<number, CompiledKind>>();

function compile(kt: KindTable, f: number): CompiledKind {
  let byScale = compiled.get(kt);
  if (!byScale) compiled.set(kt, (byScale = new Map()));
  let c = byScale.get(f);
  if (c) return c;
  const toInt = (x: number): number => Math.round(x * f);
  c = {
    initial: { base: toInt(kt.initialScore.base), lowered: toInt(kt.initialScore.lowered) },
    dimensions: kt.dimensions.map((d) => ({
      max: toInt(d.max),
      items: d.items.map((item): CompiledItem => {
        const r = item.rule;
        return {
          item,
          max: toInt(item.max),
          type: r.type,
          points: r.type === 'choice' || r.type === 'multi' ? new Map(r.options.map((o) => [o.id, toInt(o.points)])) : null,
          per: r.type === 'count' ? toInt(r.per) : r.type === 'check' ? toInt(r.points) : 0,
          bands: r.type === 'bands' ? r.bands.map((b) => ({ below: b.below, points: toInt(b.points) })) : null,
        };
      }),
    })),
  };
  byScale.set(f, c);
  return c;
}

const manualIds = new WeakMap<KindTable, string[]>();

/** The ids of a kind table's items scored by hand (`manual` rule). */
function manualItems(kt: KindTable): string[] {
  let ids = manualIds.get(kt);
  if (!ids) manualIds.set(kt, (ids = kt.dimensions.flatMap((dim) => dim.items.filter((it) => it.rule.type === 'manual').map((it) => it.id))));
  return ids;
}

/** Item points in scaled integers, before the item cap. */
function itemRaw(ci: CompiledItem, answer: Answer, f: number): number {
  switch (ci.type) {
    case 'choice':
      return (ci.points as Map<string, number>).get(answer as string) ?? 0;
    case 'multi': {
      const points = ci.points as Map<string, number>;
      const ids = answer as string[];
      let sum = 0;
      for (let i = 0; i < ids.length; i++) sum += points.get(ids[i] as string) ?? 0;
      return sum;
    }
    case 'count':
      return (answer as number) * ci.per;
    case 'check':
      return answer === true ? ci.per : 0;
    case 'bands': {
      const v = answer as number;
      const bands = ci.bands as { below: number | undefined; points: number }[];
      for (const b of bands) if (b.below === undefined || v < b.below) return b.points;
      return bands[bands.length - 1]?.points ?? 0;
    }
    case 'manual':
      return Math.round((answer as ManualAnswer).points * f);
  }
}

/** The tier of a score: the tier with the highest `min` ≤ score, else the one without a min. */
export function tierOfScore(ts: TableSet, score: number): Tier {
  const f = 10 ** Math.max(tableDecimals(ts), Math.min(MAX_DECIMALS, decimalsOf(score)));
  return tierOfScaled(ts, Math.round(score * f), f);
}

/** `score` and the table's thresholds compared as integers at scale `f` (exact). */
function tierOfScaled(ts: TableSet, score: number, f: number): Tier {
  let best: { tier: Tier; min: number } | null = null;
  for (const t of ts.tiers) {
    if (t.min === null) continue;
    const m = Math.round(t.min * f);
    if (m <= score && (best === null || m > best.min)) best = { tier: t.tier, min: m };
  }
  if (best !== null) return best.tier;
  return (ts.tiers.find((t) => t.min === null) ?? ts.tiers[ts.tiers.length - 1])?.tier ?? 'D';
}

/** R16, R17, D1, D4, D5: scores a checked sheet. */
export function grade(checked: CheckedSheet): GradeResult {
  const { sheet, tableSet, kindTable } = checked;
  // the answers in item order as the check read them, when they are still this sheet's answers
  const ordered = checked.ordered !== undefined && checked.ordered.of === sheet.answers ? checked.ordered.values : null;
  let d = tableDecimals(tableSet);
  // only a manual item's answer carries points of its own (the sheet check allows objects nowhere else)
  for (const id of manualItems(kindTable)) {
    const a = sheet.answers[id];
    if (typeof a === 'object' && !Array.isArray(a)) d = Math.max(d, Math.min(MAX_DECIMALS, decimalsOf(a.points)));
  }
  const f = 10 ** d;
  const c = compile(kindTable, f);

  // D5: any one condition lowers the initial score; they do not add up.
  const initial = sheet.initialConditions.length > 0 ? c.initial.lowered : c.initial.base;
  let total = initial;
  const unanswered: string[] = [];
  const dims = kindTable.dimensions;
  const dimensions = new Array<DimensionResult>(dims.length);
  let k = 0; // the item's place in the table's item order
  for (let di = 0; di < dims.length; di++) {
    const dim = dims[di] as KindTable['dimensions'][number];
    const cd = c.dimensions[di] as CompiledKind['dimensions'][number];
    const cis = cd.items;
    const items = new Array<ItemResult>(cis.length);
    let dimRaw = 0;
    for (let ii = 0; ii < cis.length; ii++, k++) {
      const ci = cis[ii] as CompiledItem;
      const it = ci.item;
      const answer = ordered !== null ? ordered[k] : sheet.answers[it.id];
      if (answer === undefined) {
        unanswered.push(it.id);
        items[ii] = { id: it.id, name: it.name, max: it.max, answered: false, raw: 0, points: 0, capped: false };
        continue;
      }
      const raw = itemRaw(ci, answer, f);
      const pts = raw < ci.max ? raw : ci.max;
      dimRaw += pts;
      items[ii] = { id: it.id, name: it.name, max: it.max, answered: true, answer, raw: raw / f, points: pts / f, capped: raw > ci.max };
    }
    const dimMax = cd.max;
    const applied = dimRaw < dimMax ? dimRaw : dimMax;
    total += dim.effect === 'deduct' ? -applied : applied;
    dimensions[di] = {
      id: dim.id,
      name: dim.name,
      effect: dim.effect,
      max: dim.max,
      raw: dimRaw / f,
      applied: applied / f,
      capped: dimRaw > dimMax,
      items,
    };
  }
  const scoreTier = tierOfScaled(tableSet, total, f);
  return {
    kind: sheet.kind,
    table: { id: tableSet.id, version: tableSet.version, title: tableSet.title },
    assessedOn: sheet.assessedOn,
    initialScore: initial / f,
    initialConditions: sheet.initialConditions.slice(),
    dimensions,
    score: total / f,
    scoreTier,
    directD: sheet.directD.slice(),
    // R17 / D4: a direct-D clause makes the tier D whatever the score; the score is kept.
    tier: sheet.directD.length > 0 ? 'D' : scoreTier,
    official: tableSet.official,
    unanswered,
  };
}
