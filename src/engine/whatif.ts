/**
 * 假如整改 (what-if): which of a graded sheet's deductions, fixed, would bring the unit's score
 * tier up one step (e.g. C → B), found by the fewest fixes. Pure; scored by the same engine
 * (`grade`) so the promised score is exactly what the sheet would get.
 *
 * What "fixable" means (decided here, shown in the UI):
 *
 * - Only deductions (`effect: "deduct"` dimensions) can be fixed; 正向激励 points are not
 *   deductions, and earning more of them is not "fixing" anything.
 * - 固有风险 (dimension id `inherent`, or a dimension named 固有风险) is NOT fixable: depth,
 *   geology, hydrogeology, slope height, the dam type, the surroundings… are facts of the mine,
 *   not of its management (R9). The initial-score conditions (R16, D5) are inherent facts too.
 * - Every other deducting dimension — 安全设备设施, 安全生产管理, 从业人员素质, 项目部管理
 *   (R10–R12, R14) — is made of equipment, management and personnel defects that the enterprise
 *   can rectify. An item there is fixable when its answer can be reset to one that deducts
 *   nothing: choice → its 0-point option (not fixable when it has none), multi → [], count → 0,
 *   check → false, bands → a value inside a 0-point band (not fixable when no band is 0 points),
 *   manual → 0 points.
 * - A fix removes the item's whole deduction (partial fixes are not proposed).
 * - Direct-D clauses (R17) make the tier D whatever the score: no fix of deductions helps.
 *
 * Search (exact): within one dimension the score gain of a set of fixes depends only on the sum
 * of the fixed points (gain = max(0, fixed − what the dimension's raw exceeds its cap by)), which
 * grows with that sum; so for a given NUMBER of fixes in a dimension the best choice is always that
 * dimension's largest deductions. Trying total sizes k = 1, 2, … and, for each k, every split of k
 * over the (≤ 4) fixable dimensions with the largest deductions of each, finds a smallest set;
 * among the smallest sets the one with the highest resulting score is returned. Arithmetic is on
 * scaled integers, and the answer is re-scored by `grade`.
 */
import { TIERS, type DirectDClause, type Tier } from '../domain/rules';
import type { Dimension, Item } from '../tables/schema';
import { decimalsOf, grade, type GradeResult } from './grade';
import type { Answer, CheckedSheet } from './sheet';

export interface WhatIfFix {
  itemId: string;
  itemName: string;
  dimensionId: string;
  dimensionName: string;
  /** The item's deduction now (after its own cap): what fixing it removes. */
  points: number;
  /** The answer after the fix (no deduction). */
  answer: Answer;
}

export type WhatIf =
  /** Nothing to improve: the score tier is already the best tier. */
  | { status: 'best'; scoreTier: Tier; score: number }
  /** R17: the tier is D whatever the score. */
  | { status: 'direct-d'; clauses: DirectDClause[]; scoreTier: Tier; score: number }
  /** Even fixing every fixable deduction does not reach the next tier. */
  | { status: 'impossible'; scoreTier: Tier; score: number; target: Tier; needed: number; bestScore: number; fixable: number }
  | { status: 'ok'; scoreTier: Tier; score: number; target: Tier; needed: number; fixes: WhatIfFix[]; newScore: number; newTier: Tier };

const INHERENT = (d: Dimension): boolean => d.id === 'inherent' || d.name === '固有风险';

/** Whether a dimension's deductions can be fixed by the enterprise (see the file comment). */
export function fixableDimension(d: Dimension): boolean {
  return d.effect === 'deduct' && !INHERENT(d);
}

/** The answer to `item` that deducts nothing, or null when there is none. */
export function zeroAnswer(item: Item): Answer | null {
  const r = item.rule;
  switch (r.type) {
    case 'choice': {
      const o = r.options.find((x) => x.points === 0);
      return o === undefined ? null : o.id;
    }
    case 'multi':
      return [];
    case 'count':
      return 0;
    case 'check':
      return false;
    case 'bands': {
      const i = r.bands.findIndex((b) => b.points === 0);
      if (i < 0) return null;
      const band = r.bands[i] as { below?: number };
      if (i === 0) {
        // any value under the first band's bound: 0 when it fits, else just under the bound
        if (band.below === undefined) return 0;
        return band.below > 0 ? 0 : band.below - 1;
      }
      // the previous band's bound is the first value of this band
      return (r.bands[i - 1] as { below: number }).below;
    }
    case 'manual':
      return { points: 0, note: '假如整改：不再扣分' };
  }
}

interface Candidate {
  fix: WhatIfFix;
  scaled: number;
}

