import dayjs from 'dayjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, isIsoDate } from '../../src/domain/dates';
import { parseTimelineCase, timeline, type TimelineResult } from '../../src/engine/timeline';
import { ValidationError, formatIssue } from '../../src/validation/issues';
import { EXAMPLES, assessmentFor, customRegistry, customSheet, readJson, ref, unitCase } from '../helpers';

const custom = customRegistry();

type Ev = Record<string, unknown>;
/** A timeline of an open pit assessed with the custom table set. */
function tl(assessments: unknown[], events: Ev[], on: string, kind = 'openpit'): TimelineResult {
  return timeline(unitCase({ unit: { id: 'u1', kind }, assessments, events }, custom), on);
}
const A = (date: string, id = 'a') => assessmentFor(id, date, 'A');
const tiers = (r: TimelineResult) => r.history.map((h) => `${h.date} ${h.tier} ${h.clause} ${h.source}`);

function caseProblems(data: unknown): string[] {
  try {
    parseTimelineCase(data, custom);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.issues.map((i) => formatIssue(i));
  }
}

describe('the examples of CLI.md timeline', () => {
  for (const name of ['timeline-accident', 'timeline-hazards']) {
    it(`${name} equals its expected output`, () => {
      const { unitCase: c, on } = parseTimelineCase(readJson(`${EXAMPLES}/${name}.json`), ref);
      expect(timeline(c, on)).toEqual(readJson(`${EXAMPLES}/${name}.expected.json`));
    });
  }
});

describe('R15 R16 an assessment sets the tier', () => {
  it('R15 the initial assessment sets the tier from its result, clause R16', () => {
    const r = tl([assessmentFor('a1', '2024-03-01', 'B')], [], '2024-12-31');
    expect(r).toEqual({ unit: 'u1', tier: 'B', history: [{ date: '2024-03-01', tier: 'B', clause: 'R16', source: 'a1' }], due: [] });
  });

  it('R17 an assessment with a direct-D clause names that clause', () => {
    const r = tl([assessmentFor('a1', '2024-03-01', 'D')], [], '2024-12-31');
    expect(r.history[0]).toEqual({ date: '2024-03-01', tier: 'D', clause: 'R17.1', source: 'a1' });
  });

  it('tier is null before the first assessment, and re-assessment triggers still fall due', () => {
    const r = tl([A('2024-06-01')], [{ date: '2024-02-01', type: 'nonfatal-accident' }], '2024-05-31');
    expect(r.tier).toBeNull();
    expect(r.history).toEqual([]);
    expect(r.due).toEqual([{ clause: 'R18.8', due: '2024-02-01', source: 'event:0' }]);
  });

  it('D3 every change is kept in the history with date, clause and source; a later assessment adds, never overwrites', () => {
    const r = tl([assessmentFor('a1', '2024-03-01', 'C'), assessmentFor('a2', '2024-09-01', 'A')], [{ date: '2024-05-01', type: 'blacklist' }], '2025-01-01');
    expect(tiers(r)).toEqual(['2024-03-01 C R16 a1', '2024-05-01 D R18.1 event:0', '2024-09-01 A R16 a2']);
    expect(r.tier).toBe('A');
  });
});

