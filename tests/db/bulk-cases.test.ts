/**
 * The bulk read of every unit's case (lists, tier lists, reports of a province) must give exactly
 * what the per-unit read gives: same tiers, history, dues and `event:N` names, voided events left
 * out but still counted (CLI.md), concentrators taking their pond's tier (R19, D7).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { allTimelines, allUnitCases, latestConfirmed, unitHistory, unitTimeline } from '../../db/records';
import { allUnits } from '../../db/units';
import { compareIds } from '../../src/domain/rules';
import { TIER_ORDER, compareCounties, reportContext, tierList } from '../../src/reports/data';
import { fullHistory } from '../../src/engine/timeline';
import { generateProvince } from '../../bench/generate';
import { tempDir } from './fixtures';

describe('db/ every unit at once', () => {
  it('allTimelines and allUnitCases agree with the per-unit reads for every unit, on several dates', () => {
    const { dbFile, units } = generateProvince(path.join(tempDir(), 'p.sqlite'), 400, 'bulk-test');
    const db = openDatabase(dbFile);
    // void every seventh event (a mistaken record, D3: kept, not counted) and add manual tiers (D6)
    db.prepare("UPDATE events SET voided_at = '2025-12-01T00:00:00Z', void_reason = '录入错误' WHERE seq % 7 = 0").run();
    const voided = db.prepare('SELECT count(*) FROM events WHERE voided_at IS NOT NULL').pluck().get() as number;
    expect(voided).toBeGreaterThan(10);
    const concentrators = units.filter((u) => u.kind === 'concentrator');
    expect(concentrators.some((u) => u.pondId)).toBe(true);

    const { cases } = allUnitCases(db);
    expect(cases.size).toBe(units.length);
    let changed = 0;
    for (const on of ['2019-06-30', '2023-12-31', '2025-12-31']) {
      const all = allTimelines(db, on);
      expect(all.size).toBe(units.length);
      for (const u of units) {
        const one = unitTimeline(db, u.id, on);
        expect(all.get(u.id), `${u.id} on ${on}`).toEqual(one);
        changed += one.history.filter((h) => h.source.includes('event:')).length;
      }
    }
    // the comparison covered event-driven changes, not only assessments
    expect(changed).toBeGreaterThan(50);
    for (const u of units.filter((x) => x.kind !== 'concentrator')) {
      expect(fullHistory(cases.get(u.id)!), u.id).toEqual(unitHistory(db, u.id));
    }
    db.close();
  });

  it('the tier list has every unit once, riskiest first, then county (collated), then id, with its latest score', () => {
    const { dbFile, units } = generateProvince(path.join(tempDir(), 'p.sqlite'), 300, 'bulk-list');
    const db = openDatabase(dbFile);
    // two confirmed assessments on one date: the later-confirmed one is the latest (its score shows)
    const twin = db.prepare("SELECT * FROM assessments WHERE status = 'confirmed' ORDER BY seq DESC LIMIT 1").get() as Record<string, unknown>;
    db.prepare(
      `INSERT INTO assessments (unit_id, ref, status, assessed_on, table_id, table_version, sheet, result, tier, clause, score, assessors, created_at, confirmed_at)
       VALUES (?, 'twin', 'confirmed', ?, ?, ?, ?, ?, ?, ?, 12.5, '[]', ?, ?)`,
    ).run(twin.unit_id, twin.assessed_on, twin.table_id, twin.table_version, twin.sheet, twin.result, twin.tier, twin.clause, twin.created_at, twin.confirmed_at);
    const ctx = reportContext(db, 2025, '2025-12-31');
    const list = tierList(db, ctx);
    const expected = allUnits(db)
      .map((u) => {
        const t = unitTimeline(db, u.id, '2025-12-31');
        const latest = latestConfirmed(db, u.kind === 'concentrator' && u.pondId ? u.pondId : u.id);
        return { id: u.id, county: u.county, tier: t.tier, since: t.history.at(-1)?.date ?? '', score: latest?.score ?? null };
      })
      .sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) || compareCounties(a.county, b.county) || compareIds(a.id, b.id));
    expect(list.rows.map((r) => ({ id: r.id, county: r.county, tier: r.tier, since: r.since, score: r.score }))).toEqual(expected);
    expect(list.rows.find((r) => r.id === twin.unit_id)?.score).toBe(12.5);
    expect(list.rows).toHaveLength(units.length);
    db.close();
  });
});
