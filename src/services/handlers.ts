/**
 * Every use case as a handler: channel (src/api/contract.ts) → checked input → result. Each
 * handler that writes does all its writes in one transaction, audited, so nothing is ever half
 * written; problems come back as data with Chinese messages (`dispatch`).
 */
import dayjs from 'dayjs';
import { verifyAudit } from '../../db/audit';
import { keptUntilWrite, stmt } from '../../db/stmt';
import { SCHEMA_VERSION } from '../../db/migrate';
import { getMeta, listCounties, setMeta } from '../../db/meta';
import {
  allTimelines,
  getAssessment,
  insertConfirmed,
  insertEvent,
  latestConfirmed,
  listAssessments,
  listEvents,
  unitCaseFromDb,
  unitTimeline,
} from '../../db/records';
import { listTableSets, loadTableRegistry, storeTableSet } from '../../db/tables';
import { allUnits, assignOfficial, currentOfficial, diffRecords, getUnit, officialHistory, saveUnit, unitKinds, type UnitSummary } from '../../db/units';
import type { ChannelArgs, Channel } from '../api/contract';
import { KIND_NAMES, type KindId, type Tier } from '../domain/rules';
import { grade } from '../engine/grade';
import { parseSheet } from '../engine/sheet';
import { eventSchema, parseUnitCase, timeline, type CaseEvent } from '../engine/timeline';
import { assessedByCity, pondProblem, type UnitRecord } from '../registry/unit';
import { readRegistryXlsx, writeRegistryXlsx } from '../registry/xlsx';
import { parseWith } from '../validation/issues';
import { ServiceError, audit, nowIso, operatorOf, today, write, type ServiceContext } from './context';
import { exportPackage, importPackage } from '../packages/package';
import { cityProgress } from '../packages/progress';
import { unitFlags } from './flags';
import { exportReport } from '../reports/export';

type Handler<C extends Channel> = (ctx: ServiceContext, input: ChannelArgs<C>) => unknown;

function requireUnit(ctx: ServiceContext, id: string): UnitRecord {
  const u = getUnit(ctx.db, id);
  if (u === undefined) throw new ServiceError(`单位编号「${id}」不在台账中`, [{ path: ['unitId'], message: '不在台账中' }]);
  return u;
}

/** D11: units another bureau assesses (brought by a package) are read-only here. */
function requireLocal(ctx: ServiceContext, id: string): UnitRecord {
  const u = requireUnit(ctx, id);
  const origin = originOf(ctx, id);
  if (origin !== '') throw new ServiceError(`单位「${id}」由「${origin}」评定，本机只读（D11）`);
  return u;
}

function originOf(ctx: ServiceContext, id: string): string {
  return (ctx.db.prepare('SELECT origin FROM units WHERE id = ?').get(id) as { origin: string } | undefined)?.origin ?? '';
}

/** R19: a concentrator names a tailings pond that exists. */
function checkPond(ctx: ServiceContext, rec: UnitRecord): void {
  if (rec.kind !== 'concentrator' || rec.pondId === undefined) return;
  const kinds = unitKinds(ctx.db);
  const problem = pondProblem(rec.pondId, (id) => {
    const k = kinds.get(id);
    return k === undefined ? undefined : { kind: k, label: KIND_NAMES[k] };
  });
  if (problem) throw new ServiceError(problem, [{ path: ['pondId'], message: problem }]);
}

function hazardsOf(ctx: ServiceContext, unitId: string) {
  return ctx.db
    .prepare(
      `SELECT h.id, h.description, h.rectify_by AS rectifyBy, h.rectified_on AS rectifiedOn, h.closed_on AS closedOn, i.date AS found, i.id AS inspectionId
       FROM hazards h JOIN inspections i ON i.id = h.inspection_id WHERE i.unit_id = ? ORDER BY h.id`,
    )
    .all(unitId) as { id: number; description: string; rectifyBy: string | null; rectifiedOn: string | null; closedOn: string | null; found: string; inspectionId: number }[];
}

function inspectionsOf(ctx: ServiceContext, unitId: string) {
  const hazards = hazardsOf(ctx, unitId);
  return (
    ctx.db.prepare('SELECT id, date, kind, inspectors, findings FROM inspections WHERE unit_id = ? ORDER BY date, id').all(unitId) as {
      id: number;
      date: string;
      kind: string;
      inspectors: string;
      findings: string;
    }[]
  ).map((i) => ({ ...i, inspectors: JSON.parse(i.inspectors) as string[], hazards: hazards.filter((h) => h.inspectionId === i.id) }));
}