describe('R18 upgrades', () => {
  it('R18.1 a fatal accident makes the tier D at once', () => {
    const r = tl([A('2024-01-10')], [{ date: '2024-02-01', type: 'fatal-accident' }], '2024-03-01');
    expect(r.tier).toBe('D');
    expect(r.history[1]).toEqual({ date: '2024-02-01', tier: 'D', clause: 'R18.1', source: 'event:0' });
  });

  it('R18.1 blacklisting makes the tier D, and on a D unit is still listed', () => {
    const r = tl([A('2024-01-10')], [{ date: '2024-02-01', type: 'blacklist' }, { date: '2024-03-01', type: 'fatal-accident' }], '2024-04-01');
    expect(tiers(r)).toEqual(['2024-01-10 A R16 a', '2024-02-01 D R18.1 event:0', '2024-03-01 D R18.1 event:1']);
  });

  it('R18.2 two major hazards in a natural year move the tier up one step', () => {
    const r = tl([A('2024-01-10')], [{ date: '2024-02-01', type: 'major-hazard' }, { date: '2024-05-01', type: 'major-hazard', count: 1 }], '2024-12-31');
    expect(tiers(r)).toEqual(['2024-01-10 A R16 a', '2024-05-01 B R18.2 event:1']);
  });

  it('R18.3 a third hazard moves up one more step, a fourth sets D, a fifth does nothing', () => {
    const ev = ['02-01', '03-01', '04-01', '05-01', '06-01'].map((d) => ({ date: `2024-${d}`, type: 'major-hazard' }));
    const r = tl([A('2024-01-10')], ev, '2024-12-31');
    expect(tiers(r)).toEqual(['2024-01-10 A R16 a', '2024-03-01 B R18.2 event:1', '2024-04-01 C R18.3 event:2', '2024-05-01 D R18.3 event:3']);
  });

  it('R18.3 one finding of three hazards crosses two thresholds in one entry; four at once is D', () => {
    expect(tiers(tl([A('2024-01-10')], [{ date: '2024-02-01', type: 'major-hazard', count: 3 }], '2024-12-31'))).toEqual([
      '2024-01-10 A R16 a',
      '2024-02-01 C R18.3 event:0',
    ]);
    expect(tiers(tl([A('2024-01-10')], [{ date: '2024-02-01', type: 'major-hazard', count: 4 }], '2024-12-31'))[1]).toBe('2024-02-01 D R18.3 event:0');
  });

  it('R18.2 tiers never go past D; an upgrade of a D unit is listed and stays D', () => {
    const r = tl([assessmentFor('a', '2024-01-10', 'C')], [{ date: '2024-02-01', type: 'major-hazard', count: 3 }], '2024-12-31');
    expect(tiers(r)[1]).toBe('2024-02-01 D R18.3 event:0');
    const d = tl([assessmentFor('a', '2024-01-10', 'D')], [{ date: '2024-02-01', type: 'major-hazard', count: 2 }], '2024-12-31');
    expect(tiers(d)[1]).toBe('2024-02-01 D R18.2 event:0');
  });

  it('D2 a new year starts the count at 0 and undoes nothing', () => {
    const r = tl(
      [A('2023-01-10')],
      [
        { date: '2023-11-01', type: 'major-hazard', count: 2 },
        { date: '2023-12-31', type: 'major-hazard' },
        { date: '2024-01-01', type: 'major-hazard' },
      ],
      '2024-12-31',
    );
    expect(tiers(r)).toEqual(['2023-01-10 A R16 a', '2023-11-01 B R18.2 event:0', '2023-12-31 C R18.3 event:1']);
    expect(r.tier).toBe('C');
  });

  it('D2 a re-assessment in the year does not reset the count', () => {
    const r = tl(
      [A('2024-01-10', 'a1'), A('2024-06-01', 'a2')],
      [{ date: '2024-02-01', type: 'major-hazard', count: 2 }, { date: '2024-07-01', type: 'major-hazard' }, { date: '2024-08-01', type: 'major-hazard' }, { date: '2024-09-01', type: 'major-hazard' }],
      '2024-12-31',
    );
    expect(tiers(r)).toEqual(['2024-01-10 A R16 a1', '2024-02-01 B R18.2 event:0', '2024-06-01 A R16 a2', '2024-07-01 B R18.3 event:1', '2024-08-01 D R18.3 event:2']);
  });

  it('events before the first assessment change no tier, but hazards count toward their year; a threshold crossed then is never applied', () => {
    const r = tl(
      [A('2024-03-01')],
      [{ date: '2024-01-05', type: 'fatal-accident' }, { date: '2024-02-01', type: 'major-hazard', count: 2 }, { date: '2024-05-01', type: 'major-hazard' }],
      '2024-12-31',
    );
    expect(tiers(r)).toEqual(['2024-03-01 A R16 a', '2024-05-01 B R18.3 event:2']);
  });
});

