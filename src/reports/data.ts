/**
 * The rows of every report, read from the database and worked out by the rules engine. The
 * builders (xlsx and PDF) only lay these out, so an xlsx and a PDF of the same report always say
 * the same thing.
 */
import dayjs from 'dayjs';
import { getMeta } from '../../db/meta';
import { allTimelines, allUnitCases, getAssessment, latestConfirmed, listEvents, unitTimeline, type Assessment } from '../../db/records';
import { loadTableRegistry } from '../../db/tables';
import { allUnits, currentOfficial, getUnit, unitSummaries, type UnitSummary } from '../../db/units';
import { jsonRows } from '../../db/stmt';
import type { Db } from '../../db/connection';
import { DbError } from '../../db/errors';
import { TIER_NAMES, compareIds, type KindId, type Tier } from '../domain/rules';
import { concentratorTimeline } from '../engine/concentrator';
import { plan as planOf, type Requirement } from '../engine/plan';
import { fullHistory, timeline, type HistoryEntry } from '../engine/timeline';
import { grade, type GradeResult } from '../engine/grade';
import { parseSheet } from '../engine/sheet';
import { assessedByCity, type UnitRecord } from '../registry/unit';
import type { Item, KindTable } from '../tables/schema';

/** The dimension columns of 附表7, in R16's order (R8: not every kind has every one). */
export const DIMENSION_COLUMNS = ['固有风险', '安全设备设施', '安全生产管理', '从业人员素质', '项目部管理', '正向激励'] as const;

/** County names sort as Chinese readers expect (pinyin order); ids by code point (CLI.md). */
const zh = new Intl.Collator('zh-CN');
export const compareCounties = (a: string, b: string): number => zh.compare(a, b);

/** Riskiest first: the order lists are grouped in. */
export const TIER_ORDER: (Tier | null)[] = ['D', 'C', 'B', 'A', null];

export function tierLabel(t: Tier | null): string {
  return t === null ? '未定级' : `${t}级（${TIER_NAMES[t]}）`;
}

export interface ReportContext {
  bureau: string;
  level: 'county' | 'city';
  /** The date the lists are as of: 31 December of the year, or today. */
  on: string;
  year: number;
  generatedOn: string;
}

export function reportContext(db: Db, year: number | undefined, today: string): ReportContext {
  const on = year === undefined ? today : `${year}-12-31`;
  return {
    bureau: getMeta(db, 'bureau') ?? '',
    level: (getMeta(db, 'level') ?? 'county') as 'county' | 'city',
    on,
    year: year ?? Number(today.slice(0, 4)),
    generatedOn: today,
  };
}

const CLAUSE_CAUSES: Record<string, string> = {
  R16: '评分定级',
  D6: '人工定级',
  'R18.1': '亡人事故或列入“黑名单”，直接升为D级',
  'R18.2': '年度内发现2条重大事故隐患，升1级',
  'R18.3': '年度内发现3条及以上重大事故隐患，升级',
};

