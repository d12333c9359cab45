/** County → city → county on real files: packages, their checks, and the city's aggregate. */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setMeta } from '../../db/meta';
import { openDatabase } from '../../db/connection';
import { runCli } from '../../src/cli/program';
import { createApi } from '../../src/services/dispatch';
import { tempDir, unitRecord } from '../db/fixtures';
import { dump, freshDb, ok } from '../db/helpers';
import reference from '../../templates/scoring/linfen-2023-ref-1.json';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> };
}

const sheet = (kind: string, date: string, answers: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ kind, table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: date, answers, ...extra });

/** A county database with three graded units; `n` keeps ids and credit codes apart. */
async function county(bureau: string, name: string, n: number, clockDay = '2025-02-01') {
  const t = freshDb(clockDay);
  setMeta(t.db, 'bureau', bureau);
  const p = `c${n}`;
  const { api } = t;
  ok(await api['units.create'](unitRecord(`${p}-op`, '露天矿山', n * 10 + 1, { county: name })));
  ok(await api['units.create'](unitRecord(`${p}-ug`, '地下矿山', n * 10 + 2, { county: name })));
  ok(await api['units.create'](unitRecord(`${p}-tl`, '尾矿库', n * 10 + 3, { county: name })));
  ok(await api['units.create'](unitRecord(`${p}-mill`, '选矿厂', n * 10 + 4, { county: name, pondId: `${p}-tl` })));
  const confirm = async (unitId: string, s: unknown) => {
    ok(await api['assessments.saveDraft']({ unitId, ref: 'a1', sheet: s, assessors: ['评估员'] }));
    ok(await api['assessments.confirm']({ unitId, ref: 'a1' }));
  };
  await confirm(`${p}-op`, sheet('openpit', '2024-03-01', { 'op-eq-loading': n }));
  await confirm(`${p}-ug`, sheet('underground', '2024-03-02', {}, n === 2 ? { directD: ['R17.6'] } : {}));
  await confirm(`${p}-tl`, sheet('tailings', '2024-03-03'));
  ok(await api['inspections.record']({ unitId: `${p}-op`, date: '2024-05-01', kind: '执法检查', inspectors: ['王涛'], hazards: Array.from({ length: n }, (_, i) => ({ description: `隐患${i + 1}` })) }));
  ok(await api['events.record']({ unitId: `${p}-tl`, event: { date: '2024-06-01', type: 'nonfatal-accident' } }));
  return t;
}

async function cityDb(counties: string[]) {
  const file = path.join(tempDir(), 'city.sqlite');
  expect((await cli(['db-init', '--db', file, '--bureau', '临汾市应急管理局', '--level', 'city', '--county', ...counties])).code).toBe(0);
  return file;
}

