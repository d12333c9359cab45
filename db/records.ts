/**
 * Assessments, events and inspections of a unit, and the unit's tier history computed from them
 * by the rules engine (`src/engine/timeline.ts`): the database stores what happened, never a
 * derived tier, so the database and the CLI `timeline` can never disagree (D3).
 */
import { jsonRows, stmt } from './stmt';
import type { EventType, Tier, TierClause } from '../src/domain/rules';
import { concentratorTimeline } from '../src/engine/concentrator';
import type { GradeResult } from '../src/engine/grade';
import type { ScoreSheet } from '../src/engine/sheet';
import { fullHistory, timeline, type CaseAssessment, type CaseEvent, type HistoryEntry, type TimelineResult, type UnitCase } from '../src/engine/timeline';
import type { Db } from './connection';
import { DbError } from './errors';

export interface AssessmentRow {
  seq: number;
  unit_id: string;
  ref: string;
  status: 'draft' | 'confirmed';
  assessed_on: string;
  table_id: string | null;
  table_version: string | null;
  sheet: string | null;
  result: string | null;
  manual_basis: string | null;
  tier: Tier | null;
  clause: string | null;
  score: number | null;
  assessors: string;
  supersedes: number | null;
  created_at: string;
  confirmed_at: string | null;
}

export interface Assessment {
  seq: number;
  unitId: string;
  ref: string;
  status: 'draft' | 'confirmed';
  assessedOn: string;
  table: { id: string; version: string } | null;
  sheet: ScoreSheet | null;
  result: GradeResult | null;
  manualBasis: string | null;
  tier: Tier | null;
  clause: string | null;
  score: number | null;
  assessors: string[];
  supersedes: number | null;
  createdAt: string;
  confirmedAt: string | null;
}

export function assessmentFromRow(r: AssessmentRow): Assessment {
  return {
    seq: r.seq,
    unitId: r.unit_id,
    ref: r.ref,
    status: r.status,
    assessedOn: r.assessed_on,
    table: r.table_id !== null && r.table_version !== null ? { id: r.table_id, version: r.table_version } : null,
    sheet: r.sheet === null ? null : (JSON.parse(r.sheet) as ScoreSheet),
    result: r.result === null ? null : (JSON.parse(r.result) as GradeResult),
    manualBasis: r.manual_basis,
    tier: r.tier,
    clause: r.clause,
    score: r.score,
    assessors: JSON.parse(r.assessors) as string[],
    supersedes: r.supersedes,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
  };
}

export function listAssessments(db: Db, unitId: string): Assessment[] {
  return (stmt(db, 'SELECT * FROM assessments WHERE unit_id = ? ORDER BY assessed_on, seq').all(unitId) as AssessmentRow[]).map(assessmentFromRow);
}

export function getAssessment(db: Db, unitId: string, ref: string): Assessment | undefined {
  const r = stmt(db, 'SELECT * FROM assessments WHERE unit_id = ? AND ref = ?').get(unitId, ref) as AssessmentRow | undefined;
  return r === undefined ? undefined : assessmentFromRow(r);
}

/** The latest confirmed assessment of a unit (by date, then order of confirming). */
export function latestConfirmed(db: Db, unitId: string): Assessment | undefined {
  const r = stmt(db, "SELECT * FROM assessments WHERE unit_id = ? AND status = 'confirmed' ORDER BY assessed_on DESC, seq DESC LIMIT 1").get(unitId) as
    | AssessmentRow
    | undefined;
  return r === undefined ? undefined : assessmentFromRow(r);
}

export interface NewConfirmed {
  unitId: string;
  ref: string;
  assessedOn: string;
  assessors: string[];
  createdAt: string;
  /** A graded sheet … */
  graded?: { sheet: ScoreSheet; result: GradeResult };
  /** … or a tier set by hand with a written basis (D6). */
  manual?: { tier: Tier; basis: string };
  supersedes?: number | null;
}

