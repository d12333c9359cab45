/**
 * Dynamic rating (R18, D2, D3, D9) exactly as CLI.md `timeline` defines it: a unit's tier over
 * time from its assessments and events, and the re-assessments that are due.
 *
 * The history is computed by one pass over the entries in date order and is never rewritten,
 * so a timeline cut off at a date is the full timeline up to that date (tested as a property).
 */
import { z } from 'zod';
import { addMonths, isoDate, yearOf } from '../domain/dates';
import {
  EVENT_TYPES,
  KIND_IDS,
  KIND_NAMES,
  STANDARDIZATION_GRADES,
  TIERS,
  UPGRADE_CLAUSES,
  compareClauses,
  isTableKind,
  raiseTier,
  type DueClause,
  type EventType,
  type KindId,
  type StandardizationGrade,
  type Tier,
  type TierClause,
} from '../domain/rules';
import type { TableRegistry } from '../tables/registry';
import { IssueList, ValidationError, describeValue, parseWith, type Issue, type PathSegment } from '../validation/issues';
import { grade, type GradeResult } from './grade';
import { parseSheet, type ScoreSheet } from './sheet';

export type CaseEvent = (
  | { date: string; type: Exclude<EventType, 'major-hazard' | 'standardization'> }
  | { date: string; type: 'major-hazard'; count: number }
  | { date: string; type: 'standardization'; grade: StandardizationGrade }
) & {
  /** The event's name in `source` (default `event:N`, N its index in `events`). */
  ref?: string;
};

export interface CaseAssessment {
  id: string;
  date: string;
  tier: Tier;
  /** The first direct-D clause of the sheet, else R16; D6 for a tier set by hand. */
  clause: TierClause;
  /** The checked sheet and its result (absent for a tier set by hand, D6). */
  sheet?: ScoreSheet;
  result?: GradeResult;
  /** D6: kinds with no table get a tier set by hand with a written basis. */
  basis?: string;
}

export interface UnitCase {
  unit: { id: string; kind: KindId };
  assessments: CaseAssessment[];
  events: CaseEvent[];
}

export interface HistoryEntry {
  date: string;
  tier: Tier;
  clause: TierClause;
  /** The assessment id, or `event:N` with N the event's index in `events`. */
  source: string;
}

export interface DueEntry {
  clause: DueClause;
  due: string;
  source: string;
}

export interface TimelineResult {
  unit: string;
  tier: Tier | null;
  history: HistoryEntry[];
  due: DueEntry[];
}

// ---------------------------------------------------------------------------------------------
// Input

export const eventSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ date: isoDate, type: z.literal('major-hazard'), count: z.int().min(1).default(1) }),
    z.object({ date: isoDate, type: z.literal('standardization'), grade: z.enum(STANDARDIZATION_GRADES) }),
    z.object({
      date: isoDate,
      type: z.enum(EVENT_TYPES.filter((t) => t !== 'major-hazard' && t !== 'standardization') as [
        Exclude<EventType, 'major-hazard' | 'standardization'>,
        ...Exclude<EventType, 'major-hazard' | 'standardization'>[],
      ]),
    }),
  ],
  {
    error: (iss) =>
      `未知的事件类型 ${describeValue((iss.input as { type?: unknown } | undefined)?.type)}，应为 ${EVENT_TYPES.join('、')} 之一`,
  },
);

const caseShape = z.object({
  unit: z.object({ id: z.string().trim().min(1), kind: z.enum(KIND_IDS) }),
  assessments: z.array(z.object({ id: z.string().trim().min(1) }).loose()).default([]),
  events: z.array(z.unknown()).default([]),
});

const manualShape = z.object({ date: isoDate, tier: z.enum(TIERS), basis: z.string().trim().min(1) });

/**
 * Checks a unit's case (`timeline` form without `on`): every event and every sheet, whatever its
 * date (CLI.md: bad input is an error "whether or not its date is after `on`").
 */
