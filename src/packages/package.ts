/**
 * County → city and city → county data packages (docs/package-format.md). Export gathers what the
 * receiver needs into signed JSON parts; import checks everything first — every hash, count and
 * part, the signature, the sender's key, the date, the schema version, and that the tier history
 * recomputed here equals the sender's — and then replaces the sender's data in one transaction.
 * A package that fails any check is refused whole: nothing is imported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { appendAudit } from '../../db/audit';
import type { Db } from '../../db/connection';
import { DbError } from '../../db/errors';
import { SCHEMA_VERSION } from '../../db/migrate';
import { getMeta, setMeta } from '../../db/meta';
import { allUnitCases, insertEvent, type AssessmentRow } from '../../db/records';
import { storeTableSet } from '../../db/tables';
import { allUnits, officialHistory, saveUnit } from '../../db/units';
import { EVENT_TYPES, TIERS } from '../domain/rules';
import { fullHistory, type HistoryEntry } from '../engine/timeline';
import { assessedByCity, unitRecordSchema, type UnitRecord } from '../registry/unit';
import { parseTableSet } from '../tables/schema';
import { formatIssue, issuesFromZod, zhErrorMap } from '../validation/issues';
import {
  PACKAGE_FORMAT,
  PART_NAMES,
  manifestSchema,
  newKeyPair,
  partPath,
  sha256,
  signManifest,
  verifyManifest,
  type Direction,
  type Manifest,
  type PartName,
} from './format';

const APP = { name: '矿安分级', version: '0.1.0' };

// ---------------------------------------------------------------------------------------------
// Parts

const officialPart = z.object({ unitId: z.string(), name: z.string(), post: z.string(), phone: z.string(), from: z.string(), to: z.string().nullable() });
const assessmentPart = z.object({
  unitId: z.string(),
  ref: z.string(),
  assessedOn: z.string(),
  tableId: z.string().nullable(),
  tableVersion: z.string().nullable(),
  sheet: z.unknown(),
  result: z.unknown(),
  manualBasis: z.string().nullable(),
  tier: z.enum(TIERS),
  clause: z.string(),
  score: z.number().nullable(),
  assessors: z.array(z.string()),
  createdAt: z.string(),
  confirmedAt: z.string(),
});
const eventPart = z.object({
  unitId: z.string(),
  date: z.string(),
  type: z.enum(EVENT_TYPES),
  count: z.int().nullable(),
  grade: z.enum(['一级', '二级', '三级']).nullable(),
  note: z.string(),
  inspection: z.int().nullable(),
  createdAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
const inspectionPart = z.object({
  id: z.int(),
  unitId: z.string(),
  date: z.string(),
  kind: z.enum(['执法检查', '专项检查', '日常检查']),
  inspectors: z.array(z.string()),
  findings: z.string(),
  createdAt: z.string(),
  hazards: z.array(z.object({ description: z.string(), rectifyBy: z.string().nullable(), rectifiedOn: z.string().nullable(), closedOn: z.string().nullable() })),
});
const historyPart = z.object({ unit: z.string(), history: z.array(z.object({ date: z.string(), tier: z.enum(TIERS), clause: z.string(), source: z.string() })) });

const partSchemas = {
  units: z.array(unitRecordSchema),
  officials: z.array(officialPart),
  assessments: z.array(assessmentPart),
  events: z.array(eventPart),
  inspections: z.array(inspectionPart),
  'table-sets': z.array(z.unknown()),
  history: z.array(historyPart),
} satisfies Record<PartName, z.ZodType>;

type Parts = { [P in PartName]: z.output<(typeof partSchemas)[P]> };

// ---------------------------------------------------------------------------------------------
// Export

/** The bureau's signing key, made the first time it is needed and kept in its database. */
function signingKey(db: Db): { publicKey: string; privateKey: string } {
  const privateKey = getMeta(db, 'signing_key');
  const publicKey = getMeta(db, 'public_key');
  if (privateKey && publicKey) return { privateKey, publicKey };
  const k = newKeyPair();
  db.transaction(() => {
    setMeta(db, 'signing_key', k.privateKey);
    setMeta(db, 'public_key', k.publicKey);
  }).immediate();
  return k;
}