/** Finds a smallest set of deductions whose fixing raises the score tier one step. */
export function whatIf(checked: CheckedSheet, result: GradeResult = grade(checked)): WhatIf {
  const { tableSet, kindTable } = checked;
  const base = { scoreTier: result.scoreTier, score: result.score };
  if (result.directD.length > 0) return { status: 'direct-d', clauses: [...result.directD], ...base };
  const rank = TIERS.indexOf(result.scoreTier);
  if (rank <= 0) return { status: 'best', ...base };
  const target = TIERS[rank - 1] as Tier;
  const needed = tableSet.tiers.find((t) => t.tier === target)?.min ?? null;
  if (needed === null) return { status: 'best', ...base };

  // Scale every number involved to integers (exact arithmetic, like `grade`).
  let dec = Math.max(decimalsOf(needed), decimalsOf(result.score));
  for (const d of result.dimensions) {
    dec = Math.max(dec, decimalsOf(d.max), decimalsOf(d.raw));
    for (const it of d.items) dec = Math.max(dec, decimalsOf(it.points));
  }
  const f = 10 ** Math.min(dec, 12);
  const S = (x: number): number => Math.round(x * f);

  // Per fixable dimension: its deducted fixable items, largest first, and how far raw exceeds the cap.
  const groups: { excess: number; items: Candidate[] }[] = [];
  for (const dim of kindTable.dimensions) {
    if (!fixableDimension(dim)) continue;
    const dr = result.dimensions.find((x) => x.id === dim.id);
    if (dr === undefined) continue;
    const items: Candidate[] = [];
    for (const it of dim.items) {
      const ir = dr.items.find((x) => x.id === it.id);
      if (ir === undefined || !ir.answered || ir.points <= 0) continue;
      const answer = zeroAnswer(it);
      if (answer === null) continue;
      items.push({
        scaled: S(ir.points),
        fix: { itemId: it.id, itemName: it.name, dimensionId: dim.id, dimensionName: dim.name, points: ir.points, answer },
      });
    }
    if (items.length === 0) continue;
    // stable: equal deductions keep the table's order
    items.sort((a, b) => b.scaled - a.scaled);
    groups.push({ excess: Math.max(0, S(dr.raw) - S(dr.max)), items });
  }

  const scoreNow = S(result.score);
  const need = S(needed);
  // prefix sums: gain of fixing the c largest items of group g
  const gains = groups.map((g) => {
    const out = [0];
    let sum = 0;
    for (const c of g.items) {
      sum += c.scaled;
      out.push(Math.max(0, sum - g.excess));
    }
    return out;
  });
  const total = groups.reduce((s, g) => s + g.items.length, 0);
  const maxGain = gains.reduce((s, g) => s + (g[g.length - 1] as number), 0);
  const fixableCount = total;
  if (scoreNow + maxGain < need) {
    const all = groups.flatMap((g) => g.items.map((c) => c.fix));
    const best = regrade(checked, all);
    return { status: 'impossible', ...base, target, needed, bestScore: best.score, fixable: fixableCount };
  }

  for (let k = 1; k <= total; k++) {
    let best: { gain: number; split: number[] } | null = null;
    const split: number[] = groups.map(() => 0);
    const walk = (g: number, left: number, gain: number): void => {
      if (g === groups.length) {
        if (left === 0 && scoreNow + gain >= need && (best === null || gain > best.gain)) best = { gain, split: [...split] };
        return;
      }
      const n = (groups[g] as { items: Candidate[] }).items.length;
      for (let c = Math.min(n, left); c >= 0; c--) {
        split[g] = c;
        walk(g + 1, left - c, gain + ((gains[g] as number[])[c] as number));
      }
      split[g] = 0;
    };
    walk(0, k, 0);
    if (best !== null) {
      const chosen = (best as { split: number[] }).split;
      const fixes = groups.flatMap((g, i) => g.items.slice(0, chosen[i]).map((c) => c.fix));
      fixes.sort((a, b) => b.points - a.points);
      const r = regrade(checked, fixes);
      return { status: 'ok', ...base, target, needed, fixes, newScore: r.score, newTier: r.tier };
    }
  }
  // unreachable: k = total fixes everything, which reaches `need` (checked above)
  return { status: 'impossible', ...base, target, needed, bestScore: result.score, fixable: fixableCount };
}

/** The sheet with `fixes` applied, scored by the engine. */
export function regrade(checked: CheckedSheet, fixes: WhatIfFix[]): GradeResult {
  const answers = { ...checked.sheet.answers };
  for (const f of fixes) answers[f.itemId] = f.answer;
  return grade({ ...checked, sheet: { ...checked.sheet, answers } });
}