/** In words: why the tier changed (the clause, and the assessment or event behind it). */
export function causeOf(h: HistoryEntry, eventTypes: Map<string, string>): string {
  if (h.clause.startsWith('R17.')) return `初次评估直接判定D级（${h.clause}）`;
  const base = CLAUSE_CAUSES[h.clause] ?? h.clause;
  if (h.clause === 'R18.1') {
    const type = eventTypes.get(h.source.replace(/^.*\//, ''));
    return type === 'blacklist' ? '列入安全生产“黑名单”，直接升为D级' : type === 'fatal-accident' ? '发生亡人事故，直接升为D级' : base;
  }
  return base;
}

// ---------------------------------------------------------------------------------------------

export interface UnitRow extends Omit<UnitSummary, 'pondId'> {
  assessedByCity: boolean;
  tier: Tier | null;
  /** The history entry that set the tier in force. */
  since: string;
  clause: string;
  score: number | null;
  /** Scored with a provisional (reference) table set. */
  provisional: boolean;
  /** D6: tier set by hand. */
  byHand: boolean;
}

export interface TierList {
  ctx: ReportContext;
  rows: UnitRow[];
  /** counts[tier or 'none'][kind] */
  counts: Record<string, Partial<Record<KindId, number>>>;
}

interface LatestScore {
  score: number | null;
  provisional: boolean;
  byHand: boolean;
}

/** Every unit's latest confirmed assessment, in one query (no sheet or result parsed). */
function latestScores(db: Db): Map<string, LatestScore> {
  const official = tableOfficialMap(db);
  // SQLite: in a query with max(), the bare columns come from the row holding the maximum — here
  // the latest assessment by date, then by order of confirming; read from the covering index.
  const rows = jsonRows<[string, number | null, string | null, string | null]>(
    db,
    `SELECT json_group_array(json_array(unit_id, score, table_id, table_version)) FROM
       (SELECT unit_id, score, table_id, table_version, max(assessed_on || printf('%015d', seq))
          FROM assessments INDEXED BY assessments_case WHERE status = 'confirmed' GROUP BY unit_id)`,
  );
  const latest = new Map<string, LatestScore>();
  for (const [unitId, score, tableId, tableVersion] of rows) {
    latest.set(unitId, { score, provisional: tableId !== null && !(official.get(`${tableId}@${tableVersion}`) ?? false), byHand: tableId === null });
  }
  return latest;
}

function tableOfficialMap(db: Db): Map<string, boolean> {
  return new Map(loadTableRegistry(db).list().map((t) => [`${t.id}@${t.version}`, t.official]));
}

/** Every unit with its tier in force on the context's date, grouped by tier (riskiest first) then county. */
export function tierList(db: Db, ctx: ReportContext): TierList {
  const timelines = allTimelines(db, ctx.on);
  const latest = latestScores(db);
  const none: LatestScore = { score: null, provisional: false, byHand: false };
  const summaries = unitSummaries(db);
  const rows = new Array<UnitRow>(summaries.length);
  for (let i = 0; i < summaries.length; i++) {
    const u = summaries[i] as UnitSummary;
    const t = timelines.get(u.id);
    const last = t?.history[t.history.length - 1];
    const s = latest.get(u.kind === 'concentrator' && u.pondId ? u.pondId : u.id) ?? none;
    // every field written out: a copy by spreading is several times slower for 50,000 rows
    rows[i] = {
      id: u.id,
      name: u.name,
      enterprise: u.enterprise,
      kind: u.kind,
      kindLabel: u.kindLabel,
      county: u.county,
      township: u.township,
      status: u.status,
      ownership: u.ownership,
      assessedByCity: assessedByCity(u.ownership),
      tier: t?.tier ?? null,
      since: last?.date ?? '',
      clause: last?.clause ?? '',
      score: s.score,
      provisional: s.provisional,
      byHand: s.byHand,
    };
  }
  // rows come in id order; sorted by tier, then county (ranked once), then that order: each row's
  // key computed once, not at every comparison
  const countyRank = new Map([...new Set(rows.map((r) => r.county))].sort(compareCounties).map((c, i) => [c, i]));
  const n = rows.length;
  const keys = new Float64Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as UnitRow;
    keys[i] = (TIER_ORDER.indexOf(r.tier) * countyRank.size + (countyRank.get(r.county) as number)) * n + i;
    order[i] = i;
  }
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number));
  const sorted = order.map((i) => rows[i] as UnitRow);
  const counts: TierList['counts'] = {};
  for (const r of sorted) {
    const k = (counts[r.tier ?? 'none'] ??= {});
    k[r.kind] = (k[r.kind] ?? 0) + 1;
  }
  return { ctx, rows: sorted, counts };
}

// ---------------------------------------------------------------------------------------------

export interface AdjustmentRow {
  id: string;
  name: string;
  county: string;
  kind: KindId;
  kindLabel: string;
  oldTier: Tier | null;
  newTier: Tier;
  date: string;
  clause: string;
  cause: string;
  source: string;
}