function collectParts(db: Db, units: UnitRecord[]): Parts {
  const ids = new Set(units.map((u) => u.id));
  const inUnits = <T extends { unit_id: string }>(rows: T[]): T[] => rows.filter((r) => ids.has(r.unit_id));
  const assessments = inUnits(db.prepare("SELECT * FROM assessments WHERE status = 'confirmed' ORDER BY seq").all() as AssessmentRow[]).map((a) => ({
    unitId: a.unit_id,
    ref: a.ref,
    assessedOn: a.assessed_on,
    tableId: a.table_id,
    tableVersion: a.table_version,
    sheet: a.sheet === null ? null : (JSON.parse(a.sheet) as unknown),
    result: a.result === null ? null : (JSON.parse(a.result) as unknown),
    manualBasis: a.manual_basis,
    tier: a.tier as (typeof TIERS)[number],
    clause: a.clause as string,
    score: a.score,
    assessors: JSON.parse(a.assessors) as string[],
    createdAt: a.created_at,
    confirmedAt: a.confirmed_at as string,
  }));
  type Ev = { unit_id: string; date: string; type: (typeof EVENT_TYPES)[number]; count: number | null; grade: '一级' | '二级' | '三级' | null; note: string; inspection_id: number | null; created_at: string; voided_at: string | null; void_reason: string | null };
  const events = inUnits(db.prepare('SELECT * FROM events ORDER BY seq').all() as Ev[]).map((e) => ({
    unitId: e.unit_id,
    date: e.date,
    type: e.type,
    count: e.count,
    grade: e.grade,
    note: e.note,
    inspection: e.inspection_id,
    createdAt: e.created_at,
    voidedAt: e.voided_at,
    voidReason: e.void_reason,
  }));
  type Ins = { id: number; unit_id: string; date: string; kind: '执法检查' | '专项检查' | '日常检查'; inspectors: string; findings: string; created_at: string };
  const hazards = db.prepare('SELECT inspection_id, description, rectify_by, rectified_on, closed_on FROM hazards ORDER BY id').all() as {
    inspection_id: number;
    description: string;
    rectify_by: string | null;
    rectified_on: string | null;
    closed_on: string | null;
  }[];
  const inspections = inUnits(db.prepare('SELECT * FROM inspections ORDER BY id').all() as Ins[]).map((i) => ({
    id: i.id,
    unitId: i.unit_id,
    date: i.date,
    kind: i.kind,
    inspectors: JSON.parse(i.inspectors) as string[],
    findings: i.findings,
    createdAt: i.created_at,
    hazards: hazards.filter((h) => h.inspection_id === i.id).map((h) => ({ description: h.description, rectifyBy: h.rectify_by, rectifiedOn: h.rectified_on, closedOn: h.closed_on })),
  }));
  const officials = units.flatMap((u) => officialHistory(db, u.id).map((o) => ({ unitId: u.id, name: o.name, post: o.post, phone: o.phone, from: o.from, to: o.to })));
  const tableSets = (db.prepare('SELECT json FROM table_sets ORDER BY stored_at, id, version').all() as { json: string }[]).map((r) => JSON.parse(r.json) as unknown);
  const { cases } = allUnitCases(db);
  const history = units
    .filter((u) => u.kind !== 'concentrator')
    .map((u) => ({ unit: u.id, history: fullHistory(cases.get(u.id) ?? { unit: { id: u.id, kind: u.kind }, assessments: [], events: [] }) }));
  return { units, officials, assessments, events, inspections, 'table-sets': tableSets, history };
}

export interface ExportResult {
  out: string;
  units: number;
  direction: Direction;
}

/**
 * A county exports all its own units; the city exports the units it assesses itself (R3) and
 * every table set it has (D8).
 */
export function exportPackage(db: Db, o: { out: string; year: number; now: Date; operator: string }): ExportResult {
  const level = (getMeta(db, 'level') ?? 'county') as 'county' | 'city';
  const direction: Direction = level === 'county' ? 'county-to-city' : 'city-to-county';
  const local = allUnits(db).filter((u) => (db.prepare('SELECT origin FROM units WHERE id = ?').get(u.id) as { origin: string }).origin === '');
  const units = level === 'county' ? local : local.filter((u) => assessedByCity(u.ownership));
  const parts = collectParts(db, units);
  const files: Record<string, Uint8Array> = {};
  const hashes = {} as Record<PartName, string>;
  const counts = {} as Record<PartName, number>;
  for (const p of PART_NAMES) {
    const bytes = strToU8(JSON.stringify(parts[p], null, 1));
    files[partPath(p)] = bytes;
    hashes[p] = sha256(bytes);
    counts[p] = parts[p].length;
  }
  const key = signingKey(db);
  const unsigned: Omit<Manifest, 'signature'> = {
    format: PACKAGE_FORMAT,
    direction,
    sender: { bureau: getMeta(db, 'bureau') ?? '', level, counties: [...new Set(units.map((u) => u.county))].sort() },
    year: o.year,
    createdAt: o.now.toISOString(),
    app: APP,
    schemaVersion: SCHEMA_VERSION,
    counts,
    parts: hashes,
    publicKey: key.publicKey,
  };
  const manifest: Manifest = { ...unsigned, signature: signManifest(unsigned, key.privateKey) };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 1));
  writeFileSync(o.out, zipSync(files, { level: 6 }));
  db.transaction(() => {
    appendAudit(db, { operator: o.operator, action: '导出数据包', entity: 'package', entityId: o.out, new: { direction, year: o.year, counts } }, o.now.toISOString());
  }).immediate();
  return { out: o.out, units: units.length, direction };
}