function flagsOf(ctx: ServiceContext, unit: UnitRecord, on: string) {
  return unitFlags({
    unit,
    events: listEvents(ctx.db, unit.id).filter((e) => e.voidedAt === null),
    hazards: hazardsOf(ctx, unit.id),
    hasOfficial: currentOfficial(ctx.db, unit.id) !== undefined,
    today: on,
  });
}

/** Grades a sheet for a unit: the table set must be stored, and the sheet's kind the unit's. */
function gradeForUnit(ctx: ServiceContext, unit: UnitRecord, sheetData: unknown) {
  const tables = loadTableRegistry(ctx.db);
  const checked = parseSheet(sheetData, tables, ['sheet']);
  if (checked.sheet.kind !== unit.kind) {
    throw new ServiceError(`评分表类型「${KIND_NAMES[checked.sheet.kind]}」与单位类型「${KIND_NAMES[unit.kind]}」不一致`, [
      { path: ['sheet', 'kind'], message: '与单位类型不一致' },
    ]);
  }
  const result = grade(checked);
  return { checked, result, supersedes: latestConfirmed(ctx.db, unit.id)?.seq ?? null };
}

function nextRef(ctx: ServiceContext, unitId: string, date: string): string {
  const n = (ctx.db.prepare('SELECT count(*) AS n FROM assessments WHERE unit_id = ? AND ref LIKE ?').get(unitId, `${date}%`) as { n: number }).n;
  return n === 0 ? date : `${date}-${n + 1}`;
}

function parseEvent(data: unknown): CaseEvent {
  return parseWith(eventSchema, data, ['event']) as CaseEvent;
}

/** One row of 'units.rows': an array, not an object — no key repeated 50,000 times to build, send and parse. */
export type UnitRowTuple = [id: string, name: string, enterprise: string, creditCode: string, kind: KindId, kindLabel: string, county: string, township: string, status: UnitRecord['status'], official: string];

const UNIT_ROWS_SQL = `SELECT u.id, u.name, u.enterprise, u.credit_code, u.kind, u.kind_label, u.county, coalesce(u.township, ''), u.status, coalesce(o.name, '')
    FROM units u LEFT JOIN officials o ON o.unit_id = u.id AND o.to_date IS NULL ORDER BY u.id`;

