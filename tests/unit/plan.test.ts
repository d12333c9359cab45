import { describe, expect, it } from 'vitest';
import { concentratorTimeline } from '../../src/engine/concentrator';
import { parsePlanCase, plan, tiersInForce } from '../../src/engine/plan';
import { fullHistory, timeline } from '../../src/engine/timeline';
import { ValidationError, formatIssue } from '../../src/validation/issues';
import { EXAMPLES, assessmentFor, customRegistry, readJson, ref, unitCase } from '../helpers';

const custom = customRegistry();
const unit = (id: string, assessments: unknown[], events: unknown[] = [], kind = 'openpit') =>
  unitCase({ unit: { id, kind }, assessments, events }, custom);

describe('R20 D10 the inspection plan', () => {
  it('plan-2024 equals its expected output', () => {
    const units = parsePlanCase(readJson(`${EXAMPLES}/plan-2024.json`), ref);
    expect(plan(units, 2024)).toEqual(readJson(`${EXAMPLES}/plan-2024.expected.json`));
  });

  it('R20 a D unit needs an inspection every quarter; a C unit every half-year; A and B go to the spot-check pool', () => {
    const r = plan(
      [
        unit('d', [assessmentFor('a', '2023-03-01', 'D')]),
        unit('c', [assessmentFor('a', '2023-03-01', 'C')]),
        unit('b', [assessmentFor('a', '2023-03-01', 'B')]),
        unit('a', [assessmentFor('a', '2023-03-01', 'A')]),
      ],
      2024,
    );
    expect(r.requirements).toEqual([
      { unit: 'c', period: '2024-H1', min: 1, tier: 'C' },
      { unit: 'c', period: '2024-H2', min: 1, tier: 'C' },
      { unit: 'd', period: '2024-Q1', min: 1, tier: 'D' },
      { unit: 'd', period: '2024-Q2', min: 1, tier: 'D' },
      { unit: 'd', period: '2024-Q3', min: 1, tier: 'D' },
      { unit: 'd', period: '2024-Q4', min: 1, tier: 'D' },
    ]);
    expect(r.spotCheckPool).toEqual(['a', 'b']);
    expect(r.ungraded).toEqual([]);
  });

  it('D10 a period counts the tier in force on its first day and every tier set later inside it', () => {
    // B from 2023; D on 2024-05-10 (Q2, H1); re-assessed A on 2024-08-01 (Q3, H2)
    const u = unit('u', [assessmentFor('a1', '2023-03-01', 'B'), assessmentFor('a2', '2024-08-01', 'A')], [{ date: '2024-05-10', type: 'blacklist' }]);
    const r = plan([u], 2024);
    expect(r.requirements.map((q) => `${q.period} ${q.tier}`)).toEqual(['2024-Q2 D', '2024-Q3 D']);
    expect(r.spotCheckPool).toEqual([]);
    expect(tiersInForce(fullHistory(u), '2024-07-01', '2024-09-30')).toEqual(['D', 'A']);
  });

  it('D10 an entry dated on the first day of a period decides the tier at its start', () => {
    const u = unit('u', [assessmentFor('a1', '2023-03-01', 'D'), assessmentFor('a2', '2024-04-01', 'C')]);
    const r = plan([u], 2024);
    // Q1 D; from Q2 on C: H1 has D in it (riskiest D, covered by Q1), H2 is C
    expect(r.requirements.map((q) => `${q.period} ${q.tier}`)).toEqual(['2024-Q1 D', '2024-H2 C']);
  });

  it('D10 a unit graded during the year counts from its first assessment; one never graded is listed as ungraded', () => {
    const r = plan([unit('late', [assessmentFor('a', '2024-11-20', 'C')]), unit('never', []), unit('future', [assessmentFor('a', '2025-01-02', 'D')])], 2024);
    expect(r.requirements).toEqual([{ unit: 'late', period: '2024-H2', min: 1, tier: 'C' }]);
    expect(r.ungraded).toEqual(['future', 'never']);
  });

  it('sorts unit ids code point by code point (B-1 before a-1)', () => {
    const r = plan([unit('a-1', [assessmentFor('a', '2023-03-01', 'A')]), unit('B-1', [assessmentFor('a', '2023-03-01', 'B')]), unit('中-1', [assessmentFor('a', '2023-03-01', 'A')])], 2024);
    expect(r.spotCheckPool).toEqual(['B-1', 'a-1', '中-1']);
  });

  it('refuses a plan case with repeated unit ids or a bad unit, naming the path', () => {
    const problems = (data: unknown) => {
      try {
        parsePlanCase(data, custom);
        return [];
      } catch (e) {
        return (e as ValidationError).issues.map((i) => formatIssue(i));
      }
    };
    const u = { unit: { id: 'x', kind: 'openpit' }, assessments: [], events: [] };
    expect(problems({ units: [u, u] })).toEqual(['units[1].unit.id 单位编号 "x" 重复']);
    expect(problems({ units: [u, { ...u, unit: { id: 'y', kind: 'openpit' }, events: [{ date: 'x', type: 'blacklist' }] }] })[0]).toMatch(/^units\[1\]\.events\[0\]\.date/);
    expect(problems({})).toEqual(['units 缺少此项']);
  });
});

describe('R19 D7 concentrators take their pond tier', () => {
  it('R19 the concentrator tier and every dynamic change are those of its tailings pond', () => {
    const pond = unitCase(
      {
        unit: { id: 'pond-1', kind: 'tailings' },
        assessments: [{ id: 'a1', sheet: { kind: 'tailings', table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: '2024-03-01', answers: {} } }],
        events: [{ date: '2024-05-01', type: 'major-hazard', count: 2 }, { date: '2024-06-01', type: 'nonfatal-accident' }],
      },
      ref,
    );
    const pondTl = timeline(pond, '2024-12-31');
    const c = concentratorTimeline('mill-1', pondTl);
    expect(c.unit).toBe('mill-1');
    expect(c.tier).toBe(pondTl.tier);
    expect(c.tier).toBe('B');
    expect(c.history).toEqual([
      { date: '2024-03-01', tier: 'A', clause: 'R16', source: 'pond-1/a1' },
      { date: '2024-05-01', tier: 'B', clause: 'R18.2', source: 'pond-1/event:0' },
    ]);
    expect(pondTl.due.length).toBeGreaterThan(0);
    expect(c.due).toEqual([]);
  });

  it('D7 a concentrator has no score sheet of its own', () => {
    expect(() =>
      unitCase({ unit: { id: 'm', kind: 'concentrator' }, assessments: [{ id: 'a', sheet: { kind: 'concentrator', table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: '2024-03-01' } }], events: [] }, ref),
    ).toThrow(/选矿厂」没有评分表（R19/);
  });
});
