/**
 * The registry screen's two calls on a real SQLite file: 'units.rows' (the rows, as arrays, no
 * tiers) and 'units.tiers' (every unit's tier and re-assessments due) say exactly what 'units.list'
 * says, split in two.
 */
import { describe, expect, it } from 'vitest';
import { exampleUnits, unitRecord } from '../db/fixtures';
import { openDatabase } from '../../db/connection';
import { createApi } from '../../src/services/dispatch';
import { freshDb, ok } from '../db/helpers';

const sheet = (kind: string, date: string, extra: Record<string, unknown> = {}) => ({ kind, table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: date, answers: {}, ...extra });

async function county() {
  const t = freshDb('2025-06-16');
  for (const u of exampleUnits()) ok(await t.api['units.create'](u));
  ok(await t.api['units.create'](unitRecord('lf-mill-9', '选矿厂', 9, { pondId: 'lf-tl-002', township: '金殿镇' })));
  ok(await t.api['assessments.saveDraft']({ unitId: 'lf-op-017', ref: 'a1', sheet: sheet('openpit', '2024-03-01'), assessors: ['王涛'] }));
  ok(await t.api['assessments.confirm']({ unitId: 'lf-op-017', ref: 'a1' }));
  ok(await t.api['assessments.saveDraft']({ unitId: 'lf-tl-002', ref: 'a1', sheet: sheet('tailings', '2024-03-01', { directD: ['R17.4'] }), assessors: ['王涛'] }));
  ok(await t.api['assessments.confirm']({ unitId: 'lf-tl-002', ref: 'a1' }));
  ok(await t.api['officials.assign']({ unitId: 'lf-op-017', name: '周强', post: '副县长', phone: '13900139000', from: '2025-01-01' }));
  return t;
}

describe("'units.rows' and 'units.tiers'", () => {
  it('the rows are the list without tiers, field for field and in the same order', async () => {
    const t = await county();
    const list = ok(await t.api['units.list']({}));
    const rows = ok(await t.api['units.rows']({}));
    expect(rows.map(([id, name, enterprise, creditCode, kind, kindLabel, countyName, township, status, official]) => ({ id, name, enterprise, creditCode, kind, kindLabel, county: countyName, township, status, official }))).toEqual(
      list.map((u) => ({ id: u.id, name: u.name, enterprise: u.enterprise, creditCode: u.creditCode, kind: u.kind, kindLabel: u.kindLabel, county: u.county, township: u.township, status: u.status, official: u.official })),
    );
    expect(rows.find((r) => r[0] === 'lf-op-017')?.[9]).toBe('周强');
    expect(ok(await t.api['units.rows']({ kind: 'tailings' })).map((r) => r[0])).toEqual(['lf-tl-002']);
  });

  it("'units.head' is the first rows of 'units.rows', in the same order, with the number of units", async () => {
    const t = await county();
    const rows = ok(await t.api['units.rows']({}));
    expect(rows.length).toBeGreaterThan(3);
    expect(ok(await t.api['units.head']({ limit: 3 }))).toEqual({ total: rows.length, rows: rows.slice(0, 3) });
    expect(ok(await t.api['units.head']({ limit: 1000 }))).toEqual({ total: rows.length, rows });
    const bad = await t.api['units.head']({ limit: 0 });
    expect(bad.ok ? '' : bad.error.message).toMatch(/limit/);
  });

  it('the tiers are the list’s tier and number due, by unit, for today or a given date (R19: a concentrator has its pond’s)', async () => {
    const t = await county();
    const { on, tiers } = ok(await t.api['units.tiers']({}));
    expect(on).toBe('2025-06-16');
    const list = ok(await t.api['units.list']({}));
    expect(Object.keys(tiers).sort()).toEqual(list.map((u) => u.id).sort());
    for (const u of list) expect(tiers[u.id]).toEqual([u.tier, u.due]);
    expect(tiers['lf-op-017']?.[0]).toBe('A');
    expect(tiers['lf-tl-002']?.[0]).toBe('D');
    expect(tiers['lf-mill-9']?.[0]).toBe('D');
    expect(tiers['lf-ug-003']).toEqual([null, 0]);
    // before the assessments: nothing graded yet
    const before = ok(await t.api['units.tiers']({ on: '2024-01-01' }));
    expect(before.on).toBe('2024-01-01');
    expect(Object.values(before.tiers).every(([tier]) => tier === null)).toBe(true);
  });

  it('the tiers are kept until the next write, by this window or another connection, or another day', async () => {
    const t = await county();
    const first = ok(await t.api['units.tiers']({}));
    // asked again with nothing written: the same answer, not computed again
    expect(ok(await t.api['units.tiers']({}))).toBe(first);
    expect(first.tiers['lf-op-017']).toEqual(['A', 0]);
    expect(first.tiers['lf-ug-003']).toEqual([null, 0]);
    // a commit by another connection on the same file (the CLI, say): a fatal accident makes the unit D at once
    const other = openDatabase(t.file);
    try {
      const otherApi = createApi({ db: other, now: () => t.clock.now });
      ok(await otherApi['events.record']({ unitId: 'lf-op-017', event: { date: '2025-06-01', type: 'fatal-accident' } }));
    } finally {
      other.close();
    }
    const second = ok(await t.api['units.tiers']({}));
    expect(second).not.toBe(first);
    expect(second.tiers['lf-op-017']?.[0]).toBe('D');
    // a write by this connection: an assessment confirmed gives the unit its tier
    ok(await t.api['assessments.saveDraft']({ unitId: 'lf-ug-003', ref: 'a1', sheet: sheet('underground', '2025-05-01'), assessors: ['王涛'] }));
    ok(await t.api['assessments.confirm']({ unitId: 'lf-ug-003', ref: 'a1' }));
    const third = ok(await t.api['units.tiers']({}));
    expect(third.tiers['lf-ug-003']?.[0]).toBe('A');
    // another day: computed for that day
    expect(ok(await t.api['units.tiers']({ on: '2024-01-01' })).tiers['lf-op-017']).toEqual([null, 0]);
    expect(ok(await t.api['units.tiers']({})).tiers).toEqual(third.tiers);
  });

  it('refuses a bad date or kind with a Chinese message', async () => {
    const t = await county();
    const bad = await t.api['units.tiers']({ on: '2025-13-01' });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error.message).toMatch(/[\u4e00-\u9fff]/);
    const kind = await t.api['units.rows']({ kind: 'coal' as never });
    expect(kind.ok).toBe(false);
  });
});