// ---------------------------------------------------------------------------------------------
// Import

function refuse(message: string): never {
  throw new DbError(`数据包被拒绝，未导入任何数据：${message}`);
}

/** Every check that needs no database: zip, manifest, parts, hashes, counts, signature. */
export function readPackage(file: string): { manifest: Manifest; parts: Parts; sha256: string } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    refuse(`无法读取文件 ${file}`);
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    refuse('文件已损坏或不是本软件的数据包（无法解压）');
  }
  const m = files['manifest.json'];
  if (m === undefined) refuse('缺少清单 manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(m));
  } catch {
    refuse('清单 manifest.json 不是有效的 JSON');
  }
  if ((raw as { schemaVersion?: unknown }).schemaVersion !== undefined && Number((raw as { schemaVersion: unknown }).schemaVersion) > SCHEMA_VERSION) {
    refuse(`数据包来自更新版本的软件（数据结构版本 ${String((raw as { schemaVersion: unknown }).schemaVersion)}，本软件只支持到 ${SCHEMA_VERSION}），请先升级软件`);
  }
  const parsed = manifestSchema.safeParse(raw, { error: zhErrorMap });
  if (!parsed.success) refuse(`清单格式不正确：${formatIssue(issuesFromZod(parsed.error)[0] ?? { path: [], message: '' })}`);
  const manifest = parsed.data;
  const expected = new Set(['manifest.json', ...PART_NAMES.map(partPath)]);
  for (const name of Object.keys(files)) if (!expected.has(name)) refuse(`含有清单之外的文件 ${name}`);
  const parts = {} as Record<PartName, unknown>;
  for (const p of PART_NAMES) {
    const data = files[partPath(p)];
    if (data === undefined) refuse(`缺少部分 ${partPath(p)}`);
    if (sha256(data) !== manifest.parts[p]) refuse(`部分 ${partPath(p)} 的 SHA-256 与清单不符（文件被改动或损坏）`);
    let json: unknown;
    try {
      json = JSON.parse(strFromU8(data));
    } catch {
      refuse(`部分 ${partPath(p)} 不是有效的 JSON`);
    }
    const r = partSchemas[p].safeParse(json, { error: zhErrorMap });
    if (!r.success) refuse(`部分 ${partPath(p)} 内容不正确：${formatIssue(issuesFromZod(r.error)[0] ?? { path: [], message: '' })}`);
    if (r.data.length !== manifest.counts[p]) refuse(`部分 ${partPath(p)} 有 ${r.data.length} 条，清单记为 ${manifest.counts[p]} 条`);
    parts[p] = r.data;
  }
  if (!verifyManifest(manifest)) refuse('签名无效：清单被改动，或不是由所署名的单位生成');
  return { manifest, parts: parts as Parts, sha256: sha256(bytes) };
}

export interface ImportResult {
  county: string;
  units: number;
  direction: Direction;
  replaced: number;
  /** Credit codes held by units of different bureaus: to be resolved, not merged. */
  conflicts: { creditCode: string; units: { id: string; origin: string }[] }[];
  /** city → county: units the county already records with its own assessments (left as they are). */
  skipped: string[];
  /** city → county: table versions new to this database. */
  newTables: string[];
}

export function creditCodeConflicts(db: Db): ImportResult['conflicts'] {
  const rows = db
    .prepare(
      `SELECT credit_code, id, origin FROM units WHERE credit_code IN (
         SELECT credit_code FROM units GROUP BY credit_code HAVING count(DISTINCT origin) > 1) ORDER BY credit_code, origin, id`,
    )
    .all() as { credit_code: string; id: string; origin: string }[];
  const out = new Map<string, { id: string; origin: string }[]>();
  for (const r of rows) out.set(r.credit_code, [...(out.get(r.credit_code) ?? []), { id: r.id, origin: r.origin || '本单位' }]);
  return [...out].map(([creditCode, units]) => ({ creditCode, units }));
}