/** N2: every change of tier dated in the year, with the tier before it. */
export function adjustments(db: Db, ctx: ReportContext): AdjustmentRow[] {
  const { cases, ponds } = allUnitCases(db);
  const units = new Map(allUnits(db).map((u) => [u.id, u]));
  const out: AdjustmentRow[] = [];
  const from = `${ctx.year}-01-01`;
  const to = `${ctx.year}-12-31`;
  const histories = new Map<string, HistoryEntry[]>();
  for (const [id, c] of cases) if (c.unit.kind !== 'concentrator') histories.set(id, fullHistory(c));
  for (const [id, c] of cases) {
    if (c.unit.kind !== 'concentrator') continue;
    const pond = ponds.get(id);
    const h = pond ? histories.get(pond) : undefined;
    histories.set(id, h ? concentratorTimeline(id, { unit: pond as string, tier: null, history: h, due: [] }).history : []);
  }
  for (const [id, history] of histories) {
    const u = units.get(id) as UnitRecord;
    const types = new Map(listEvents(db, u.kind === 'concentrator' && u.pondId ? u.pondId : id).map((e) => [e.ref, e.type]));
    let prev: Tier | null = null;
    for (const h of history) {
      if (h.date >= from && h.date <= to && h.tier !== prev) {
        out.push({ id, name: u.name, county: u.county, kind: u.kind, kindLabel: u.kindLabel, oldTier: prev, newTier: h.tier, date: h.date, clause: h.clause, cause: causeOf(h, types), source: h.source });
      }
      prev = h.tier;
    }
  }
  out.sort((a, b) => compareCounties(a.county, b.county) || compareIds(a.id, b.id) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface AssessmentReportRow {
  id: string;
  name: string;
  enterprise: string;
  kind: KindId;
  kindLabel: string;
  township: string;
  status: string;
  assessed: boolean;
  initialScore: number | null;
  /** Applied points by dimension name (DIMENSION_COLUMNS); absent where the kind has none. */
  dimensions: Partial<Record<(typeof DIMENSION_COLUMNS)[number], number>>;
  score: number | null;
  scoreTier: Tier | null;
  directD: string;
  tier: Tier | null;
  assessedOn: string;
  assessors: string;
  tableVersion: string;
  provisional: boolean;
  byHand: boolean;
}

/** 附表7: per unit its latest confirmed assessment on or before the context's date. */
export function assessmentReport(db: Db, ctx: ReportContext): { rows: AssessmentReportRow[]; totals: Record<string, number> } {
  const official = tableOfficialMap(db);
  const rows = allUnits(db).map((u): AssessmentReportRow => {
    const a = latestOnOrBefore(db, u.id, ctx.on);
    const r = a?.result ?? null;
    const dims: AssessmentReportRow['dimensions'] = {};
    for (const d of r?.dimensions ?? []) dims[d.name as (typeof DIMENSION_COLUMNS)[number]] = d.applied;
    return {
      id: u.id,
      name: u.name,
      enterprise: u.enterprise,
      kind: u.kind,
      kindLabel: u.kindLabel,
      township: u.township ?? '',
      status: u.status,
      assessed: a !== undefined,
      initialScore: r?.initialScore ?? null,
      dimensions: dims,
      score: r?.score ?? null,
      scoreTier: r?.scoreTier ?? null,
      directD: r?.directD.join('、') ?? '',
      tier: a?.tier ?? null,
      assessedOn: a?.assessedOn ?? '',
      assessors: a?.assessors.join('、') ?? '',
      tableVersion: a?.table ? `${a.table.id} ${a.table.version}` : a ? '人工定级（D6）' : '',
      provisional: a?.table ? !(official.get(`${a.table.id}@${a.table.version}`) ?? false) : false,
      byHand: a !== undefined && a.table === null,
    };
  });
  const totals: Record<string, number> = { A: 0, B: 0, C: 0, D: 0, none: 0 };
  for (const r of rows) totals[r.tier ?? 'none'] = (totals[r.tier ?? 'none'] ?? 0) + 1;
  return { rows, totals };
}

function latestOnOrBefore(db: Db, unitId: string, on: string): Assessment | undefined {
  const row = db
    .prepare("SELECT ref FROM assessments WHERE unit_id = ? AND status = 'confirmed' AND assessed_on <= ? ORDER BY assessed_on DESC, seq DESC LIMIT 1")
    .get(unitId, on) as { ref: string } | undefined;
  return row === undefined ? undefined : getAssessment(db, unitId, row.ref);
}

// ---------------------------------------------------------------------------------------------

export interface OfficialRow {
  id: string;
  name: string;
  county: string;
  kind: KindId;
  kindLabel: string;
  tier: Tier | null;
  official: string;
  post: string;
  phone: string;
  missing: boolean;
}

/** R21, R22: every underground mine and tailings pond with its 包保责任人; units missing one first. */
export function officials(db: Db, ctx: ReportContext): OfficialRow[] {
  const timelines = allTimelines(db, ctx.on);
  const rows = allUnits(db)
    .filter((u) => u.kind === 'underground' || u.kind === 'tailings')
    .map((u) => {
      const o = currentOfficial(db, u.id);
      return {
        id: u.id,
        name: u.name,
        county: u.county,
        kind: u.kind,
        kindLabel: u.kindLabel,
        tier: timelines.get(u.id)?.tier ?? null,
        official: o?.name ?? '',
        post: o?.post ?? '',
        phone: o?.phone ?? '',
        missing: o === undefined,
      };
    });
  rows.sort((a, b) => Number(b.missing) - Number(a.missing) || compareCounties(a.county, b.county) || compareIds(a.id, b.id));
  return rows;
}

// ---------------------------------------------------------------------------------------------

export interface PlanRow {
  id: string;
  name: string;
  county: string;
  kindLabel: string;
  tier: Tier;
  period: string;
  periodLabel: string;
  min: number;
}

export interface PlanReport {
  year: number;
  requirements: PlanRow[];
  pool: { id: string; name: string; county: string; kindLabel: string; tier: Tier }[];
  draw: { seed: string; rate: number; drawn: string[] };
  ungraded: string[];
}

const PERIOD_LABELS: Record<string, string> = {
  H1: '上半年（1月—6月）',
  H2: '下半年（7月—12月）',
  Q1: '第一季度（1月—3月）',
  Q2: '第二季度（4月—6月）',
  Q3: '第三季度（7月—9月）',
  Q4: '第四季度（10月—12月）',
};

/** A small seeded generator (mulberry32): the same seed always gives the same draw (D10). */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** D10: draws ⌈rate × pool⌉ units from the pool (sorted by id first), reproducibly from the seed. */
export function drawSpotChecks(pool: readonly string[], rate: number, seed: string): string[] {
  const sorted = [...pool].sort(compareIds);
  const rnd = seededRandom(seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j] as string, sorted[i] as string];
  }
  return sorted.slice(0, Math.ceil(rate * sorted.length)).sort(compareIds);
}