async function tierListOf(dbFile: string): Promise<Map<string, string>> {
  const out = path.join(tempDir(), 'tiers.xlsx');
  expect((await cli(['export', '--db', dbFile, '--report', 'tier-list', '--out', out, '--year', '2024'])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const m = new Map<string, string>();
  wb.worksheets[0]!.eachRow((row, i) => i > 1 && m.set(String(row.getCell(1).value), `${String(row.getCell(5).value)} ${String(row.getCell(9).value)}`));
  return m;
}

async function exportPkg(t: { file: string; db: { close(): void } }, name: string, year = '2024') {
  const out = path.join(tempDir(), name);
  const r = await cli(['package-export', '--db', t.file, '--out', out, '--year', year]);
  expect(r.stderr).toBe('');
  return { out, printed: r.json() };
}

function cityDump(file: string) {
  const db = openDatabase(file);
  try {
    return dump(db);
  } finally {
    db.close();
  }
}

/** Rewrites a package's zip entries. */
function rezip(src: string, dst: string, change: (files: Record<string, Uint8Array>) => void): string {
  const files = unzipSync(readFileSync(src));
  change(files);
  writeFileSync(dst, zipSync(files));
  return dst;
}

describe('county → city → county', () => {
  it('D11 R3 N1 three counties → packages → city: the city tier list is the union of the counties lists; then the city → county package', async () => {
    const counties = [await county('尧都区应急管理局', '尧都区', 1), await county('洪洞县应急管理局', '洪洞县', 2), await county('浮山县应急管理局', '浮山县', 3)];
    const lists = await Promise.all(counties.map((c) => tierListOf(c.file)));
    const pkgs = [];
    for (const [i, c] of counties.entries()) {
      const p = await exportPkg(c, `county${i}.zip`);
      expect(p.printed).toEqual({ out: p.out, units: 4 });
      pkgs.push(p.out);
    }
    const city = await cityDb(['尧都区', '洪洞县', '浮山县', '乡宁县']);
    for (const [i, p] of pkgs.entries()) {
      const r = await cli(['package-import', '--db', city, '--in', p]);
      expect(r.code).toBe(0);
      expect(r.json()).toEqual({ county: ['尧都区应急管理局', '洪洞县应急管理局', '浮山县应急管理局'][i], units: 4 });
    }
    const union = new Map(lists.flatMap((l) => [...l]));
    expect(union.size).toBe(12);
    expect(await tierListOf(city)).toEqual(union);
    // the unit of county 2 upgraded by its two hazards, the direct-D one, the concentrator on its pond
    expect(union.get('c2-op')).toBe('洪洞县 B');
    expect(union.get('c3-op')).toBe('浮山县 C');
    expect(union.get('c2-ug')).toBe('洪洞县 D');

    // city statistics per county and kind
    const stats = path.join(tempDir(), 'stats.xlsx');
    expect((await cli(['export', '--db', city, '--report', 'statistics', '--out', stats, '--year', '2024'])).json()).toMatchObject({ rows: 12 });
    const swb = new ExcelJS.Workbook();
    await swb.xlsx.readFile(stats);
    const srows: unknown[][] = [];
    swb.worksheets[0]!.eachRow((row, i) => i > 1 && srows.push((row.values as unknown[]).slice(1)));
    expect(srows[0]).toEqual(['浮山县', '金属非金属地下矿山', 0, 0, 0, 1, 0, 1, 0, 0]);
    expect(srows.find((r) => r[0] === '洪洞县' && r[1] === '金属非金属露天矿山')).toEqual(['洪洞县', '金属非金属露天矿山', 0, 0, 1, 0, 0, 1, 1, 0]);
    expect(srows[srows.length - 1]).toEqual(['合计', undefined, 1, 1, 1, 9, 0, 12, 2, 0]);

    // progress: three bureaus heard from, 乡宁县 silent
    const cdb = openDatabase(city);
    const api = createApi({ db: cdb, now: () => new Date('2025-04-01T00:00:00Z') });
    const progress = ok(await api['city.progress']({}));
    expect(progress.bureaus.map((b) => [b.bureau, b.units, b.byTier.D])).toEqual([
      ['浮山县应急管理局', 4, 0],
      ['洪洞县应急管理局', 4, 1],
      ['尧都区应急管理局', 4, 0],
    ]);
    expect(progress.missing.map((m) => m.county)).toEqual(['乡宁县']);
    // a county's units are read-only at the city (D11 the other way round)
    expect(await api['units.update'](unitRecord('c1-op', '露天矿山', 11, { county: '尧都区' }))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/本机只读/) } });

    // the city assesses a provincial unit itself (R3) and publishes an official table version
    ok(await api['units.create'](unitRecord('sx-op-1', '露天矿山', 77, { county: '尧都区', ownership: '省属' })));
    ok(await api['assessments.saveDraft']({ unitId: 'sx-op-1', ref: 'city-1', sheet: sheet('openpit', '2025-03-01', { 'op-eq-loading': 4, 'op-eq-power': 4, 'op-eq-ventilation': 3 }, { initialConditions: ['op-ic-slope200'] }), assessors: ['市局'] }));
    ok(await api['assessments.confirm']({ unitId: 'sx-op-1', ref: 'city-1' }));
    ok(await api['tables.import']({ tableSet: { ...reference, version: 'official-2025', official: true, effectiveFrom: '2025-04-01' } }));
    cdb.close();
    const down = path.join(tempDir(), 'city.zip');
    expect((await cli(['package-export', '--db', city, '--out', down, '--year', '2025'])).json()).toEqual({ out: down, units: 1 });

    const c1 = counties[0]!;
    const r = await cli(['package-import', '--db', c1.file, '--in', down]);
    expect(r.json()).toEqual({ county: '临汾市应急管理局', units: 1 });
    const capi = c1.api;
    const unit = ok(await capi['units.get']({ id: 'sx-op-1', on: '2025-06-01' }));
    expect(unit).toMatchObject({ readOnly: true, origin: '临汾市应急管理局' });
    expect(unit.timeline.history).toEqual([{ date: '2025-03-01', tier: 'C', clause: 'R16', source: 'city-1' }]);
    expect(await capi['events.record']({ unitId: 'sx-op-1', event: { date: '2025-05-01', type: 'blacklist' } })).toMatchObject({ ok: false, error: { message: '单位「sx-op-1」由「临汾市应急管理局」评定，本机只读（D11）' } });
    expect(ok(await capi['tables.list']({})).map((t) => `${t.version} ${t.official}`)).toEqual(['ref-1 false', 'official-2025 true']);
    // R18.10: the new version makes re-assessment of the county's own units due
    const due = ok(await capi['units.get']({ id: 'c1-op', on: '2025-06-01' })).timeline.due;
    expect(due).toContainEqual({ clause: 'R18.10', due: '2025-04-01', source: 'event:1' });
    // the other counties' units did not come down
    expect(ok(await capi['units.list']({})).map((u) => u.id)).toEqual(['c1-mill', 'c1-op', 'c1-tl', 'c1-ug', 'sx-op-1']);
  }, 60_000);

  it('a newer package from a county replaces its data in one transaction, audited; an older one is refused', async () => {
    const c = await county('尧都区应急管理局', '尧都区', 1);
    const first = await exportPkg(c, 'first.zip');
    c.clock.now = new Date('2025-03-01T09:00:00+08:00');
    ok(await c.api['events.record']({ unitId: 'c1-op', event: { date: '2025-02-20', type: 'fatal-accident' } }));
    ok(await c.api['units.create'](unitRecord('c1-qr', '小型露天采石场', 19, { county: '尧都区' })));
    const second = await exportPkg(c, 'second.zip', '2025');
    const city = await cityDb(['尧都区']);
    expect((await cli(['package-import', '--db', city, '--in', first.out])).code).toBe(0);
    expect((await cli(['package-import', '--db', city, '--in', second.out])).json()).toEqual({ county: '尧都区应急管理局', units: 5 });
    const db = openDatabase(city);
    expect((db.prepare("SELECT action FROM audit_log WHERE entity = 'package' ORDER BY seq").all() as { action: string }[]).map((r) => r.action)).toEqual(['导入数据包', '导入数据包（替换）']);
    expect(db.prepare("SELECT count(*) AS n FROM units WHERE origin = '尧都区应急管理局'").get()).toEqual({ n: 5 });
    db.close();
    const before = cityDump(city);
    const old = await cli(['package-import', '--db', city, '--in', first.out]);
    expect(old.code).toBe(2);
    expect(old.stdout).toBe('');
    expect(old.stderr).toMatch(/不晚于已导入的「尧都区应急管理局」数据包.*不能用旧数据覆盖新数据/);
    expect(cityDump(city)).toEqual(before);
  });

  it('the same 统一社会信用代码 in two counties is reported as a conflict, not merged; the same unit id is refused', async () => {
    const a = await county('尧都区应急管理局', '尧都区', 1);
    const b = freshDb('2025-02-01');
    setMeta(b.db, 'bureau', '洪洞县应急管理局');
    ok(await b.api['units.create'](unitRecord('hd-op', '露天矿山', 11, { county: '洪洞县' }))); // credit code of c1-op
    const city = await cityDb(['尧都区', '洪洞县']);
    await cli(['package-import', '--db', city, '--in', (await exportPkg(a, 'a.zip')).out]);
    const r = await cli(['package-import', '--db', city, '--in', (await exportPkg(b, 'b.zip')).out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^注意：统一社会信用代码 91141000MA\w+ 同时见于 尧都区应急管理局「c1-op」、洪洞县应急管理局「hd-op」，请核实处理/);
    const clash = freshDb('2025-02-02');
    setMeta(clash.db, 'bureau', '浮山县应急管理局');
    ok(await clash.api['units.create'](unitRecord('c1-op', '露天矿山', 55, { county: '浮山县' })));
    const before = cityDump(city);
    const refused = await cli(['package-import', '--db', city, '--in', (await exportPkg(clash, 'clash.zip')).out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/单位编号「c1-op」已属于「尧都区应急管理局」/);
    expect(cityDump(city)).toEqual(before);
  });
});

describe('a package that fails its integrity check is refused whole', () => {
  async function setup() {
    const c = await county('尧都区应急管理局', '尧都区', 1);
    const { out } = await exportPkg(c, 'good.zip');
    const city = await cityDb(['尧都区']);
    return { out, city, before: cityDump(city) };
  }
  const tamperings: [string, (src: string, dir: string) => string, RegExp][] = [
    [
      'one byte changed',
      (src, dir) => {
        const bytes = readFileSync(src);
        const mid = Math.floor(bytes.length / 2);
        bytes[mid] = (bytes[mid] ?? 0) ^ 0x5a;
        const f = path.join(dir, 'byte.zip');
        writeFileSync(f, bytes);
        return f;
      },
      /数据包被拒绝，未导入任何数据：(文件已损坏|部分 .* SHA-256|.*不是有效的 JSON|签名无效)/,
    ],
    ['one part missing', (src, dir) => rezip(src, path.join(dir, 'missing.zip'), (f) => delete f['parts/events.json']), /缺少部分 parts\/events\.json/],
    [
      'a count edited',
      (src, dir) =>
        rezip(src, path.join(dir, 'count.zip'), (f) => {
          const m = JSON.parse(strFromU8(f['manifest.json']!)) as { counts: { units: number } };
          m.counts.units = 3;
          f['manifest.json'] = strToU8(JSON.stringify(m));
        }),
      /部分 parts\/units\.json 有 4 条，清单记为 3 条/,
    ],
    [
      'a part edited with its hash updated but not re-signed',
      (src, dir) =>
        rezip(src, path.join(dir, 'resigned.zip'), (f) => {
          const units = JSON.parse(strFromU8(f['parts/units.json']!)) as { principal: string }[];
          units[0]!.principal = '冒名者';
          f['parts/units.json'] = strToU8(JSON.stringify(units));
          const m = JSON.parse(strFromU8(f['manifest.json']!)) as { parts: Record<string, string> };
          m.parts.units = createHash('sha256').update(f['parts/units.json']!).digest('hex');
          f['manifest.json'] = strToU8(JSON.stringify(m));
        }),
      /签名无效/,
    ],
    [
      'a newer schema version',
      (src, dir) =>
        rezip(src, path.join(dir, 'future.zip'), (f) => {
          const m = JSON.parse(strFromU8(f['manifest.json']!)) as { schemaVersion: number };
          m.schemaVersion = 99;
          f['manifest.json'] = strToU8(JSON.stringify(m));
        }),
      /来自更新版本的软件（数据结构版本 99/,
    ],
    ['not a package at all', (_src, dir) => { const f = path.join(dir, 'x.zip'); writeFileSync(f, '这不是压缩包'); return f; }, /文件已损坏或不是本软件的数据包/],
  ];
  for (const [what, tamper, message] of tamperings) {
    it(`refuses ${what}, and the city database is unchanged`, async () => {
      const { out, city, before } = await setup();
      const bad = tamper(out, tempDir());
      const r = await cli(['package-import', '--db', city, '--in', bad]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(cityDump(city)).toEqual(before);
      // the untouched package still imports
      expect((await cli(['package-import', '--db', city, '--in', out])).code).toBe(0);
    });
  }

  it('refuses a package signed with another key than the one first seen from that county', async () => {
    const c = await county('尧都区应急管理局', '尧都区', 1);
    const city = await cityDb(['尧都区']);
    await cli(['package-import', '--db', city, '--in', (await exportPkg(c, 'k1.zip')).out]);
    const impostor = await county('尧都区应急管理局', '尧都区', 1, '2025-02-05');
    const before = cityDump(city);
    const r = await cli(['package-import', '--db', city, '--in', (await exportPkg(impostor, 'k2.zip')).out]);
    expect(r.stderr).toMatch(/签名密钥与此前导入的数据包不同/);
    expect(cityDump(city)).toEqual(before);
  });

  it('refuses a county package at a county database and a city package at the city', async () => {
    const c = await county('尧都区应急管理局', '尧都区', 1);
    const other = await county('洪洞县应急管理局', '洪洞县', 2);
    const r = await cli(['package-import', '--db', other.file, '--in', (await exportPkg(c, 'c.zip')).out]);
    expect(r.stderr).toMatch(/只能由市级数据库导入/);
  });
});