function deleteOrigin(db: Db, origin: string): number {
  const ids = (db.prepare('SELECT id FROM units WHERE origin = ?').all(origin) as { id: string }[]).map((r) => r.id);
  const del = (sql: string) => db.prepare(sql).run(origin);
  del('DELETE FROM hazards WHERE inspection_id IN (SELECT i.id FROM inspections i JOIN units u ON u.id = i.unit_id WHERE u.origin = ?)');
  del('DELETE FROM events WHERE unit_id IN (SELECT id FROM units WHERE origin = ?)');
  del('DELETE FROM inspections WHERE unit_id IN (SELECT id FROM units WHERE origin = ?)');
  del('DELETE FROM assessments WHERE unit_id IN (SELECT id FROM units WHERE origin = ?)');
  del('DELETE FROM officials WHERE unit_id IN (SELECT id FROM units WHERE origin = ?)');
  del('DELETE FROM licences WHERE unit_id IN (SELECT id FROM units WHERE origin = ?)');
  db.prepare('UPDATE units SET pond_id = NULL WHERE origin = ?').run(origin);
  del('DELETE FROM units WHERE origin = ?');
  return ids.length;
}

function hasLocalRecords(db: Db, unitId: string): boolean {
  return (
    db.prepare("SELECT 1 FROM assessments WHERE unit_id = ? AND status = 'confirmed' UNION ALL SELECT 1 FROM events WHERE unit_id = ? LIMIT 1").get(unitId, unitId) !==
    undefined
  );
}