describe('order of application (CLI.md timeline)', () => {
  it('on one date assessments apply before events', () => {
    const r = tl([A('2024-03-01')], [{ date: '2024-03-01', type: 'fatal-accident' }], '2024-03-01');
    expect(r.tier).toBe('D');
    expect(tiers(r)).toEqual(['2024-03-01 A R16 a', '2024-03-01 D R18.1 event:0']);
  });

  it('assessments on one date apply in the order given; so do events', () => {
    const r = tl([assessmentFor('x', '2024-03-01', 'D'), assessmentFor('y', '2024-03-01', 'B')], [], '2024-03-02');
    expect(r.tier).toBe('B');
    expect(r.history.map((h) => h.source)).toEqual(['x', 'y']);
  });

  it('entries after on are ignored; assessments out of date order are sorted', () => {
    const r = tl([assessmentFor('late', '2024-09-01', 'C'), assessmentFor('early', '2024-01-01', 'B')], [{ date: '2024-10-01', type: 'fatal-accident' }], '2024-09-30');
    expect(tiers(r)).toEqual(['2024-01-01 B R16 early', '2024-09-01 C R16 late']);
    expect(r.tier).toBe('C');
  });
});

describe('D9 re-assessments due', () => {
  it('R18.4 the first standardization grade, and a grade higher than the previous event, make re-scoring due', () => {
    const r = tl(
      [A('2024-01-01')],
      [
        { date: '2024-02-01', type: 'standardization', grade: '三级' },
        { date: '2024-03-01', type: 'standardization', grade: '三级' },
        { date: '2024-04-01', type: 'standardization', grade: '一级' },
        { date: '2024-05-01', type: 'standardization', grade: '二级' },
      ],
      '2024-12-31',
    );
    expect(r.due).toEqual([
      { clause: 'R18.4', due: '2024-02-01', source: 'event:0' },
      { clause: 'R18.4', due: '2024-04-01', source: 'event:2' },
    ]);
  });

  it('R18.5 R18.8 R18.9 R18.10 fall due on the event date and are done by an assessment dated after it', () => {
    const ev = [
      { date: '2024-02-01', type: 'advanced-equipment' },
      { date: '2024-03-01', type: 'nonfatal-accident' },
      { date: '2024-04-01', type: 'surroundings-changed' },
      { date: '2024-05-01', type: 'rules-changed' },
    ];
    const before = tl([A('2024-01-01')], ev, '2024-12-31');
    expect(before.due.map((d) => `${d.clause} ${d.due} ${d.source}`)).toEqual([
      'R18.5 2024-02-01 event:0',
      'R18.8 2024-03-01 event:1',
      'R18.9 2024-04-01 event:2',
      'R18.10 2024-05-01 event:3',
    ]);
    // an assessment on 2024-04-01 applies before that day's event: it does R18.5 and R18.8 only
    const partly = tl([A('2024-01-01', 'a1'), A('2024-04-01', 'a2')], ev, '2024-12-31');
    expect(partly.due.map((d) => d.clause)).toEqual(['R18.9', 'R18.10']);
    // not yet due before its date
    expect(tl([A('2024-01-01')], ev, '2024-03-15').due.map((d) => d.clause)).toEqual(['R18.5', 'R18.8']);
  });

  it('R18.7 an open pit stopped 6 months is due for re-assessment, unless it resumed before that day', () => {
    const stop = { date: '2024-08-31', type: 'stopped' };
    expect(tl([A('2024-01-01')], [stop], '2025-02-28').due).toEqual([{ clause: 'R18.7', due: '2025-02-28', source: 'event:0' }]);
    expect(tl([A('2024-01-01')], [stop], '2025-02-27').due).toEqual([]);
    expect(tl([A('2024-01-01')], [stop, { date: '2024-12-01', type: 'resumed' }], '2025-12-31').due).toEqual([]);
    // resuming on the due day itself is too late
    expect(tl([A('2024-01-01')], [stop, { date: '2025-02-28', type: 'resumed' }], '2025-12-31').due).toHaveLength(1);
    // a resumption dated before the stop does not count
    expect(tl([A('2024-01-01')], [{ date: '2024-05-01', type: 'resumed' }, stop], '2025-12-31').due).toHaveLength(1);
    // done only by an assessment dated after the due date
    expect(tl([A('2024-01-01', 'a1'), A('2024-12-01', 'a2')], [stop], '2025-12-31').due).toHaveLength(1);
    expect(tl([A('2024-01-01', 'a1'), A('2025-03-01', 'a2')], [stop], '2025-12-31').due).toEqual([]);
  });

  it('R18.7 applies to open pits only, and each stop is its own trigger', () => {
    const stops = [{ date: '2024-01-15', type: 'stopped' }, { date: '2024-02-15', type: 'stopped' }];
    expect(tl([A('2024-01-01')], stops, '2024-12-31').due.map((d) => d.due)).toEqual(['2024-07-15', '2024-08-15']);
    const r = timeline(unitCase({ unit: { id: 'q', kind: 'quarry' }, assessments: [], events: stops }, ref), '2024-12-31');
    expect(r.due).toEqual([]);
  });

  it('R18.6 re-scoring falls due one year after an upgrade with no further upgrade by then', () => {
    const r = tl([A('2024-01-01')], [{ date: '2024-02-29', type: 'blacklist' }], '2025-12-31');
    expect(r.due).toEqual([{ clause: 'R18.6', due: '2025-02-28', source: 'event:0' }]);
    expect(tl([A('2024-01-01')], [{ date: '2024-02-29', type: 'blacklist' }], '2025-02-27').due).toEqual([]);
  });

  it('R18.6 a later upgrade within the year replaces the earlier one; one after the year does not', () => {
    const within = tl([A('2024-01-01')], [{ date: '2024-02-01', type: 'major-hazard', count: 2 }, { date: '2024-06-01', type: 'major-hazard' }], '2026-01-01');
    expect(within.due).toEqual([{ clause: 'R18.6', due: '2025-06-01', source: 'event:1' }]);
    const after = tl([A('2024-01-01')], [{ date: '2024-02-01', type: 'blacklist' }, { date: '2025-02-02', type: 'fatal-accident' }], '2026-12-31');
    expect(after.due).toEqual([
      { clause: 'R18.6', due: '2025-02-01', source: 'event:0' },
      { clause: 'R18.6', due: '2026-02-02', source: 'event:1' },
    ]);
    // on the very day a year later still counts as "within"
    const sameDay = tl([A('2024-01-01')], [{ date: '2024-02-01', type: 'blacklist' }, { date: '2025-02-01', type: 'fatal-accident' }], '2026-12-31');
    expect(sameDay.due.map((d) => d.source)).toEqual(['event:1']);
  });

  it('R18.6 is done by an assessment dated after the upgrade', () => {
    const r = tl([A('2024-01-01', 'a1'), A('2024-07-01', 'a2')], [{ date: '2024-02-01', type: 'blacklist' }], '2025-12-31');
    expect(r.due).toEqual([]);
  });

  it('due is sorted by date, then clause number (R18.4 before R18.10), then the order the triggers arose', () => {
    const r = tl(
      [A('2024-01-01')],
      [
        { date: '2024-05-01', type: 'rules-changed' },
        { date: '2024-05-01', type: 'standardization', grade: '二级' },
        { date: '2024-05-01', type: 'surroundings-changed' },
        { date: '2024-05-01', type: 'nonfatal-accident' },
        { date: '2024-05-01', type: 'nonfatal-accident' },
        { date: '2024-03-01', type: 'advanced-equipment' },
      ],
      '2024-12-31',
    );
    expect(r.due.map((d) => `${d.due} ${d.clause} ${d.source}`)).toEqual([
      '2024-03-01 R18.5 event:5',
      '2024-05-01 R18.4 event:1',
      '2024-05-01 R18.8 event:3',
      '2024-05-01 R18.8 event:4',
      '2024-05-01 R18.9 event:2',
      '2024-05-01 R18.10 event:0',
    ]);
  });

  it('"six months after" and "one year after" keep the day or take the month end', () => {
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2022-08-31', 6)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-01-15', 6)).toBe('2024-07-15');
  });

  it('addMonths agrees with dayjs for every day of 1999–2101 and 6 or 12 months (and others)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1999-01-01T00:00:00Z'), max: new Date('2101-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -30, max: 30 }), (d, months) => {
        const date = d.toISOString().slice(0, 10);
        expect(addMonths(date, months)).toBe(dayjs(date).add(months, 'month').format('YYYY-MM-DD'));
      }),
      { numRuns: 5000 },
    );
  });

  it('isIsoDate takes exactly the real calendar dates written YYYY-MM-DD (as the calendar of Date has them)', () => {
    const real = (v: string): boolean => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
      const [y, m, d] = v.split('-').map(Number) as [number, number, number];
      const t = new Date(0);
      t.setUTCFullYear(y, m - 1, d);
      return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
    };
    const dateLike = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const mangled = fc.tuple(dateLike, fc.nat(9), fc.constantFrom('/', ':', ' ', 'a', '０', '-', '', '12')).map(([v, i, c]) => v.slice(0, i) + c + v.slice(i + 1));
    fc.assert(
      fc.property(fc.oneof(dateLike, mangled, fc.string({ maxLength: 12 })), (v) => {
        expect(isIsoDate(v)).toBe(real(v));
      }),
      { numRuns: 20000 },
    );
    for (const v of ['2024-02-29', '2000-02-29', '1999-12-31']) expect(isIsoDate(v)).toBe(true);
    for (const v of ['2023-02-29', '1900-02-29', '2024-04-31', '2024-00-10', '2024-13-01', '2024-1-01', '２０２４-01-01', 20240101, null]) expect(isIsoDate(v)).toBe(false);
  });
});