/** Inserts a confirmed assessment (never edited afterwards: the schema refuses it). */
export function insertConfirmed(db: Db, a: NewConfirmed): number {
  const tier = a.graded ? a.graded.result.tier : (a.manual as { tier: Tier }).tier;
  const clause: TierClause = a.graded ? (a.graded.result.directD[0] ?? 'R16') : 'D6';
  const info = db
    .prepare(
      `INSERT INTO assessments (unit_id, ref, status, assessed_on, table_id, table_version, sheet, result, manual_basis, tier, clause, score,
        assessors, supersedes, created_at, confirmed_at)
       VALUES (@unit_id, @ref, 'confirmed', @assessed_on, @table_id, @table_version, @sheet, @result, @manual_basis, @tier, @clause, @score,
        @assessors, @supersedes, @at, @at)`,
    )
    .run({
      unit_id: a.unitId,
      ref: a.ref,
      assessed_on: a.assessedOn,
      table_id: a.graded?.sheet.table.id ?? null,
      table_version: a.graded?.sheet.table.version ?? null,
      sheet: a.graded ? JSON.stringify(a.graded.sheet) : null,
      result: a.graded ? JSON.stringify(a.graded.result) : null,
      manual_basis: a.manual?.basis ?? null,
      tier,
      clause,
      score: a.graded?.result.score ?? null,
      assessors: JSON.stringify(a.assessors),
      supersedes: a.supersedes ?? null,
      at: a.createdAt,
    });
  return Number(info.lastInsertRowid);
}

export interface StoredEvent {
  seq: number;
  unitId: string;
  date: string;
  type: EventType;
  count: number | null;
  grade: string | null;
  note: string;
  inspectionId: number | null;
  voidedAt: string | null;
  voidReason: string | null;
  /** `event:N`: N is the event's index among the unit's events in the order recorded (CLI.md). */
  ref: string;
}

interface EventRow {
  seq: number;
  unit_id: string;
  date: string;
  type: EventType;
  count: number | null;
  grade: string | null;
  note: string;
  inspection_id: number | null;
  voided_at: string | null;
  void_reason: string | null;
}

function eventFromRow(r: EventRow, index: number): StoredEvent {
  return {
    seq: r.seq,
    unitId: r.unit_id,
    date: r.date,
    type: r.type,
    count: r.count,
    grade: r.grade,
    note: r.note,
    inspectionId: r.inspection_id,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
    ref: `event:${index}`,
  };
}

export function listEvents(db: Db, unitId: string): StoredEvent[] {
  return (stmt(db, 'SELECT * FROM events WHERE unit_id = ? ORDER BY seq').all(unitId) as EventRow[]).map(eventFromRow);
}

export function insertEvent(db: Db, unitId: string, e: CaseEvent, meta: { note?: string; inspectionId?: number | null; at: string }): number {
  const info = db
    .prepare('INSERT INTO events (unit_id, date, type, count, grade, note, inspection_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(
      unitId,
      e.date,
      e.type,
      e.type === 'major-hazard' ? e.count : null,
      e.type === 'standardization' ? e.grade : null,
      meta.note ?? '',
      meta.inspectionId ?? null,
      meta.at,
    );
  return Number(info.lastInsertRowid);
}

function caseEvent(e: Pick<StoredEvent, 'date' | 'type' | 'count' | 'grade' | 'ref'>): CaseEvent & { ref: string } {
  if (e.type === 'major-hazard') return { date: e.date, type: e.type, count: e.count ?? 1, ref: e.ref };
  if (e.type === 'standardization') return { date: e.date, type: e.type, grade: e.grade as '一级' | '二级' | '三级', ref: e.ref };
  return { date: e.date, type: e.type, ref: e.ref } as CaseEvent & { ref: string };
}

type CaseAssessmentRow = { ref: string; assessed_on: string; tier: Tier; clause: TierClause; manual_basis: string | null };

/** A confirmed assessment as the engine reads it: its stored tier and clause, no re-grading. */
function caseAssessment(a: CaseAssessmentRow): CaseAssessment {
  return { id: a.ref, date: a.assessed_on, tier: a.tier, clause: a.clause, ...(a.manual_basis !== null ? { basis: a.manual_basis } : {}) };
}

/** The unit's case for the engine: confirmed assessments and events that are not voided. */
export function unitCaseFromDb(db: Db, unitId: string): UnitCase {
  const unit = stmt(db, 'SELECT id, kind FROM units WHERE id = ?').get(unitId) as UnitCase['unit'] | undefined;
  if (unit === undefined) throw new DbError(`单位编号「${unitId}」不在台账中`);
  const assessments = (stmt(db, "SELECT ref, assessed_on, tier, clause, manual_basis FROM assessments WHERE unit_id = ? AND status = 'confirmed' ORDER BY seq").all(unitId) as CaseAssessmentRow[]).map(caseAssessment);
  const events = listEvents(db, unitId)
    .filter((e) => e.voidedAt === null)
    .map(caseEvent);
  return { unit, assessments, events };
}

