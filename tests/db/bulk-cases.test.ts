/**
 * The bulk read of every unit's case (lists, tier lists, reports of a province) must give exactly
 * what the per-unit read gives: same tiers, history, dues and `event:N` names, voided events left
 * out but still counted (CLI.md), concentrators taking their pond's tier (R19, D7).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { allTimelines, allUnitCases, unitHistory, unitTimeline } from '../../db/records';
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
});
