/** Invariants of the engine, checked on random sheets and cases (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIERS, tierRank, type Tier } from '../../src/domain/rules';
import { grade, tierOfScore } from '../../src/engine/grade';
import { parseSheet } from '../../src/engine/sheet';
import { timeline, type UnitCase } from '../../src/engine/timeline';
import { builtinTableSets } from '../../src/tables/builtin';
import type { Item, KindTable, TableSet } from '../../src/tables/schema';
import { assessmentFor, customRegistry, ref, unitCase } from '../helpers';

const [REF] = builtinTableSets() as [TableSet];
const custom = customRegistry();
const KINDS = Object.keys(REF.kinds) as (keyof TableSet['kinds'])[];

/** A valid answer for an item, of its rule type. */
function answerArb(item: Item): fc.Arbitrary<unknown> {
  const r = item.rule;
  switch (r.type) {
    case 'choice':
      return fc.constantFrom(...r.options.map((o) => o.id));
    case 'multi':
      return fc.subarray(r.options.map((o) => o.id));
    case 'count':
      return fc.nat({ max: 12 });
    case 'check':
      return fc.boolean();
    case 'bands':
      return fc.double({ min: -10, max: 3000, noNaN: true, noDefaultInfinity: true });
    case 'manual':
      return fc.record({ points: fc.double({ min: 0, max: item.max, noNaN: true }), note: fc.constant('说明') });
  }
}

function sheetArb(kind: string, kt: KindTable) {
  const items = kt.dimensions.flatMap((d) => d.items);
  return fc.record({
    kind: fc.constant(kind),
    table: fc.constant({ id: REF.id, version: REF.version }),
    assessedOn: fc.constant('2024-03-20'),
    initialConditions: fc.subarray(kt.initialScore.conditions.map((c) => c.id)),
    directD: fc.subarray(kt.directD as string[]),
    answers: fc.record(Object.fromEntries(items.map((it) => [it.id, answerArb(it)])), { requiredKeys: [] }),
  });
}

const anySheet = fc.constantFrom(...KINDS).chain((k) => sheetArb(k, REF.kinds[k]!));

/** A stronger answer: one more deficiency (count + 1, one more option, check true, costlier choice). */
function worse(item: Item, answer: unknown): unknown {
  const r = item.rule;
  switch (r.type) {
    case 'count':
      return (answer as number) + 1;
    case 'check':
      return true;
    case 'multi': {
      const missing = r.options.find((o) => !(answer as string[]).includes(o.id));
      return missing ? [...(answer as string[]), missing.id] : answer;
    }
    case 'choice':
      return [...r.options].sort((a, b) => b.points - a.points)[0]!.id;
    default:
      return answer;
  }
}