/**
 * The unit's tier, history and due re-assessments on `on`. A concentrator takes its pond's
 * (R19, D7); a concentrator not linked to a pond has no tier.
 */
export function unitTimeline(db: Db, unitId: string, on: string): TimelineResult {
  const c = unitCaseFromDb(db, unitId);
  if (c.unit.kind === 'concentrator') {
    const pondId = (stmt(db, 'SELECT pond_id FROM units WHERE id = ?').get(unitId) as { pond_id: string | null }).pond_id;
    if (pondId === null) return { unit: unitId, tier: null, history: [], due: [] };
    return concentratorTimeline(unitId, timeline(unitCaseFromDb(db, pondId), on));
  }
  return timeline(c, on);
}

/** Every tier change of the unit, with no cut-off (reports of a year read it). */
export function unitHistory(db: Db, unitId: string): HistoryEntry[] {
  return fullHistory(unitCaseFromDb(db, unitId));
}

/**
 * Every unit's case in three queries (lists, dashboards and reports of tens of thousands of
 * units). Each query returns its rows as one JSON array built by SQLite and parsed once: at
 * province scale this is several times faster than materialising every column of every row
 * through the driver (issue #6). Assessments come from the covering index `assessments_case`
 * (unit, then order of confirming), so their sheets and results are never read. A bulk case
 * carries no manual basis (D6): the engine never reads it, `unitCaseFromDb` has it.
 */
export function allUnitCases(db: Db): { cases: Map<string, UnitCase>; ponds: Map<string, string | null> } {
  const cases = new Map<string, UnitCase>();
  const ponds = new Map<string, string | null>();
  for (const [id, kind, pondId] of jsonRows<[string, UnitCase['unit']['kind'], string | null]>(db, 'SELECT json_group_array(json_array(id, kind, pond_id)) FROM units')) {
    cases.set(id, { unit: { id, kind }, assessments: [], events: [] });
    ponds.set(id, pondId);
  }
  let current: UnitCase | undefined;
  for (const [unitId, ref, date, tier, clause] of jsonRows<[string, string, string, Tier, TierClause]>(
    db,
    `SELECT json_group_array(json_array(unit_id, ref, assessed_on, tier, clause)) FROM
       (SELECT unit_id, ref, assessed_on, tier, clause FROM assessments INDEXED BY assessments_case
         WHERE status = 'confirmed' ORDER BY unit_id, seq)`,
  )) {
    if (current?.unit.id !== unitId) current = cases.get(unitId);
    current?.assessments.push({ id: ref, date, tier, clause });
  }
  // `event:N` counts every event of the unit in the order recorded, voided ones included (CLI.md).
  const counted = new Map<string, number>();
  for (const [unitId, date, type, count, grade, live] of jsonRows<[string, string, EventType, number | null, string | null, 0 | 1]>(
    db,
    `SELECT json_group_array(json_array(unit_id, date, type, count, grade, voided_at IS NULL)) FROM
       (SELECT unit_id, date, type, count, grade, voided_at FROM events ORDER BY seq)`,
  )) {
    const index = counted.get(unitId) ?? 0;
    counted.set(unitId, index + 1);
    if (live === 1) cases.get(unitId)?.events.push(caseEvent({ date, type, count, grade, ref: `event:${index}` }));
  }
  return { cases, ponds };
}

/** Every unit's timeline on `on`; concentrators take their pond's (R19). */
export function allTimelines(db: Db, on: string): Map<string, TimelineResult> {
  const { cases, ponds } = allUnitCases(db);
  const out = new Map<string, TimelineResult>();
  for (const [id, c] of cases) if (c.unit.kind !== 'concentrator') out.set(id, timeline(c, on));
  for (const [id, c] of cases) {
    if (c.unit.kind !== 'concentrator') continue;
    const pond = ponds.get(id);
    const pt = pond ? out.get(pond) : undefined;
    out.set(id, pt ? concentratorTimeline(id, pt) : { unit: id, tier: null, history: [], due: [] });
  }
  return out;
}