export function importPackage(db: Db, file: string, o: { now: Date; operator: string }): ImportResult {
  const { manifest, parts, sha256: fileHash } = readPackage(file);
  const level = (getMeta(db, 'level') ?? 'county') as 'county' | 'city';
  const origin = manifest.sender.bureau;
  if (manifest.direction === 'county-to-city' && level !== 'city') refuse('这是县级上报市局的数据包，只能由市级数据库导入');
  if (manifest.direction === 'city-to-county' && level !== 'county') refuse('这是市局下发县级的数据包，只能由县级数据库导入');
  if (origin === getMeta(db, 'bureau')) refuse('这是本单位自己导出的数据包');
  const at = o.now.toISOString();
  return db
    .transaction((): ImportResult => {
      const key = db.prepare('SELECT public_key FROM bureau_keys WHERE origin = ?').get(origin) as { public_key: string } | undefined;
      if (key && key.public_key !== manifest.publicKey) refuse(`「${origin}」的签名密钥与此前导入的数据包不同，无法确认来源；请与对方核实`);
      const last = db.prepare('SELECT created_at FROM packages WHERE origin = ? ORDER BY created_at DESC LIMIT 1').get(origin) as { created_at: string } | undefined;
      if (last && last.created_at >= manifest.createdAt) {
        refuse(`此数据包生成于 ${manifest.createdAt.slice(0, 10)}，不晚于已导入的「${origin}」数据包（生成于 ${last.created_at.slice(0, 10)}）；不能用旧数据覆盖新数据`);
      }
      const newTables: string[] = [];
      for (const t of parts['table-sets']) {
        const set = parseTableSet(t);
        const { stored } = storeTableSet(db, t, at);
        if (stored) newTables.push(`${set.id}@${set.version}`);
      }
      const replaced = deleteOrigin(db, origin);
      const skipped: string[] = [];
      const taken = new Set<string>();
      const counties = (db.prepare('SELECT name FROM counties').all() as { name: string }[]).map((c) => c.name);
      for (const u of parts.units) {
        const existing = db.prepare('SELECT origin FROM units WHERE id = ?').get(u.id) as { origin: string } | undefined;
        if (existing) {
          const who = existing.origin || '本单位';
          if (manifest.direction === 'county-to-city') refuse(`单位编号「${u.id}」已属于「${who}」，与「${origin}」的单位重复；请协调更正编号`);
          if (hasLocalRecords(db, u.id)) {
            skipped.push(u.id);
            continue;
          }
        }
        // D11: a county takes the city's units of its own counties only.
        if (manifest.direction === 'city-to-county' && counties.length > 0 && !counties.includes(u.county)) continue;
        saveUnit(db, { ...u, pondId: undefined }, at, at.slice(0, 10));
        db.prepare('UPDATE units SET origin = ? WHERE id = ?').run(origin, u.id);
        db.prepare('DELETE FROM officials WHERE unit_id = ?').run(u.id);
        taken.add(u.id);
      }
      for (const u of parts.units) if (taken.has(u.id) && u.pondId) db.prepare('UPDATE units SET pond_id = ? WHERE id = ?').run(u.pondId, u.id);
      for (const f of parts.officials.filter((x) => taken.has(x.unitId))) {
        db.prepare('INSERT INTO officials (unit_id, name, post, phone, from_date, to_date) VALUES (?, ?, ?, ?, ?, ?)').run(f.unitId, f.name, f.post, f.phone, f.from, f.to);
      }
      for (const a of parts.assessments.filter((x) => taken.has(x.unitId))) {
        db.prepare(
          `INSERT INTO assessments (unit_id, ref, status, assessed_on, table_id, table_version, sheet, result, manual_basis, tier, clause, score, assessors, created_at, confirmed_at)
           VALUES (?, ?, 'confirmed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(a.unitId, a.ref, a.assessedOn, a.tableId, a.tableVersion, a.sheet === null ? null : JSON.stringify(a.sheet), a.result === null ? null : JSON.stringify(a.result), a.manualBasis, a.tier, a.clause, a.score, JSON.stringify(a.assessors), a.createdAt, a.confirmedAt);
      }
      const inspectionIds = new Map<number, number>();
      for (const i of parts.inspections.filter((x) => taken.has(x.unitId))) {
        const id = Number(
          db.prepare('INSERT INTO inspections (unit_id, date, kind, inspectors, findings, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(i.unitId, i.date, i.kind, JSON.stringify(i.inspectors), i.findings, i.createdAt)
            .lastInsertRowid,
        );
        inspectionIds.set(i.id, id);
        for (const h of i.hazards) db.prepare('INSERT INTO hazards (inspection_id, description, rectify_by, rectified_on, closed_on) VALUES (?, ?, ?, ?, ?)').run(id, h.description, h.rectifyBy, h.rectifiedOn, h.closedOn);
      }
      for (const e of parts.events.filter((x) => taken.has(x.unitId))) {
        db.prepare('INSERT INTO events (unit_id, date, type, count, grade, note, inspection_id, created_at, voided_at, void_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          e.unitId,
          e.date,
          e.type,
          e.count,
          e.grade,
          e.note,
          e.inspection === null ? null : (inspectionIds.get(e.inspection) ?? null),
          e.createdAt,
          e.voidedAt,
          e.voidReason,
        );
      }
      // The tier history recomputed here must be the sender's: nothing lost or misread on the way.
      const { cases } = allUnitCases(db);
      for (const h of parts.history.filter((x) => taken.has(x.unit))) {
        const mine: HistoryEntry[] = fullHistory(cases.get(h.unit) as NonNullable<ReturnType<typeof cases.get>>);
        if (JSON.stringify(mine) !== JSON.stringify(h.history)) refuse(`单位「${h.unit}」的等级历史与发出方记录不一致`);
      }
      // R18.10: a table version new to a county makes re-assessment of its own units due.
      if (manifest.direction === 'city-to-county' && newTables.length > 0) {
        const kinds = new Set(parts['table-sets'].filter((t) => newTables.includes(`${(t as { id: string }).id}@${(t as { version: string }).version}`)).flatMap((t) => Object.keys((t as { kinds: object }).kinds)));
        const effective = parts['table-sets']
          .filter((t) => newTables.includes(`${(t as { id: string }).id}@${(t as { version: string }).version}`))
          .map((t) => (t as { effectiveFrom: string }).effectiveFrom)
          .sort()[0] as string;
        for (const u of db.prepare("SELECT id, kind FROM units WHERE origin = ''").all() as { id: string; kind: string }[]) {
          if (kinds.has(u.kind)) insertEvent(db, u.id, { date: effective, type: 'rules-changed' }, { note: `市局下发新版评分表 ${newTables.join('、')}`, at });
        }
      }
      if (!key) db.prepare('INSERT INTO bureau_keys (origin, public_key, first_seen) VALUES (?, ?, ?)').run(origin, manifest.publicKey, at);
      db.prepare('INSERT INTO packages (origin, direction, year, created_at, imported_at, sha256, counties, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        origin,
        manifest.direction,
        manifest.year,
        manifest.createdAt,
        at,
        fileHash,
        JSON.stringify(manifest.sender.counties),
        JSON.stringify(manifest.counts),
      );
      appendAudit(
        db,
        { operator: o.operator, action: replaced > 0 ? '导入数据包（替换）' : '导入数据包', entity: 'package', entityId: origin, new: { year: manifest.year, createdAt: manifest.createdAt, sha256: fileHash, units: taken.size, replaced, newTables } },
        at,
      );
      return { county: origin, units: taken.size, direction: manifest.direction, replaced, conflicts: creditCodeConflicts(db), skipped, newTables };
    })
    .immediate();
}