export function parseUnitCase(data: unknown, tables: TableRegistry, at: readonly PathSegment[] = []): UnitCase {
  const raw = parseWith(caseShape, data, at);
  const issues: Issue[] = [];
  const collect = (fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
    }
  };
  const kind = raw.unit.kind;
  const seen = new IssueList();
  const ids = new Set<string>();
  const assessments: CaseAssessment[] = [];
  raw.assessments.forEach((a, i) => {
    const ap: PathSegment[] = [...at, 'assessments', i];
    if (ids.has(a.id)) seen.add([...ap, 'id'], `评估编号 ${describeValue(a.id)} 重复`);
    ids.add(a.id);
    collect(() => {
      if ('manual' in a) {
        if (isTableKind(kind) || kind === 'concentrator') {
          throw new ValidationError([
            { path: [...ap, 'manual'], message: `「${KIND_NAMES[kind]}」不能人工定级：只有无评分表的地热、矿泉水等单位人工定级（D6）` },
          ]);
        }
        const m = parseWith(manualShape, a.manual, [...ap, 'manual']);
        assessments.push({ id: a.id, date: m.date, tier: m.tier, clause: 'D6', basis: m.basis });
        return;
      }
      if (!('sheet' in a)) throw new ValidationError([{ path: [...ap, 'sheet'], message: '缺少此项' }]);
      const checked = parseSheet(a.sheet, tables, [...ap, 'sheet']);
      if (checked.sheet.kind !== kind) {
        throw new ValidationError([
          {
            path: [...ap, 'sheet', 'kind'],
            message: `评分表类型「${KIND_NAMES[checked.sheet.kind]}」与单位类型「${KIND_NAMES[kind]}」不一致`,
          },
        ]);
      }
      const result = grade(checked);
      assessments.push({ id: a.id, date: result.assessedOn, tier: result.tier, clause: result.directD[0] ?? 'R16', sheet: checked.sheet, result });
    });
  });
  issues.push(...seen.items);
  const events: CaseEvent[] = [];
  raw.events.forEach((e, i) => collect(() => events.push(parseWith(eventSchema, e, [...at, 'events', i]) as CaseEvent)));
  if (issues.length > 0) throw new ValidationError(issues);
  return { unit: raw.unit, assessments, events };
}

/** A `timeline` case: a unit case plus the date `on`. */
export function parseTimelineCase(data: unknown, tables: TableRegistry): { unitCase: UnitCase; on: string } {
  const { on } = parseWith(z.object({ on: isoDate }).loose(), data);
  return { unitCase: parseUnitCase(data, tables), on };
}

// ---------------------------------------------------------------------------------------------
// Computation

type Entry = { date: string; cls: 0; idx: number; assessment: CaseAssessment } | { date: string; cls: 1; idx: number; event: CaseEvent };

interface Trigger {
  clause: DueClause;
  due: string;
  /** Done by an assessment dated strictly after this date. */
  doneAfter: string;
  source: string;
  order: number;
}

interface Run {
  history: HistoryEntry[];
  /** The entry order of each history entry (same index), for ordering what is due. */
  historyOrder: number[];
  triggers: Trigger[];
  /** The latest assessment date (null if none). */
  lastAssessed: string | null;
  tier: Tier | null;
}

function byDateThenClass(x: Entry, y: Entry): number {
  return x.date < y.date ? -1 : x.date > y.date ? 1 : x.cls - y.cls || x.idx - y.idx;
}

/**
 * CLI.md: entries apply in date order; on one date assessments before events, each in the order
 * given. Only entries dated on or before `on` count (all of them when `on` is null). An entry's
 * order is its index in the returned list.
 */
function orderedEntries(c: UnitCase, on: string | null): Entry[] {
  const list: Entry[] = [];
  const { assessments, events } = c;
  for (let i = 0; i < assessments.length; i++) {
    const a = assessments[i] as CaseAssessment;
    if (on === null || a.date <= on) list.push({ date: a.date, cls: 0, idx: i, assessment: a });
  }
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as CaseEvent;
    if (on === null || e.date <= on) list.push({ date: e.date, cls: 1, idx: i, event: e });
  }
  return list.sort(byDateThenClass);
}

const GRADE_RANK: Record<StandardizationGrade, number> = { 三级: 1, 二级: 2, 一级: 3 };

/** The event types that make a re-assessment due on their own date (R18.5, R18.8–R18.10). */
const DUE_ON_EVENT: Partial<Record<EventType, DueClause>> = {
  'advanced-equipment': 'R18.5',
  'nonfatal-accident': 'R18.8',
  'surroundings-changed': 'R18.9',
  'rules-changed': 'R18.10',
};

