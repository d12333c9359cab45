/**
 * A realistic synthetic province, reproducible from a seed: units over 120 counties with the real
 * kind mix (≈45 % open pits and quarries, 25 % underground, 15 % tailings ponds, the rest
 * exploration units, contractors and concentrators), each with 1–10 years of yearly assessments
 * (sheets answered at random against the reference tables, graded by the engine) and events.
 * Written straight into a database in one transaction (the benchmarks time the app's paths, not this).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection';
import { initDatabase } from '../db/init';
import { saveUnit } from '../db/units';
import { contractResult, grade } from '../src/engine/grade';
import { parseSheet, type ScoreSheet } from '../src/engine/sheet';
import { seededRandom } from '../src/reports/data';
import { builtinRegistry } from '../src/tables/builtin';
import type { Item, KindTable } from '../src/tables/schema';
import { KIND_LABELS, type KindLabel, type UnitRecord } from '../src/registry/unit';
import type { KindId } from '../src/domain/rules';
import { creditCodeCheckChar } from '../src/registry/credit-code';

export interface Province {
  dbFile: string;
  units: UnitRecord[];
  sheets: unknown[];
  assessments: number;
  events: number;
}

const MIX: [KindLabel, number][] = [
  ['露天矿山', 0.25],
  ['小型露天采石场', 0.2],
  ['地下矿山', 0.25],
  ['尾矿库', 0.15],
  ['地质勘探单位', 0.05],
  ['采掘施工企业', 0.05],
  ['选矿厂', 0.05],
];

export function counties(n = 120): string[] {
  return Array.from({ length: n }, (_, i) => `测试县${String(i + 1).padStart(3, '0')}`);
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function answer(rnd: () => number, item: Item): unknown {
  const r = item.rule;
  switch (r.type) {
    case 'choice':
      return pick(rnd, r.options).id;
    case 'multi':
      return r.options.filter(() => rnd() < 0.2).map((o) => o.id);
    case 'count':
      return rnd() < 0.6 ? 0 : Math.floor(rnd() * 4);
    case 'check':
      return rnd() < 0.2;
    case 'bands':
      return Math.round(rnd() * 1000);
    case 'manual':
      return { points: 0, note: '无' };
  }
}

export function randomSheet(rnd: () => number, kind: string, kt: KindTable, date: string): ScoreSheet {
  const answers: Record<string, unknown> = {};
  for (const d of kt.dimensions) for (const it of d.items) if (rnd() < 0.85) answers[it.id] = answer(rnd, it);
  return {
    kind: kind as ScoreSheet['kind'],
    table: { id: 'linfen-2023', version: 'ref-1' },
    assessedOn: date,
    initialConditions: rnd() < 0.1 && kt.initialScore.conditions[0] ? [kt.initialScore.conditions[0].id] : [],
    directD: rnd() < 0.03 && kt.directD[0] ? [kt.directD[0]] : [],
    answers: answers as ScoreSheet['answers'],
  };
}

function creditCode(n: number): string {
  const body = `91141${String(n).padStart(12, '0')}`.slice(0, 17);
  return body + creditCodeCheckChar(body);
}

export function generateUnits(n: number, seed: string): UnitRecord[] {
  const rnd = seededRandom(`units:${seed}`);
  const cs = counties();
  const units: UnitRecord[] = [];
  const ponds: string[] = [];
  for (let i = 0; i < n; i++) {
    let x = rnd();
    let label: KindLabel = '露天矿山';
    for (const [l, p] of MIX) {
      if (x < p) {
        label = l;
        break;
      }
      x -= p;
    }
    if (label === '选矿厂' && ponds.length === 0) label = '尾矿库';
    const id = `u${String(i).padStart(6, '0')}`;
    const kind = KIND_LABELS[label] as KindId;
    const u: UnitRecord = {
      id,
      enterprise: `临汾第${i}矿业有限公司`,
      name: `${label}${i}号`,
      creditCode: creditCode(i + 1),
      kind,
      kindLabel: label,
      county: pick(rnd, cs),
      township: `第${1 + Math.floor(rnd() * 20)}镇`,
      ownership: rnd() < 0.05 ? '省属' : '其他',
      status: '生产',
      principal: '张三',
      principalPhone: '0357-2345678',
      ...(kind === 'underground' ? { depth: Math.round(rnd() * 900), maxShiftUnderground: Math.floor(rnd() * 60) } : {}),
      ...(kind === 'openpit' || kind === 'quarry' ? { slopeHeight: Math.round(rnd() * 250) } : {}),
      ...(kind === 'underground' || kind === 'tailings' ? (rnd() < 0.9 ? { officialName: '李四', officialPost: '副县长', officialPhone: '13800138000' } : {}) : {}),
      ...(kind === 'concentrator' ? { pondId: pick(rnd, ponds) } : {}),
      ...(rnd() < 0.7 ? { safetyLicence: `(晋)FM安许证字[2024]${i}`, safetyLicenceUntil: `202${5 + Math.floor(rnd() * 4)}-0${1 + Math.floor(rnd() * 9)}-15` } : {}),
    };
    if (kind === 'tailings') ponds.push(id);
    units.push(u);
  }
  return units;
}

const EVENT_KINDS = ['major-hazard', 'major-hazard', 'major-hazard', 'nonfatal-accident', 'standardization', 'advanced-equipment', 'surroundings-changed', 'fatal-accident'] as const;

/** Builds the province database at `dbFile` (replacing it). */
export function generateProvince(dbFile: string, n: number, seed = 'bench-2025'): Province {
  rmSync(dbFile, { force: true });
  rmSync(`${dbFile}-wal`, { force: true });
  rmSync(`${dbFile}-shm`, { force: true });
  mkdirSync(path.dirname(dbFile), { recursive: true });
  const now = new Date('2025-12-31T12:00:00Z');
  const db: Db = initDatabase(dbFile, { bureau: '临汾市应急管理局', level: 'city', operator: '基准测试', now });
  const tables = builtinRegistry();
  const set = tables.list()[0]!;
  const rnd = seededRandom(`history:${seed}`);
  const units = generateUnits(n, seed);
  const sheets: unknown[] = [];
  let assessments = 0;
  let events = 0;
  const at = now.toISOString();
  db.pragma('synchronous = OFF');
  db.transaction(() => {
    for (const u of units) saveUnit(db, u, at, '2025-01-01');
    const insA = db.prepare(
      `INSERT INTO assessments (unit_id, ref, status, assessed_on, table_id, table_version, sheet, result, tier, clause, score, assessors, created_at, confirmed_at)
       VALUES (?, ?, 'confirmed', ?, 'linfen-2023', 'ref-1', ?, ?, ?, ?, ?, '["基准"]', ?, ?)`,
    );
    const insE = db.prepare('INSERT INTO events (unit_id, date, type, count, grade, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const u of units) {
      const kt = set.kinds[u.kind as 'openpit'];
      if (!kt) continue;
      const years = 1 + Math.floor(rnd() * 10);
      for (let y = 2025 - years + 1; y <= 2025; y++) {
        const date = `${y}-0${1 + Math.floor(rnd() * 9)}-${String(10 + Math.floor(rnd() * 18))}`;
        const sheet = randomSheet(rnd, u.kind, kt, date);
        if (sheets.length < 100_000) sheets.push(sheet);
        const r = grade(parseSheet(sheet, tables));
        insA.run(u.id, `${y}`, date, JSON.stringify(sheet), JSON.stringify(contractResult(r)), r.tier, r.directD[0] ?? 'R16', r.score, at, at);
        assessments++;
        const ne = Math.floor(rnd() * 3);
        for (let k = 0; k < ne; k++) {
          const type = pick(rnd, EVENT_KINDS);
          const d = `${y}-1${Math.floor(rnd() * 3)}-${String(10 + Math.floor(rnd() * 18))}`;
          insE.run(u.id, d, type, type === 'major-hazard' ? 1 + Math.floor(rnd() * 2) : null, type === 'standardization' ? pick(rnd, ['一级', '二级', '三级']) : null, at);
          events++;
        }
      }
    }
  })();
  db.pragma('synchronous = FULL');
  db.close();
  return { dbFile, units, sheets, assessments, events };
}

/** Sheets for the grading benchmark (at least `n`, reused cyclically if the province has fewer). */
export function gradingSheets(n: number, seed = 'grade'): unknown[] {
  const rnd = seededRandom(seed);
  const set = builtinRegistry().list()[0]!;
  const kinds = Object.keys(set.kinds) as (keyof typeof set.kinds)[];
  return Array.from({ length: n }, (_, i) => {
    const k = kinds[i % kinds.length]!;
    return randomSheet(rnd, k, set.kinds[k]!, '2025-03-01');
  });
}