/** R20, D10: the year's inspection requirements, the A/B pool and its recorded random draw. */
export function planReport(db: Db, year: number, opts: { seed?: string; rate?: number } = {}): PlanReport {
  const { cases, ponds } = allUnitCases(db);
  const units = new Map(allUnits(db).map((u) => [u.id, u]));
  // A concentrator's case is its pond's (R19): same assessments and events, its own id.
  const list = [...cases.values()].map((c) => {
    if (c.unit.kind !== 'concentrator') return c;
    const pond = ponds.get(c.unit.id);
    const pc = pond ? cases.get(pond) : undefined;
    return { unit: c.unit, assessments: pc?.assessments ?? [], events: pc?.events ?? [] };
  });
  const p = planOf(list, year);
  const describe = (r: Requirement): PlanRow => {
    const u = units.get(r.unit) as UnitRecord;
    const pid = r.period.slice(5);
    return { id: u.id, name: u.name, county: u.county, kindLabel: u.kindLabel, tier: r.tier, period: r.period, periodLabel: `${year}年${PERIOD_LABELS[pid] ?? pid}`, min: r.min };
  };
  const seed = opts.seed ?? `${year}`;
  const rate = opts.rate ?? 0.1;
  const yearEnd = `${year}-12-31`;
  const byId = new Map(list.map((c) => [c.unit.id, c]));
  const pool = p.spotCheckPool.map((id) => {
    const u = units.get(id) as UnitRecord;
    const t = timeline(byId.get(id) as (typeof list)[number], yearEnd);
    return { id, name: u.name, county: u.county, kindLabel: u.kindLabel, tier: (t.tier ?? 'A') as Tier };
  });
  return { year, requirements: p.requirements.map(describe), pool, draw: { seed, rate, drawn: drawSpotChecks(p.spotCheckPool, rate, seed) }, ungraded: p.ungraded };
}