describe('D6 kinds with no table', () => {
  it('D6 a unit of kind other gets a tier set by hand with a written basis', () => {
    const r = timeline(
      unitCase({ unit: { id: 'geo-1', kind: 'other' }, assessments: [{ id: 'm1', manual: { date: '2024-03-01', tier: 'B', basis: '参照露天矿山评分表人工评定' } }], events: [] }, custom),
      '2024-12-31',
    );
    expect(r.history).toEqual([{ date: '2024-03-01', tier: 'B', clause: 'D6', source: 'm1' }]);
  });

  it('D6 a tier by hand is refused for kinds that have a table', () => {
    const p = caseProblems({ unit: { id: 'u', kind: 'openpit' }, assessments: [{ id: 'm', manual: { date: '2024-03-01', tier: 'B', basis: 'x' } }], events: [], on: '2024-12-31' });
    expect(p[0]).toMatch(/^assessments\[0\]\.manual 「金属非金属露天矿山」不能人工定级/);
  });
});

describe('bad cases are refused, whatever their dates', () => {
  const base = { unit: { id: 'u', kind: 'openpit' }, assessments: [A('2024-01-01')], on: '2024-06-30' };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown event type', { events: [{ date: '2024-02-01', type: 'flood' }] }, /^events\[0\]\.type 未知的事件类型 "flood"/],
    ['a missing date', { events: [{ type: 'blacklist' }] }, /^events\[0\]\.date 缺少此项$/],
    ['a malformed date', { events: [{ date: '2024-2-1', type: 'blacklist' }] }, /^events\[0\]\.date 应为 YYYY-MM-DD 格式的日期，实际为 "2024-2-1"$/],
    ['an impossible date', { events: [{ date: '2023-02-29', type: 'blacklist' }] }, /^events\[0\]\.date 应为 YYYY-MM-DD/],
    ['a count of 0', { events: [{ date: '2024-02-01', type: 'major-hazard', count: 0 }] }, /^events\[0\]\.count 应不小于 1，实际为 0$/],
    ['a fractional count', { events: [{ date: '2024-02-01', type: 'major-hazard', count: 1.5 }] }, /^events\[0\]\.count 应为整数，实际为 1\.5$/],
    ['an unknown standardization grade', { events: [{ date: '2024-02-01', type: 'standardization', grade: '四级' }] }, /^events\[0\]\.grade 应为 "三级"、"二级"、"一级" 之一，实际为 "四级"$/],
    ['a bad event dated after on', { events: [{ date: '2030-01-01', type: 'major-hazard', count: -2 }] }, /^events\[0\]\.count/],
    ['a bad sheet', { assessments: [{ id: 'a', sheet: customSheet({ 'i-count': 'many' }) }] }, /^assessments\[0\]\.sheet\.answers\["i-count"\] 应为数字/],
    ['a sheet of another kind', { unit: { id: 'u', kind: 'quarry' } }, /^assessments\[0\]\.sheet\.kind 评分表类型「金属非金属露天矿山」与单位类型「小型露天采石场、砖瓦用粘土开采企业」不一致$/],
    ['a repeated assessment id', { assessments: [A('2024-01-01'), A('2024-02-01')] }, /^assessments\[1\]\.id 评估编号 "a" 重复$/],
    ['a missing on', { on: undefined }, /^on 缺少此项$/],
    ['an unknown unit kind', { unit: { id: 'u', kind: 'coal' } }, /^unit\.kind 应为 .* 之一，实际为 "coal"$/],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what}`, () => {
      const found = caseProblems({ ...base, events: [], ...change });
      expect(found.some((m) => message.test(m)), found.join('\n')).toBe(true);
    });
  }
});
