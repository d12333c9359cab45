/**
 * The city's progress screen (汇总进度): per county bureau, its last package, its units by tier,
 * and what is missing or overdue against the dates of the notice (N1, N2); plus the counties the
 * city expects but has heard nothing from, and credit codes held in two places.
 */
import type { Db } from '../../db/connection';
import { listCounties } from '../../db/meta';
import { allTimelines } from '../../db/records';
import { compareCounties } from '../reports/data';
import { creditCodeConflicts } from './package';

export interface BureauProgress {
  bureau: string;
  counties: string[];
  lastPackage: { year: number; createdAt: string; importedAt: string };
  units: number;
  byTier: Record<'A' | 'B' | 'C' | 'D' | 'none', number>;
  overdue: string[];
}

export function cityProgress(db: Db, on: string) {
  const year = Number(on.slice(0, 4));
  const latest = db
    .prepare(
      `SELECT origin, year, created_at, imported_at, counties FROM packages p
       WHERE direction = 'county-to-city' AND created_at = (SELECT max(created_at) FROM packages q WHERE q.origin = p.origin)
       ORDER BY origin`,
    )
    .all() as { origin: string; year: number; created_at: string; imported_at: string; counties: string }[];
  const timelines = allTimelines(db, on);
  const unitsOf = db.prepare('SELECT id FROM units WHERE origin = ?');
  const bureaus: BureauProgress[] = latest.map((p) => {
    const byTier = { A: 0, B: 0, C: 0, D: 0, none: 0 };
    const ids = (unitsOf.all(p.origin) as { id: string }[]).map((r) => r.id);
    for (const id of ids) byTier[timelines.get(id)?.tier ?? 'none']++;
    const overdue: string[] = [];
    // N2: the changes of year Y−1 are due by 10 March of Y.
    if (on > `${year}-03-10` && p.year < year - 1) overdue.push(`应于${year}年3月10日前报送${year - 1}年度等级调整情况（N2），最近一次数据包为${p.year}年度`);
    if (byTier.none > 0) overdue.push(`${byTier.none} 个单位尚未评定风险等级`);
    return { bureau: p.origin, counties: JSON.parse(p.counties) as string[], lastPackage: { year: p.year, createdAt: p.created_at, importedAt: p.imported_at }, units: ids.length, byTier, overdue };
  });
  bureaus.sort((a, b) => compareCounties(a.bureau, b.bureau));
  const covered = new Set(bureaus.flatMap((b) => b.counties));
  const own = new Set((db.prepare("SELECT DISTINCT county FROM units WHERE origin = ''").all() as { county: string }[]).map((r) => r.county));
  const silent = listCounties(db).filter((c) => !covered.has(c) && !own.has(c));
  // N1: the first assessment of all units was to reach the city by 20 April 2023.
  const missing = silent.map((c) => ({ county: c, message: on >= '2023-04-20' ? `尚未收到${c}的数据包（初次评估结果应于2023年4月20日前报送，N1）` : `尚未收到${c}的数据包` }));
  return { on, bureaus, missing, conflicts: creditCodeConflicts(db) };
}