function run(c: UnitCase, on: string | null): Run {
  let tier: Tier | null = null;
  let hazards: Map<number, number> | null = null;
  const history: HistoryEntry[] = [];
  const historyOrder: number[] = [];
  const triggers: Trigger[] = [];
  let lastAssessed: string | null = null;
  let lastGrade: StandardizationGrade | null = null;
  const entries = orderedEntries(c, on);

  for (let order = 0; order < entries.length; order++) {
    const entry = entries[order] as Entry;
    const date = entry.date;
    if (entry.cls === 0) {
      const a = entry.assessment;
      tier = a.tier;
      lastAssessed = date;
      history.push({ date, tier, clause: a.clause, source: a.id });
      historyOrder.push(order);
      continue;
    }
    const e = entry.event;
    const source = e.ref ?? `event:${entry.idx}`;
    switch (e.type) {
      case 'fatal-accident':
      case 'blacklist':
        // R18.1. Before the first assessment no tier changes (R17 covers it there).
        if (tier !== null) {
          tier = 'D';
          history.push({ date, tier, clause: 'R18.1', source });
          historyOrder.push(order);
        }
        break;
      case 'major-hazard': {
        // R18.2–3, D2: counted per natural year; thresholds 2, 3 and 4 of the year's count.
        hazards ??= new Map();
        const year = yearOf(date);
        const before = hazards.get(year) ?? 0;
        const after = before + e.count;
        hazards.set(year, after);
        const crossed = (n: number): boolean => before < n && after >= n;
        if (tier !== null && (crossed(2) || crossed(3) || crossed(4))) {
          let t: Tier = raiseTier(tier, (crossed(2) ? 1 : 0) + (crossed(3) ? 1 : 0));
          if (crossed(4)) t = 'D';
          tier = t;
          history.push({ date, tier, clause: after >= 3 ? 'R18.3' : 'R18.2', source });
          historyOrder.push(order);
        }
        break;
      }
      case 'standardization':
        // R18.4: the first grade, or a grade higher than the previous standardization event's.
        if (lastGrade === null || GRADE_RANK[e.grade] > GRADE_RANK[lastGrade]) triggers.push({ clause: 'R18.4', due: date, doneAfter: date, source, order });
        lastGrade = e.grade;
        break;
      case 'stopped': {
        // R18.7: an open pit stopped for 6 months, unless it resumed before that day.
        if (c.unit.kind !== 'openpit') break;
        const due = addMonths(date, 6);
        const resumed = c.events.some((r) => r.type === 'resumed' && r.date > date && r.date < due);
        if (!resumed) triggers.push({ clause: 'R18.7', due, doneAfter: due, source, order });
        break;
      }
      case 'resumed':
        break;
      default: {
        // R18.5, R18.8, R18.9, R18.10
        const clause = DUE_ON_EVENT[e.type];
        if (clause !== undefined) triggers.push({ clause, due: date, doneAfter: date, source, order });
      }
    }
  }

  // R18.6, D9: re-scoring one year after an upgrade that no later upgrade followed by then.
  for (let i = 0; i < history.length; i++) {
    const h = history[i] as HistoryEntry;
    if (!UPGRADE_CLAUSES.includes(h.clause)) continue;
    const due = addMonths(h.date, 12);
    let followed = false;
    for (let j = i + 1; j < history.length && !followed; j++) {
      const l = history[j] as HistoryEntry;
      followed = UPGRADE_CLAUSES.includes(l.clause) && l.date <= due;
    }
    if (!followed) triggers.push({ clause: 'R18.6', due, doneAfter: h.date, source: h.source, order: historyOrder[i] as number });
  }

  return { history, historyOrder, triggers, lastAssessed, tier };
}

function byDueThenClause(x: Trigger, y: Trigger): number {
  return x.due < y.due ? -1 : x.due > y.due ? 1 : compareClauses(x.clause, y.clause) || x.order - y.order;
}

/** CLI.md `timeline`: the tier in force on `on`, the history up to `on`, and what is due by then. */
export function timeline(c: UnitCase, on: string): TimelineResult {
  const r = run(c, on);
  const open: Trigger[] = [];
  // A trigger is done by any assessment dated after it: the latest assessment decides.
  for (const t of r.triggers) if (t.due <= on && !(r.lastAssessed !== null && r.lastAssessed > t.doneAfter)) open.push(t);
  if (open.length > 1) open.sort(byDueThenClause);
  return { unit: c.unit.id, tier: r.tier, history: r.history, due: open.map(({ clause, due: d, source }) => ({ clause, due: d, source })) };
}

/** Every tier change of the unit, with no cut-off date (D3: the history is never overwritten). */
export function fullHistory(c: UnitCase): HistoryEntry[] {
  return run(c, null).history;
}

/** The tier after all history entries dated on or before `date` (null before the first assessment). */
export function tierOn(history: readonly HistoryEntry[], date: string): Tier | null {
  let t: Tier | null = null;
  for (const h of history) {
    if (h.date > date) break;
    t = h.tier;
  }
  return t;
}