describe('invariants of scoring (R16)', () => {
  it('grading reads the answers the check put in item order exactly as it would look them up', () => {
    fc.assert(
      fc.property(anySheet, (sheet) => {
        const checked = parseSheet(sheet, ref);
        expect(checked.ordered?.of).toBe(checked.sheet.answers);
        const { ordered: _ordered, ...byLookup } = checked;
        expect(grade(checked)).toStrictEqual(grade(byLookup));
      }),
      { numRuns: 300 },
    );
  });

  it('a sheet derived with other answers is graded on its own answers, not on the order read from the first', () => {
    fc.assert(
      fc.property(anySheet, (sheet) => {
        const checked = parseSheet(sheet, ref);
        // every answer taken away, keeping everything else of the checked sheet (as regrade does)
        const derived = grade({ ...checked, sheet: { ...checked.sheet, answers: {} } });
        const kt = REF.kinds[sheet.kind as 'underground']!;
        expect(derived.unanswered).toHaveLength(kt.dimensions.reduce((n, d) => n + d.items.length, 0));
        expect(derived).toStrictEqual(grade(parseSheet({ ...sheet, answers: {} }, ref)));
      }),
      { numRuns: 100 },
    );
  });

  it('adding a deduction never raises a score', () => {
    fc.assert(
      fc.property(anySheet, fc.nat(), (sheet, pick) => {
        const kt = REF.kinds[sheet.kind as 'underground']!;
        const deductItems = kt.dimensions.filter((d) => d.effect === 'deduct').flatMap((d) => d.items);
        const item = deductItems[pick % deductItems.length]!;
        fc.pre(item.rule.type !== 'bands' && item.rule.type !== 'manual');
        const before = grade(parseSheet(sheet, ref)).score;
        const current = (sheet.answers as Record<string, unknown>)[item.id] ?? answerArbDefault(item);
        const after = grade(parseSheet({ ...sheet, answers: { ...sheet.answers, [item.id]: worse(item, current) } }, ref)).score;
        expect(after).toBeLessThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('caps hold: items within their max, dimensions within theirs, and the score is the formula of R16', () => {
    fc.assert(
      fc.property(anySheet, (sheet) => {
        const r = grade(parseSheet(sheet, ref));
        const kt = REF.kinds[sheet.kind as 'underground']!;
        let expected = sheet.initialConditions.length > 0 ? kt.initialScore.lowered : kt.initialScore.base;
        expect(r.initialScore).toBe(expected);
        for (const d of r.dimensions) {
          for (const it of d.items) {
            expect(it.points).toBeLessThanOrEqual(it.max);
            expect(it.points).toBe(Math.min(it.raw, it.max));
            expect(it.capped).toBe(it.raw > it.max);
          }
          expect(d.applied).toBeLessThanOrEqual(d.max);
          expect(d.applied).toBe(Math.min(d.raw, d.max));
          expected += d.effect === 'deduct' ? -d.applied : d.applied;
        }
        expect(r.score).toBeCloseTo(expected, 9);
        expect(r.tier).toBe(sheet.directD.length > 0 ? 'D' : r.scoreTier);
      }),
      { numRuns: 300 },
    );
  });

  it('every score maps to exactly one tier', () => {
    fc.assert(
      fc.property(fc.double({ min: -200, max: 300, noNaN: true }), (s) => {
        const t = tierOfScore(REF, s);
        const matching = REF.tiers.filter((x, i) => {
          const lower = x.min ?? -Infinity;
          const upper = i === 0 ? Infinity : (REF.tiers[i - 1]!.min as number);
          return s >= lower && s < upper;
        });
        expect(matching.map((x) => x.tier)).toEqual([t]);
      }),
      { numRuns: 1000 },
    );
  });
});

// --- timelines -------------------------------------------------------------------------------

const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const eventArb = fc.oneof(
  fc.record({ date: day, type: fc.constantFrom('fatal-accident', 'blacklist', 'nonfatal-accident', 'advanced-equipment', 'stopped', 'resumed', 'surroundings-changed', 'rules-changed') }),
  fc.record({ date: day, type: fc.constant('major-hazard'), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ date: day, type: fc.constant('standardization'), grade: fc.constantFrom('一级', '二级', '三级') }),
);
const caseArb = fc
  .record({
    assessments: fc.array(fc.tuple(day, fc.constantFrom<Tier>(...TIERS)), { maxLength: 4 }),
    events: fc.array(eventArb, { maxLength: 14 }),
  })
  .map(({ assessments, events }): UnitCase =>
    unitCase({ unit: { id: 'u', kind: 'openpit' }, assessments: assessments.map(([d, t], i) => assessmentFor(`a${i}`, d, t)), events }, custom),
  );

describe('invariants of the timeline (R18, D2, D3)', () => {
  it('nothing goes past D, and an upgrade never lowers the tier', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = timeline(c, '2026-12-31');
        let prev: Tier | null = null;
        for (const h of r.history) {
          expect(TIERS).toContain(h.tier);
          if (h.clause.startsWith('R18.') && prev !== null) expect(tierRank(h.tier)).toBeGreaterThanOrEqual(tierRank(prev));
          if (h.clause === 'R18.1') expect(h.tier).toBe('D');
          prev = h.tier;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the timeline of a case cut off at a date agrees with the full timeline up to that date', () => {
    fc.assert(
      fc.property(caseArb, day, (c, cut) => {
        const full = timeline(c, '2026-12-31');
        const part = timeline(c, cut);
        const upTo = full.history.filter((h) => h.date <= cut);
        expect(part.history).toEqual(upTo);
        expect(part.tier).toBe(upTo.length ? upTo[upTo.length - 1]!.tier : null);
        for (const d of part.due) expect(d.due <= cut).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

function answerArbDefault(item: Item): unknown {
  switch (item.rule.type) {
    case 'count':
      return 0;
    case 'check':
      return false;
    case 'multi':
      return [];
    case 'choice':
      return item.rule.options[0]!.id;
    default:
      return undefined;
  }
}