// ---------------------------------------------------------------------------------------------

export interface NoticeData {
  unit: UnitRecord;
  tier: Tier | null;
  since: string;
  bureau: string;
  supervisor: string;
  supervisorPhone: string;
  official: { name: string; post: string; phone: string } | null;
  risks: { risk: string; measure: string }[];
  provisional: boolean;
  generatedOn: string;
}

/** What a deducted item says, in words: the item and the chosen deficiencies. */
export function deductionText(item: Item, answer: unknown): string {
  const r = item.rule;
  if ((r.type === 'choice' || r.type === 'multi') && answer !== undefined) {
    const ids = Array.isArray(answer) ? (answer as string[]) : [answer as string];
    const labels = r.options.filter((o) => ids.includes(o.id) && o.points > 0).map((o) => o.label);
    if (labels.length > 0) return `${item.name}：${labels.join('；')}`;
  }
  if (r.type === 'count') return `${item.name}：${r.label ?? '问题'} ${String(answer)} ${r.unit ?? '处'}`;
  if (r.type === 'bands') return `${item.name}：${r.label ?? ''}${String(answer)}${r.unit ?? ''}`;
  if (r.type === 'manual') return `${item.name}：${(answer as { note?: string }).note ?? ''}`;
  return item.name;
}

/** R23: the notice board of one unit. Main risks come from the latest assessment's deductions. */
export function noticeData(db: Db, unitId: string, ctx: ReportContext): NoticeData {
  return noticesData(db, [unitId], ctx)[0] as NoticeData;
}

/** R23 for many units at once (a county's batch print): one pass over the units and timelines. */
export function noticesData(db: Db, unitIds: readonly string[], ctx: ReportContext): NoticeData[] {
  const units = new Map<string, UnitRecord>();
  for (const id of unitIds) {
    const u = getUnit(db, id);
    if (u === undefined) throw new DbError(`单位编号「${id}」不在台账中`);
    units.set(id, u);
  }
  // A batch of notices reads its own units' timelines; printing for a whole city or province
  // reads every timeline at once, which is cheaper from a few thousand units on.
  const all = unitIds.length > 2000 ? allTimelines(db, ctx.on) : null;
  const tables = loadTableRegistry(db);
  return unitIds.map((unitId) => {
    const u = units.get(unitId) as UnitRecord;
    const t = all ? all.get(unitId) : unitTimeline(db, unitId, ctx.on);
    const official = currentOfficial(db, unitId);
    const scored = u.kind === 'concentrator' && u.pondId ? u.pondId : unitId;
    const a = latestConfirmed(db, scored);
    const risks: NoticeData['risks'] = [];
    let provisional = false;
    if (a?.result && a.table && a.sheet) {
      const ts = tables.get(a.table.id, a.table.version);
      provisional = ts ? !ts.official : false;
      const kt = ts?.kinds[a.sheet.kind] as KindTable | undefined;
      const items = new Map(kt?.dimensions.flatMap((d) => d.items.map((i) => [i.id, i] as const)) ?? []);
      const explained = ts ? explainedResult(a, tables) : a.result;
      const deducted = explained.dimensions
        .filter((d) => d.effect === 'deduct')
        .flatMap((d) => d.items.filter((i) => i.points > 0))
        .sort((x, y) => y.points - x.points)
        .slice(0, 6);
      for (const i of deducted) {
        const item = items.get(i.id);
        if (item) risks.push({ risk: deductionText(item, i.answer), measure: `对照${item.name}的标准限期整改，落实专人负责，整改完成后复查销号` });
      }
    }
    if (risks.length === 0) risks.push({ risk: '按本单位安全风险辨识清单管控', measure: '落实安全生产主体责任，执行安全风险分级管控和隐患排查治理双重预防机制' });
    return {
      unit: u,
      tier: t?.tier ?? null,
      since: t?.history[t.history.length - 1]?.date ?? '',
      bureau: ctx.bureau,
      supervisor: u.supervisor ?? ctx.bureau,
      supervisorPhone: u.supervisorPhone ?? '',
      official: official ? { name: official.name, post: official.post, phone: official.phone } : null,
      risks,
      provisional,
      generatedOn: ctx.generatedOn,
    };
  });
}

