/**
 * The differentiated inspection requirements of one year (R20, D10), exactly as CLI.md `plan`
 * defines them.
 */
import { z } from 'zod';
import { compareIds, riskier, type Tier } from '../domain/rules';
import type { TableRegistry } from '../tables/registry';
import { IssueList, ValidationError, describeValue, parseWith, type Issue } from '../validation/issues';
import { fullHistory, parseUnitCase, tierOn, type HistoryEntry, type UnitCase } from './timeline';

export type PeriodId = 'H1' | 'Q1' | 'Q2' | 'H2' | 'Q3' | 'Q4';

export interface Requirement {
  unit: string;
  period: string;
  min: number;
  tier: Tier;
}

export interface PlanResult {
  year: number;
  requirements: Requirement[];
  spotCheckPool: string[];
  ungraded: string[];
}

/** CLI.md: requirements sort by unit, then period H1, Q1, Q2, H2, Q3, Q4. */
const PERIODS: { id: PeriodId; from: string; to: string; half: boolean }[] = [
  { id: 'H1', from: '01-01', to: '06-30', half: true },
  { id: 'Q1', from: '01-01', to: '03-31', half: false },
  { id: 'Q2', from: '04-01', to: '06-30', half: false },
  { id: 'H2', from: '07-01', to: '12-31', half: true },
  { id: 'Q3', from: '07-01', to: '09-30', half: false },
  { id: 'Q4', from: '10-01', to: '12-31', half: false },
];

/**
 * D10: the tiers in force during [from, to]: the tier after all entries dated on or before
 * `from`, and every tier set by an entry dated later inside the period.
 */
export function tiersInForce(history: readonly HistoryEntry[], from: string, to: string): Tier[] {
  const first = tierOn(history, from);
  const later = history.filter((h) => h.date > from && h.date <= to).map((h) => h.tier);
  return first === null ? later : [first, ...later];
}

function riskiest(tiers: readonly Tier[]): Tier | null {
  return tiers.reduce<Tier | null>((a, t) => riskier(a, t), null);
}

/** R20 / D10 for several units in one year. */
export function plan(units: readonly UnitCase[], year: number): PlanResult {
  const requirements: Requirement[] = [];
  const spotCheckPool: string[] = [];
  const ungraded: string[] = [];
  const sorted = [...units].sort((a, b) => compareIds(a.unit.id, b.unit.id));
  for (const u of sorted) {
    const history = fullHistory(u);
    const yearTier = riskiest(tiersInForce(history, `${year}-01-01`, `${year}-12-31`));
    if (yearTier === null) {
      ungraded.push(u.unit.id);
      continue;
    }
    if (yearTier === 'A' || yearTier === 'B') spotCheckPool.push(u.unit.id);
    for (const p of PERIODS) {
      const tiers = tiersInForce(history, `${year}-${p.from}`, `${year}-${p.to}`);
      const top = riskiest(tiers);
      // R20: D → at least once a quarter; riskiest C → at least once a half-year.
      if (!p.half && tiers.includes('D')) requirements.push({ unit: u.unit.id, period: `${year}-${p.id}`, min: 1, tier: 'D' });
      if (p.half && top === 'C') requirements.push({ unit: u.unit.id, period: `${year}-${p.id}`, min: 1, tier: 'C' });
    }
  }
  return { year, requirements, spotCheckPool, ungraded };
}

const planShape = z.object({ units: z.array(z.unknown()) });

/** A `plan` case: `{ "units": [ unit case, … ] }`; unit ids must be unique. */
export function parsePlanCase(data: unknown, tables: TableRegistry): UnitCase[] {
  const raw = parseWith(planShape, data);
  const issues: Issue[] = [];
  const units: UnitCase[] = [];
  raw.units.forEach((u, i) => {
    try {
      units.push(parseUnitCase(u, tables, ['units', i]));
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
    }
  });
  const dup = new IssueList();
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.unit.id)) dup.add(['units', i, 'unit', 'id'], `单位编号 ${describeValue(u.unit.id)} 重复`);
    seen.add(u.unit.id);
  });
  issues.push(...dup.items);
  if (issues.length > 0) throw new ValidationError(issues);
  return units;
}

export function parseYear(v: unknown): number {
  if (typeof v === 'string' && /^\d{4}$/.test(v)) return Number(v);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1000 && v <= 9999) return v;
  throw new ValidationError([{ path: [], message: `年份应为四位数字，如 2024，实际为 ${describeValue(v)}` }]);
}