export const handlers = {
  'bureau.get': (ctx) => ({
    bureau: getMeta(ctx.db, 'bureau') ?? '',
    level: (getMeta(ctx.db, 'level') ?? 'county') as 'county' | 'city',
    operator: getMeta(ctx.db, 'operator') ?? '',
    counties: listCounties(ctx.db),
    schemaVersion: SCHEMA_VERSION,
  }),

  'bureau.setOperator': (ctx, { operator }) =>
    write(ctx, () => {
      const old = getMeta(ctx.db, 'operator');
      setMeta(ctx.db, 'operator', operator);
      audit(ctx, { action: '设置操作员', entity: 'settings', entityId: 'operator', old: old ?? null, new: operator });
      return { operator };
    }),

  'counties.list': (ctx) => listCounties(ctx.db),

  'units.list': (ctx, q) => {
    const on = q.on ?? today(ctx);
    const timelines = allTimelines(ctx.db, on);
    const search = q.search?.trim().toLowerCase();
    // only the columns the list shows: no facts, no licences (a city's list has tens of thousands of rows)
    const rows = stmt(
      ctx.db,
      `SELECT u.id, u.name, u.enterprise, u.credit_code AS creditCode, u.kind, u.kind_label AS kindLabel, u.county,
                coalesce(u.township, '') AS township, u.status, u.ownership, coalesce(o.name, '') AS official
         FROM units u LEFT JOIN officials o ON o.unit_id = u.id AND o.to_date IS NULL ORDER BY u.id`,
    ).all() as (Omit<UnitSummary, 'pondId'> & { creditCode: string; official: string })[];
    return rows
      .map((u) => {
        const t = timelines.get(u.id);
        return { ...u, assessedByCity: assessedByCity(u.ownership), tier: t?.tier ?? null, due: t?.due.length ?? 0 };
      })
      .filter(
        (r) =>
          (q.county === undefined || r.county === q.county) &&
          (q.kind === undefined || r.kind === q.kind) &&
          (q.status === undefined || r.status === q.status) &&
          (q.tier === undefined || (q.tier === 'none' ? r.tier === null : r.tier === q.tier)) &&
          (search === undefined || search === '' || [r.id, r.name, r.enterprise, r.creditCode, r.township].some((s) => s.toLowerCase().includes(search))),
      );
  },

  // the registry screen paints these rows at once, then fills the tiers from 'units.tiers'
  'units.rows': (ctx, { kind }) => {
    const rows = stmt(ctx.db, UNIT_ROWS_SQL).raw(true).all() as UnitRowTuple[];
    return kind === undefined ? rows : rows.filter((r) => r[4] === kind);
  },

  'units.head': (ctx, { limit }) => ({
    total: (stmt(ctx.db, 'SELECT count(*) FROM units').pluck().get() as number),
    rows: stmt(ctx.db, `${UNIT_ROWS_SQL} LIMIT ?`).raw(true).all(limit) as UnitRowTuple[],
  }),

  'units.tiers': (ctx, q) => {
    const on = q.on ?? today(ctx);
    // every unit's timeline is ~1.6 s at 50,000 units: kept until the next write or another day
    return keptUntilWrite(ctx.db, 'units.tiers', on, () => {
      // [tier, number of re-assessments due] by unit id: compact, for tens of thousands of units
      const tiers: Record<string, [Tier | null, number]> = {};
      for (const [id, t] of allTimelines(ctx.db, on)) tiers[id] = [t.tier, t.due.length];
      return { on, tiers };
    });
  },

  'units.get': (ctx, { id, on }) => {
    const unit = requireUnit(ctx, id);
    const date = on ?? today(ctx);
    const origin = originOf(ctx, id);
    return {
      unit,
      origin,
      readOnly: origin !== '',
      assessedByCity: assessedByCity(unit.ownership),
      timeline: unitTimeline(ctx.db, id, date),
      officials: officialHistory(ctx.db, id),
      assessments: listAssessments(ctx.db, id),
      events: listEvents(ctx.db, id),
      inspections: inspectionsOf(ctx, id),
      flags: flagsOf(ctx, unit, date),
    };
  },

  'units.create': (ctx, rec) =>
    write(ctx, () => {
      if (getUnit(ctx.db, rec.id) !== undefined) {
        throw new ServiceError(`单位编号「${rec.id}」已存在`, [{ path: ['id'], message: '已存在' }]);
      }
      checkPond(ctx, rec);
      saveUnit(ctx.db, rec, nowIso(ctx), today(ctx));
      audit(ctx, { action: '新增单位', entity: 'unit', entityId: rec.id, new: rec });
      return { id: rec.id };
    }),

  'units.update': (ctx, rec) =>
    write(ctx, () => {
      const old = requireLocal(ctx, rec.id);
      if (old.kind !== rec.kind) {
        const n = listAssessments(ctx.db, rec.id).filter((a) => a.status === 'confirmed').length;
        if (n > 0) throw new ServiceError(`单位已有 ${n} 次确认的评估，不能更改类型`, [{ path: ['kind'], message: '已有评估，不能更改类型' }]);
      }
      checkPond(ctx, rec);
      saveUnit(ctx.db, rec, nowIso(ctx), today(ctx));
      const diff = diffRecords(old, getUnit(ctx.db, rec.id) as UnitRecord);
      if (diff) audit(ctx, { action: '修改单位', entity: 'unit', entityId: rec.id, ...diff });
      return { id: rec.id, changed: diff !== null };
    }),

  'units.import': async (ctx, { file }) => {
    const fixed = getMeta(ctx.db, 'counties_fixed') === '1';
    const read = await readRegistryXlsx(file, { existingUnits: unitKinds(ctx.db), ...(fixed ? { counties: listCounties(ctx.db) } : {}) });
    if (read.errors.length > 0) {
      throw new ServiceError(
        `台账文件有 ${read.errors.length} 处错误，未导入任何单位`,
        read.errors.map((message) => ({ path: [], message })),
      );
    }
    return write(ctx, () => {
      let created = 0;
      let updated = 0;
      const at = nowIso(ctx);
      const day = today(ctx);
      for (const { record } of read.rows) {
        const old = saveUnit(ctx.db, record, at, day);
        if (old === undefined) {
          created++;
          audit(ctx, { action: '导入新增单位', entity: 'unit', entityId: record.id, new: record });
        } else {
          const diff = diffRecords(old, getUnit(ctx.db, record.id) as UnitRecord);
          if (diff) {
            updated++;
            audit(ctx, { action: '导入更新单位', entity: 'unit', entityId: record.id, ...diff });
          }
        }
      }
      return { created, updated, unchanged: read.rows.length - created - updated, ignoredColumns: read.ignoredColumns };
    });
  },

  'units.export': async (ctx, { file }) => {
    const { rows } = await writeRegistryXlsx(allUnits(ctx.db), file);
    return { out: file, rows };
  },

  'officials.assign': (ctx, o) =>
    write(ctx, () => {
      requireLocal(ctx, o.unitId);
      const old = currentOfficial(ctx.db, o.unitId);
      const changed = assignOfficial(ctx.db, o.unitId, { name: o.name, post: o.post, phone: o.phone }, o.from);
      if (changed) {
        audit(ctx, {
          action: '更换包保责任人',
          entity: 'unit',
          entityId: o.unitId,
          old: old ? { name: old.name, post: old.post, phone: old.phone } : null,
          new: { name: o.name, post: o.post, phone: o.phone, from: o.from },
        });
      }
      return { changed };
    }),

  'tables.list': (ctx) => {
    const used = ctx.db
      .prepare("SELECT table_id AS id, table_version AS version, count(*) AS n FROM assessments WHERE status = 'confirmed' AND table_id IS NOT NULL GROUP BY table_id, table_version")
      .all() as { id: string; version: string; n: number }[];
    return listTableSets(ctx.db).map((t) => ({ ...t, assessments: used.find((u) => u.id === t.id && u.version === t.version)?.n ?? 0 }));
  },

  'tables.import': (ctx, { tableSet }) =>
    write(ctx, () => {
      const { set, stored } = storeTableSet(ctx.db, tableSet, nowIso(ctx));
      if (stored) audit(ctx, { action: '导入评分表', entity: 'table_set', entityId: `${set.id}@${set.version}`, new: { id: set.id, version: set.version, official: set.official } });
      return { id: set.id, version: set.version, stored };
    }),

  'tables.get': (ctx, { id, version }) => {
    const t = loadTableRegistry(ctx.db).get(id, version);
    if (t === undefined) throw new ServiceError(`没有评分表 ${id} 版本 ${version}`);
    return t;
  },

  /** What recording `event` would do to the unit's tier and what is due — nothing is written. */
  'units.preview': (ctx, { unitId, event, on }) => {
    requireUnit(ctx, unitId);
    const e = parseEvent(event);
    const c = unitCaseFromDb(ctx.db, unitId);
    const date = on ?? (today(ctx) > e.date ? today(ctx) : e.date);
    return {
      before: timeline(c, date),
      after: timeline({ ...c, events: [...c.events, { ...e, ref: `event:${listEvents(ctx.db, unitId).length}` }] }, date),
    };
  },

  'assessments.saveDraft': (ctx, { unitId, ref, sheet, assessors }) =>
    write(ctx, () => {
      const unit = requireLocal(ctx, unitId);
      const { checked, result } = gradeForUnit(ctx, unit, sheet);
      const existing = ref === undefined ? undefined : getAssessment(ctx.db, unitId, ref);
      if (existing?.status === 'confirmed') throw new ServiceError(`评估「${ref}」已确认，不能修改；请新建一次评估`);
      const r = ref ?? nextRef(ctx, unitId, checked.sheet.assessedOn);
      const row = {
        unit_id: unitId,
        ref: r,
        assessed_on: checked.sheet.assessedOn,
        table_id: checked.sheet.table.id,
        table_version: checked.sheet.table.version,
        sheet: JSON.stringify(checked.sheet),
        assessors: JSON.stringify(assessors),
        at: nowIso(ctx),
      };
      if (existing) {
        ctx.db
          .prepare('UPDATE assessments SET assessed_on=@assessed_on, table_id=@table_id, table_version=@table_version, sheet=@sheet, assessors=@assessors WHERE unit_id=@unit_id AND ref=@ref')
          .run(row);
        audit(ctx, { action: '修改评估草稿', entity: 'assessment', entityId: `${unitId}/${r}`, old: existing.sheet, new: checked.sheet });
      } else {
        ctx.db
          .prepare(
            "INSERT INTO assessments (unit_id, ref, status, assessed_on, table_id, table_version, sheet, assessors, created_at) VALUES (@unit_id, @ref, 'draft', @assessed_on, @table_id, @table_version, @sheet, @assessors, @at)",
          )
          .run(row);
        audit(ctx, { action: '保存评估草稿', entity: 'assessment', entityId: `${unitId}/${r}`, new: checked.sheet });
      }
      return { ref: r, result };
    }),

  'assessments.confirm': (ctx, { unitId, ref }) =>
    write(ctx, () => {
      const unit = requireLocal(ctx, unitId);
      const draft = getAssessment(ctx.db, unitId, ref);
      if (draft === undefined) throw new ServiceError(`没有评估「${ref}」`);
      if (draft.status === 'confirmed') throw new ServiceError(`评估「${ref}」已经确认`);
      const { result, supersedes } = gradeForUnit(ctx, unit, draft.sheet);
      if (draft.assessors.length === 0) throw new ServiceError('确认评估前请填写评估人员', [{ path: ['assessors'], message: '至少一名评估人员' }]);
      ctx.db
        .prepare("UPDATE assessments SET status='confirmed', result=?, tier=?, clause=?, score=?, supersedes=?, confirmed_at=? WHERE seq=?")
        .run(JSON.stringify(result), result.tier, result.directD[0] ?? 'R16', result.score, supersedes, nowIso(ctx), draft.seq);
      audit(ctx, { action: '确认评估', entity: 'assessment', entityId: `${unitId}/${ref}`, new: { tier: result.tier, score: result.score, directD: result.directD } });
      return { ref, result };
    }),

  'assessments.recordManual': (ctx, a) =>
    write(ctx, () => {
      const unit = requireLocal(ctx, a.unitId);
      if (unit.kind !== 'other') {
        throw new ServiceError(`「${KIND_NAMES[unit.kind]}」应按评分表评估；只有地热、矿泉水等无评分表的单位人工定级（D6）`);
      }
      const ref = a.ref ?? nextRef(ctx, a.unitId, a.date);
      if (getAssessment(ctx.db, a.unitId, ref)) throw new ServiceError(`评估编号「${ref}」已存在`);
      insertConfirmed(ctx.db, {
        unitId: a.unitId,
        ref,
        assessedOn: a.date,
        assessors: a.assessors,
        createdAt: nowIso(ctx),
        manual: { tier: a.tier, basis: a.basis },
        supersedes: latestConfirmed(ctx.db, a.unitId)?.seq ?? null,
      });
      audit(ctx, { action: '人工定级', entity: 'assessment', entityId: `${a.unitId}/${ref}`, new: { tier: a.tier, basis: a.basis, date: a.date } });
      return { ref };
    }),

  'events.record': (ctx, { unitId, event, note }) =>
    write(ctx, () => {
      requireLocal(ctx, unitId);
      const e = parseEvent(event);
      const seq = insertEvent(ctx.db, unitId, e, { note, at: nowIso(ctx) });
      audit(ctx, { action: '记录事件', entity: 'event', entityId: `${unitId}/${seq}`, new: { ...e, note } });
      return { seq, timeline: unitTimeline(ctx.db, unitId, today(ctx) > e.date ? today(ctx) : e.date) };
    }),

  'events.void': (ctx, { unitId, seq, reason }) =>
    write(ctx, () => {
      const ev = listEvents(ctx.db, unitId).find((e) => e.seq === seq);
      if (ev === undefined) throw new ServiceError(`单位「${unitId}」没有序号为 ${seq} 的事件`);
      if (ev.voidedAt !== null) throw new ServiceError('该事件已作废');
      ctx.db.prepare('UPDATE events SET voided_at = ?, void_reason = ? WHERE seq = ?').run(nowIso(ctx), reason, seq);
      audit(ctx, { action: '作废事件', entity: 'event', entityId: `${unitId}/${seq}`, old: { date: ev.date, type: ev.type }, new: { voided: true, reason } });
      return { seq };
    }),

  'inspections.record': (ctx, i) =>
    write(ctx, () => {
      requireLocal(ctx, i.unitId);
      const at = nowIso(ctx);
      const id = Number(
        ctx.db
          .prepare('INSERT INTO inspections (unit_id, date, kind, inspectors, findings, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(i.unitId, i.date, i.kind, JSON.stringify(i.inspectors), i.findings, at).lastInsertRowid,
      );
      for (const h of i.hazards) {
        ctx.db.prepare('INSERT INTO hazards (inspection_id, description, rectify_by) VALUES (?, ?, ?)').run(id, h.description, h.rectifyBy ?? null);
      }
      // R18.2–3, D2: major hazards found by enforcement or special inspections count toward the year.
      let eventSeq: number | null = null;
      if (i.hazards.length > 0 && i.kind !== '日常检查') {
        eventSeq = insertEvent(ctx.db, i.unitId, { date: i.date, type: 'major-hazard', count: i.hazards.length }, { note: `${i.kind}发现重大事故隐患`, inspectionId: id, at });
      }
      audit(ctx, { action: '记录检查', entity: 'inspection', entityId: `${i.unitId}/${id}`, new: i });
      return { id, eventSeq, timeline: unitTimeline(ctx.db, i.unitId, today(ctx) > i.date ? today(ctx) : i.date) };
    }),

  'hazards.update': (ctx, h) =>
    write(ctx, () => {
      const old = ctx.db.prepare('SELECT id, rectified_on AS rectifiedOn, closed_on AS closedOn FROM hazards WHERE id = ?').get(h.hazardId) as
        | { id: number; rectifiedOn: string | null; closedOn: string | null }
        | undefined;
      if (old === undefined) throw new ServiceError(`没有编号为 ${h.hazardId} 的隐患`);
      const next = { rectifiedOn: h.rectifiedOn ?? old.rectifiedOn, closedOn: h.closedOn ?? old.closedOn };
      ctx.db.prepare('UPDATE hazards SET rectified_on = ?, closed_on = ? WHERE id = ?').run(next.rectifiedOn, next.closedOn, h.hazardId);
      audit(ctx, { action: '隐患整改销号', entity: 'hazard', entityId: String(h.hazardId), old, new: next });
      return next;
    }),

  'cases.record': (ctx, { unitCase }) =>
    write(ctx, () => {
      const c = parseUnitCase(unitCase, loadTableRegistry(ctx.db), []);
      const unit = requireLocal(ctx, c.unit.id);
      if (unit.kind !== c.unit.kind) {
        throw new ServiceError(`台账中单位「${unit.id}」的类型为「${KIND_NAMES[unit.kind]}」，与案例中的「${KIND_NAMES[c.unit.kind]}」不一致`, [
          { path: ['unit', 'kind'], message: '与台账不一致' },
        ]);
      }
      const at = nowIso(ctx);
      for (const a of c.assessments) {
        if (getAssessment(ctx.db, unit.id, a.id)) throw new ServiceError(`单位「${unit.id}」已有评估「${a.id}」`, [{ path: ['assessments'], message: `评估「${a.id}」已存在` }]);
        insertConfirmed(ctx.db, {
          unitId: unit.id,
          ref: a.id,
          assessedOn: a.date,
          assessors: [],
          createdAt: at,
          ...(a.result && a.sheet ? { graded: { sheet: a.sheet, result: a.result } } : { manual: { tier: a.tier, basis: a.basis ?? '' } }),
          supersedes: latestConfirmed(ctx.db, unit.id)?.seq ?? null,
        });
        audit(ctx, { action: '录入评估', entity: 'assessment', entityId: `${unit.id}/${a.id}`, new: { tier: a.tier, clause: a.clause, date: a.date } });
      }
      for (const e of c.events) {
        const seq = insertEvent(ctx.db, unit.id, e, { at });
        audit(ctx, { action: '记录事件', entity: 'event', entityId: `${unit.id}/${seq}`, new: e });
      }
      return { assessments: c.assessments.length, events: c.events.length };
    }),

  // every unit's timeline, as for 'units.tiers': kept until the next write or another day
  'dashboard.get': (ctx, { on }) => {
    const date = on ?? today(ctx);
    return keptUntilWrite(ctx.db, 'dashboard.get', date, () => dashboard(ctx, date));
  },

  'reports.export': (ctx, o) =>
    exportReport(ctx.db, {
      report: o.report,
      out: o.file,
      today: today(ctx),
      ...(o.year !== undefined ? { year: o.year } : {}),
      ...(o.unit !== undefined ? { unit: o.unit } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.rate !== undefined ? { rate: o.rate } : {}),
      ...(o.size !== undefined ? { size: o.size } : {}),
    }),

  'audit.verify': (ctx) => verifyAudit(ctx.db),

  'packages.export': (ctx, { file, year }) => exportPackage(ctx.db, { out: file, year, now: ctx.now(), operator: operatorOf(ctx) }),

  'packages.import': (ctx, { file }) => importPackage(ctx.db, file, { now: ctx.now(), operator: operatorOf(ctx) }),

  'city.progress': (ctx, { on }) => cityProgress(ctx.db, on ?? today(ctx)),
} satisfies { [C in Channel]: Handler<C> };

/** 工作台: counts by tier and kind, what is due, C/D inspections missing, licences, officials, calendar. */
function dashboard(ctx: ServiceContext, on: string) {
  const units = allUnits(ctx.db);
  const timelines = allTimelines(ctx.db, on);
  const byTier: Record<string, number> = { A: 0, B: 0, C: 0, D: 0, none: 0 };
  const byKind: Record<string, Record<string, number>> = {};
  const year = Number(on.slice(0, 4));
  const month = Number(on.slice(5, 7));
  const quarter = Math.ceil(month / 3);
  const qStart = dayjs(`${year}-01-01`).add((quarter - 1) * 3, 'month').format('YYYY-MM-DD');
  const hStart = month <= 6 ? `${year}-01-01` : `${year}-07-01`;
  const inspected = ctx.db.prepare('SELECT unit_id AS id, max(date) AS last FROM inspections WHERE date <= ? GROUP BY unit_id').all(on) as { id: string; last: string }[];
  const lastInspection = new Map(inspected.map((r) => [r.id, r.last]));
  const due: { unit: string; name: string; clause: string; due: string }[] = [];
  const inspectionsMissing: { unit: string; name: string; tier: Tier; period: string }[] = [];
  const missingOfficial: { unit: string; name: string }[] = [];
  const licences: { unit: string; name: string; message: string; level: string }[] = [];
  for (const u of units) {
    const t = timelines.get(u.id);
    const tier = t?.tier ?? null;
    byTier[tier ?? 'none'] = (byTier[tier ?? 'none'] ?? 0) + 1;
    const k = (byKind[u.kind] ??= { A: 0, B: 0, C: 0, D: 0, none: 0 });
    k[tier ?? 'none'] = (k[tier ?? 'none'] ?? 0) + 1;
    for (const d of t?.due ?? []) due.push({ unit: u.id, name: u.name, clause: d.clause, due: d.due });
    const last = lastInspection.get(u.id);
    if (tier === 'D' && (last === undefined || last < qStart)) inspectionsMissing.push({ unit: u.id, name: u.name, tier, period: `${year}-Q${quarter}` });
    if (tier === 'C' && (last === undefined || last < hStart)) inspectionsMissing.push({ unit: u.id, name: u.name, tier, period: `${year}-H${month <= 6 ? 1 : 2}` });
    if ((u.kind === 'underground' || u.kind === 'tailings') && u.officialName === undefined) missingOfficial.push({ unit: u.id, name: u.name });
    for (const f of unitFlags({ unit: u, events: [], hazards: [], hasOfficial: true, today: on }).filter((x) => x.code === 'licence')) {
      licences.push({ unit: u.id, name: u.name, message: f.message, level: f.level });
    }
  }
  due.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  // N2: the county's report of changes by 10 March, the city's announcement by the end of March.
  const reportBy = on <= `${year}-03-10` ? `${year}-03-10` : `${year + 1}-03-10`;
  const announceBy = on <= `${year}-03-31` ? `${year}-03-31` : `${year + 1}-03-31`;
  return {
    on,
    total: units.length,
    byTier,
    byKind: byKind as Record<KindId, Record<string, number>>,
    due,
    inspectionsMissing,
    missingOfficial,
    licences,
    calendar: [
      { date: reportBy, duty: `上报 ${Number(reportBy.slice(0, 4)) - 1} 年度风险等级调整情况（N2：次年3月10日前）` },
      { date: announceBy, duty: `市局集中公告 ${Number(announceBy.slice(0, 4)) - 1} 年度调整情况（N2：次年3月底前）` },
    ],
  };
}