/** The full result with every item's explanation: re-graded from the stored sheet and table version (D8). */
export function explainedResult(a: Assessment, tables: ReturnType<typeof loadTableRegistry>): GradeResult {
  if (a.result && a.result.dimensions.every((d) => Array.isArray((d as { items?: unknown }).items))) return a.result;
  return grade(parseSheet(a.sheet, tables));
}

/** The unit's latest confirmed assessment with the exact table version it was scored with (D8). */
export function assessmentRecordData(db: Db, unitId: string) {
  const u = allUnits(db).find((x) => x.id === unitId);
  if (u === undefined) throw new DbError(`单位编号「${unitId}」不在台账中`);
  const a = latestConfirmed(db, unitId);
  if (a === undefined) throw new DbError(`单位「${unitId}」还没有确认的评估`);
  const ts = a.table ? loadTableRegistry(db).get(a.table.id, a.table.version) : undefined;
  return { unit: u, assessment: a, tableSet: ts ?? null, kindTable: (a.sheet && ts?.kinds[a.sheet.kind]) || null, bureau: getMeta(db, 'bureau') ?? '' };
}

export function todayOf(now: Date): string {
  return dayjs(now).format('YYYY-MM-DD');
}


// ---------------------------------------------------------------------------------------------

export interface StatisticsRow {
  county: string;
  kind: KindId;
  kindLabel: string;
  byTier: Record<'A' | 'B' | 'C' | 'D' | 'none', number>;
  total: number;
  /** Changes of tier in the year toward D, and toward A (N2). */
  up: number;
  down: number;
}

/** The city's statistics: per county and kind, counts by tier on the date and changes of the year. */
export function statistics(db: Db, ctx: ReportContext): StatisticsRow[] {
  const list = tierList(db, ctx);
  const changes = adjustments(db, ctx);
  const rows = new Map<string, StatisticsRow>();
  const rank = (t: Tier | null) => (t === null ? -1 : ['A', 'B', 'C', 'D'].indexOf(t));
  const rowOf = (county: string, kind: KindId) => {
    const key = `${county}\u0000${kind}`;
    let r = rows.get(key);
    if (!r) {
      r = { county, kind, kindLabel: kind, byTier: { A: 0, B: 0, C: 0, D: 0, none: 0 }, total: 0, up: 0, down: 0 };
      rows.set(key, r);
    }
    return r;
  };
  for (const u of list.rows) {
    const r = rowOf(u.county, u.kind);
    r.byTier[u.tier ?? 'none']++;
    r.total++;
  }
  for (const c of changes) {
    if (c.oldTier === null) continue;
    const r = rowOf(c.county, c.kind);
    if (rank(c.newTier) > rank(c.oldTier)) r.up++;
    else if (rank(c.newTier) < rank(c.oldTier)) r.down++;
  }
  const kindOrder = ['underground', 'openpit', 'tailings', 'quarry', 'exploration', 'contractor', 'concentrator', 'other'];
  return [...rows.values()].sort((a, b) => compareCounties(a.county, b.county) || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
}
