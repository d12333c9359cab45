/** The typed handler map on a real SQLite file: every use case, its audit trail, and errors as data. */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../db/audit';
import { allUnits } from '../../db/units';
import { timeline } from '../../src/engine/timeline';
import { unitRecord, exampleUnits, registryXlsx, tempDir } from './fixtures';
import { dump, freshDb, ok } from './helpers';

const sheet = (kind: string, date: string, answers: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  kind,
  table: { id: 'linfen-2023', version: 'ref-1' },
  assessedOn: date,
  answers,
  ...extra,
});

function auditActions(t: ReturnType<typeof freshDb>): string[] {
  return (t.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);
}

describe('units: create, update, list, search', () => {
  it('creates a unit, reads it back whole, and audits who did it', async () => {
    const t = freshDb();
    const rec = unitRecord('ug-1', '地下矿山', 1, { miningLicence: 'C1410002010', miningLicenceUntil: '2026-01-01', depth: 420 });
    expect(ok(await t.api['units.create'](rec))).toEqual({ id: 'ug-1' });
    const got = ok(await t.api['units.get']({ id: 'ug-1' }));
    expect(got.unit).toEqual(rec);
    const row = t.db.prepare('SELECT operator, action, entity_id, new FROM audit_log').get() as { operator: string; action: string; entity_id: string; new: string };
    expect(row).toMatchObject({ operator: '王涛', action: '新增单位', entity_id: 'ug-1' });
    expect(JSON.parse(row.new)).toEqual(rec);
  });

  it('refuses a duplicate id or a bad record with a Chinese message naming the field, and writes nothing', async () => {
    const t = freshDb();
    ok(await t.api['units.create'](unitRecord('ug-1', '地下矿山', 1)));
    const before = dump(t.db);
    const dup = await t.api['units.create'](unitRecord('ug-1', '地下矿山', 2));
    expect(dup).toMatchObject({ ok: false, error: { message: '单位编号「ug-1」已存在' } });
    const bad = await t.api['units.create']({ ...unitRecord('ug-2', '地下矿山', 2), creditCode: '91141000MA0000002X', principalPhone: '12' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.message).toMatch(/^输入有误：creditCode /);
      expect(bad.error.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(['creditCode', 'principalPhone']));
    }
    expect(dump(t.db)).toEqual(before);
  });

  it('updates a unit and audits only what changed, old and new', async () => {
    const t = freshDb();
    const rec = unitRecord('op-1', '露天矿山', 1, { slopeHeight: 80 });
    ok(await t.api['units.create'](rec));
    ok(await t.api['units.update']({ ...rec, slopeHeight: 120, township: '屯里镇' }));
    const last = t.db.prepare('SELECT action, old, new FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { action: string; old: string; new: string };
    expect(last.action).toBe('修改单位');
    expect(JSON.parse(last.old)).toEqual({ slopeHeight: 80, township: null });
    expect(JSON.parse(last.new)).toEqual({ slopeHeight: 120, township: '屯里镇' });
    expect(ok(await t.api['units.update']({ ...rec, slopeHeight: 120, township: '屯里镇' })).changed).toBe(false);
  });

  it('R21 R22 keeps the history of 包保责任人: a change closes the previous term', async () => {
    const t = freshDb('2024-06-15');
    ok(await t.api['units.create'](unitRecord('tl-1', '尾矿库', 1)));
    ok(await t.api['officials.assign']({ unitId: 'tl-1', name: '赵六', post: '副县长', phone: '13900139000', from: '2024-07-01' }));
    const d = ok(await t.api['units.get']({ id: 'tl-1' }));
    expect(d.officials.map((o) => [o.name, o.from, o.to])).toEqual([
      ['李四', '2024-06-15', '2024-07-01'],
      ['赵六', '2024-07-01', null],
    ]);
    expect(d.unit.officialName).toBe('赵六');
    expect(auditActions(t)).toContain('更换包保责任人');
  });

  it('R3 R5 the unit list marks which units the city assesses and which the county does', async () => {
    const t = freshDb();
    for (const [i, o] of (['中央驻晋', '省属', '市属', '其他'] as const).entries()) ok(await t.api['units.create'](unitRecord(`u${i}`, '露天矿山', i + 1, { ownership: o })));
    expect(ok(await t.api['units.list']({})).map((u) => [u.ownership, u.assessedByCity])).toEqual([
      ['中央驻晋', true],
      ['省属', true],
      ['市属', true],
      ['其他', false],
    ]);
  });

  it('lists units with their tier, filtered and searched', async () => {
    const t = freshDb();
    for (const u of exampleUnits()) ok(await t.api['units.create'](u));
    ok(await t.api['assessments.saveDraft']({ unitId: 'lf-op-017', sheet: sheet('openpit', '2024-03-01', { 'op-eq-loading': 2 }), assessors: ['王涛'] }));
    ok(await t.api['assessments.confirm']({ unitId: 'lf-op-017', ref: '2024-03-01' }));
    const all = ok(await t.api['units.list']({}));
    expect(all.map((u) => u.id)).toEqual(['fs-kangda-1', 'lf-ex-001', 'lf-op-017', 'lf-tl-002', 'lf-ug-003']);
    expect(all.find((u) => u.id === 'lf-op-017')?.tier).toBe('A');
    expect(ok(await t.api['units.list']({ tier: 'A' })).map((u) => u.id)).toEqual(['lf-op-017']);
    expect(ok(await t.api['units.list']({ tier: 'none' }))).toHaveLength(4);
    expect(ok(await t.api['units.list']({ kind: 'underground' })).map((u) => u.id)).toEqual(['fs-kangda-1', 'lf-ug-003']);
    expect(ok(await t.api['units.list']({ search: '尾矿库' })).map((u) => u.id)).toEqual(['lf-tl-002']);
  });
});

describe('R19 D7 concentrators in the database', () => {
  it('R19 a concentrator must name an existing tailings pond, and takes its tier', async () => {
    const t = freshDb();
    ok(await t.api['units.create'](unitRecord('op-1', '露天矿山', 1)));
    const noPond = await t.api['units.create'](unitRecord('mill-1', '选矿厂', 2, { pondId: 'tl-9' }));
    expect(noPond.ok).toBe(false);
    const notPond = await t.api['units.create'](unitRecord('mill-1', '选矿厂', 2, { pondId: 'op-1' }));
    expect(notPond).toMatchObject({ ok: false, error: { message: expect.stringMatching(/不是尾矿库（R19）/) } });
    ok(await t.api['units.create'](unitRecord('tl-1', '尾矿库', 3)));
    ok(await t.api['units.create'](unitRecord('mill-1', '选矿厂', 2, { pondId: 'tl-1' })));
    ok(await t.api['assessments.saveDraft']({ unitId: 'tl-1', ref: 'a1', sheet: sheet('tailings', '2024-03-01'), assessors: ['王涛'] }));
    ok(await t.api['assessments.confirm']({ unitId: 'tl-1', ref: 'a1' }));
    ok(await t.api['events.record']({ unitId: 'tl-1', event: { date: '2024-04-01', type: 'blacklist' } }));
    const mill = ok(await t.api['units.get']({ id: 'mill-1', on: '2024-06-01' }));
    expect(mill.timeline.tier).toBe('D');
    expect(mill.timeline.history.map((h) => h.source)).toEqual(['tl-1/a1', 'tl-1/event:0']);
    expect(ok(await t.api['units.list']({})).find((u) => u.id === 'mill-1')?.tier).toBe('D');
  });
});

describe('assessments: draft → confirmed, never edited afterwards', () => {
  it('R15 saves a draft (scored live), confirms it, and the tier follows from the result', async () => {
    const t = freshDb();
    ok(await t.api['units.create'](unitRecord('ug-1', '地下矿山', 1)));
    const draft = ok(await t.api['assessments.saveDraft']({ unitId: 'ug-1', sheet: sheet('underground', '2024-03-20', { 'ug-inh-development': 'mixed' }), assessors: ['王涛', '杨义端'] }));
    expect(draft.ref).toBe('2024-03-20');
    expect(draft.result.score).toBe(96);
    expect(ok(await t.api['units.get']({ id: 'ug-1' })).timeline.tier).toBeNull();
    // the draft may change until it is confirmed
    ok(await t.api['assessments.saveDraft']({ unitId: 'ug-1', ref: '2024-03-20', sheet: sheet('underground', '2024-03-20', { 'ug-inh-development': 'mixed', 'ug-eq-power': 4 }), assessors: ['王涛'] }));
    const c = ok(await t.api['assessments.confirm']({ unitId: 'ug-1', ref: '2024-03-20' }));
    expect(c.result.score).toBe(92);
    const d = ok(await t.api['units.get']({ id: 'ug-1' }));
    expect(d.timeline.history).toEqual([{ date: '2024-03-20', tier: 'A', clause: 'R16', source: '2024-03-20' }]);
    expect(d.assessments[0]).toMatchObject({ status: 'confirmed', tier: 'A', score: 92, table: { id: 'linfen-2023', version: 'ref-1' }, assessors: ['王涛'] });
    const again = await t.api['assessments.saveDraft']({ unitId: 'ug-1', ref: '2024-03-20', sheet: sheet('underground', '2024-03-20'), assessors: ['王涛'] });
    expect(again).toMatchObject({ ok: false, error: { message: expect.stringMatching(/已确认，不能修改/) } });
    expect(auditActions(t)).toEqual(['新增单位', '保存评估草稿', '修改评估草稿', '确认评估']);
  });

  it('D4 R17 a direct-D assessment keeps its score and names the clause', async () => {
    const t = freshDb();
    ok(await t.api['units.create'](unitRecord('ug-1', '地下矿山', 1)));
    ok(await t.api['assessments.saveDraft']({ unitId: 'ug-1', ref: 'a', sheet: sheet('underground', '2024-03-20', {}, { directD: ['R17.6'] }), assessors: ['王涛'] }));
    const c = ok(await t.api['assessments.confirm']({ unitId: 'ug-1', ref: 'a' }));
    expect(c.result).toMatchObject({ score: 100, scoreTier: 'A', tier: 'D' });
    expect(ok(await t.api['units.get']({ id: 'ug-1' })).timeline.history[0]).toMatchObject({ tier: 'D', clause: 'R17.6' });
  });

  it('refuses a bad sheet with its JSON path, a sheet of another kind, or confirming without assessors; nothing is written', async () => {
    const t = freshDb();
    ok(await t.api['units.create'](unitRecord('ug-1', '地下矿山', 1)));
    const before = dump(t.db);
    const bad = await t.api['assessments.saveDraft']({ unitId: 'ug-1', sheet: sheet('underground', '2024-03-20', { 'ug-inh-depth': '深' }), assessors: [] });
    expect(bad).toMatchObject({ ok: false, error: { message: 'sheet.answers["ug-inh-depth"] 应为数字，实际为 "深"' } });
    const other = await t.api['assessments.saveDraft']({ unitId: 'ug-1', sheet: sheet('openpit', '2024-03-20'), assessors: [] });
    expect(other).toMatchObject({ ok: false, error: { message: expect.stringMatching(/与单位类型「金属非金属地下矿山」不一致/) } });
    const noTable = await t.api['assessments.saveDraft']({ unitId: 'ug-1', sheet: { ...sheet('underground', '2024-03-20'), table: { id: 'x', version: '1' } }, assessors: [] });
    expect(noTable).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^sheet\.table 未加载评分表 x 版本 1/) } });
    expect(dump(t.db)).toEqual(before);
    ok(await t.api['assessments.saveDraft']({ unitId: 'ug-1', ref: 'a', sheet: sheet('underground', '2024-03-20'), assessors: [] }));
    expect(await t.api['assessments.confirm']({ unitId: 'ug-1', ref: 'a' })).toMatchObject({ ok: false, error: { message: '确认评估前请填写评估人员' } });
  });

  it('D6 a unit with no table gets a tier by hand with a written basis; a unit with a table cannot', async () => {
    const t = freshDb();
    ok(await t.api['units.create'](unitRecord('geo-1', '地热', 1)));
    ok(await t.api['units.create'](unitRecord('op-1', '露天矿山', 2)));
    ok(await t.api['assessments.recordManual']({ unitId: 'geo-1', date: '2024-03-01', tier: 'B', basis: '参照露天矿山评分表评定', assessors: ['王涛'] }));
    expect(ok(await t.api['units.get']({ id: 'geo-1' })).timeline.history[0]).toMatchObject({ tier: 'B', clause: 'D6' });
    const refused = await t.api['assessments.recordManual']({ unitId: 'op-1', date: '2024-03-01', tier: 'B', basis: 'x', assessors: [] });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/D6/) } });
  });

  it('D8 a table set stored once; the same id and version with other content is refused', async () => {
    const t = freshDb();
    const custom = { ...(await import('../../templates/scoring/linfen-2023-ref-1.json')).default, version: 'ref-2', official: true };
    expect(ok(await t.api['tables.import']({ tableSet: custom }))).toEqual({ id: 'linfen-2023', version: 'ref-2', stored: true });
    expect(ok(await t.api['tables.import']({ tableSet: custom })).stored).toBe(false);
    const clash = await t.api['tables.import']({ tableSet: { ...custom, title: '改过的' } });
    expect(clash).toMatchObject({ ok: false, error: { message: expect.stringMatching(/已保存且内容不同/) } });
    expect(ok(await t.api['tables.list']({})).map((x) => `${x.id}@${x.version} ${x.official}`)).toEqual(['linfen-2023@ref-1 false', 'linfen-2023@ref-2 true']);
  });
});

describe('events and inspections change the tier at once', () => {
  async function assessedOpenPit() {
    const t = freshDb('2024-06-15');
    ok(await t.api['units.create'](unitRecord('op-1', '露天矿山', 1)));
    ok(await t.api['assessments.saveDraft']({ unitId: 'op-1', ref: 'a1', sheet: sheet('openpit', '2024-01-10'), assessors: ['王涛'] }));
    ok(await t.api['assessments.confirm']({ unitId: 'op-1', ref: 'a1' }));
    return t;
  }

  it('R18.2 two major hazards found by one enforcement inspection raise the tier one step; the hazards are kept for R17.3', async () => {
    const t = await assessedOpenPit();
    const r = ok(
      await t.api['inspections.record']({
        unitId: 'op-1',
        date: '2024-05-10',
        kind: '执法检查',
        inspectors: ['王涛', '杨义端'],
        findings: '边坡台阶宽度不足',
        hazards: [{ description: '边坡存在滑坡隐患', rectifyBy: '2024-06-10' }, { description: '未按设计开采' }],
      }),
    );
    expect(r.timeline.tier).toBe('B');
    expect(r.timeline.history[1]).toMatchObject({ date: '2024-05-10', tier: 'B', clause: 'R18.2' });
    const d = ok(await t.api['units.get']({ id: 'op-1' }));
    expect(d.events[0]).toMatchObject({ type: 'major-hazard', count: 2, inspectionId: r.id });
    expect(d.inspections[0]?.hazards).toHaveLength(2);
    expect(d.flags.map((f) => f.code)).toContain('R17.3');
    for (const h of d.inspections[0]!.hazards) ok(await t.api['hazards.update']({ hazardId: h.id, rectifiedOn: '2024-06-01', closedOn: '2024-06-05' }));
    expect(ok(await t.api['units.get']({ id: 'op-1' })).flags.map((f) => f.code)).not.toContain('R17.3');
  });

  it('D2 hazards of a routine inspection are recorded but not counted', async () => {
    const t = await assessedOpenPit();
    const r = ok(await t.api['inspections.record']({ unitId: 'op-1', date: '2024-05-10', kind: '日常检查', inspectors: ['王涛'], hazards: [{ description: 'a' }, { description: 'b' }] }));
    expect(r.eventSeq).toBeNull();
    expect(r.timeline.tier).toBe('A');
  });

  it('R18.1 a fatal accident makes the tier D; voiding a mistaken event restores the history, audited', async () => {
    const t = await assessedOpenPit();
    const r = ok(await t.api['events.record']({ unitId: 'op-1', event: { date: '2024-05-01', type: 'fatal-accident' }, note: '误录' }));
    expect(r.timeline.tier).toBe('D');
    ok(await t.api['events.void']({ unitId: 'op-1', seq: r.seq, reason: '录入错误：实为相邻矿山事故' }));
    expect(ok(await t.api['units.get']({ id: 'op-1' })).timeline.tier).toBe('A');
    expect(auditActions(t).slice(-2)).toEqual(['记录事件', '作废事件']);
    const bad = await t.api['events.record']({ unitId: 'op-1', event: { date: '2024-05-01', type: 'flood' } });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^event\.type 未知的事件类型 "flood"/) } });
  });
});

describe('cases.record (CLI record): all or nothing', () => {
  it('stores nothing when any part of the case is bad', async () => {
    const t = freshDb();
    ok(await t.api['units.create'](unitRecord('op-1', '露天矿山', 1)));
    const before = dump(t.db);
    const c = { unit: { id: 'op-1', kind: 'openpit' }, assessments: [{ id: 'a1', sheet: sheet('openpit', '2024-01-10') }], events: [{ date: '2024-02-01', type: 'blacklist' }, { date: '2024-13-01', type: 'blacklist' }] };
    const r = await t.api['cases.record']({ unitCase: c });
    expect(r).toMatchObject({ ok: false, error: { message: 'events[1].date 应为 YYYY-MM-DD 格式的日期，实际为 "2024-13-01"' } });
    expect(dump(t.db)).toEqual(before);
    const notThere = await t.api['cases.record']({ unitCase: { ...c, unit: { id: 'zz', kind: 'openpit' }, events: [] } });
    expect(notThere).toMatchObject({ ok: false, error: { message: '单位编号「zz」不在台账中' } });
    expect(dump(t.db)).toEqual(before);
  });

  it('D3 the database and the engine agree: tier from the database equals timeline on the same case', async () => {
    const t = freshDb();
    ok(await t.api['units.create'](unitRecord('op-1', '露天矿山', 1)));
    const c = {
      unit: { id: 'op-1', kind: 'openpit' },
      assessments: [{ id: 'a1', sheet: sheet('openpit', '2023-01-10') }, { id: 'a2', sheet: sheet('openpit', '2024-03-01', { 'op-eq-loading': 3 }) }],
      events: [
        { date: '2023-03-01', type: 'major-hazard', count: 2 },
        { date: '2023-08-31', type: 'stopped' },
        { date: '2024-02-10', type: 'standardization', grade: '二级' },
        { date: '2024-05-01', type: 'major-hazard', count: 3 },
      ],
    };
    ok(await t.api['cases.record']({ unitCase: c }));
    const { parseUnitCase } = await import('../../src/engine/timeline');
    const { builtinRegistry } = await import('../../src/tables/builtin');
    for (const on of ['2023-06-30', '2024-02-29', '2024-12-31', '2025-06-01']) {
      expect(ok(await t.api['units.get']({ id: 'op-1', on })).timeline).toEqual(timeline(parseUnitCase(c, builtinRegistry()), on));
    }
  });
});

describe('registry import and export (REGISTRY.md)', () => {
  it('imports all rows in one go, then updates existing units with an audited diff', async () => {
    const t = freshDb();
    const units = exampleUnits();
    const file = await registryXlsx(units);
    expect(ok(await t.api['units.import']({ file }))).toMatchObject({ created: 5, updated: 0 });
    expect(allUnits(t.db)).toEqual([...units].sort((a, b) => (a.id < b.id ? -1 : 1)));
    const changed = units.map((u) => (u.id === 'lf-op-017' ? { ...u, principal: '钱七' } : u));
    expect(ok(await t.api['units.import']({ file: await registryXlsx(changed) }))).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    const last = t.db.prepare("SELECT action, entity_id, old, new FROM audit_log WHERE action = '导入更新单位'").get() as { entity_id: string; old: string; new: string };
    expect(last.entity_id).toBe('lf-op-017');
    expect(JSON.parse(last.old)).toEqual({ principal: '张三' });
    expect(JSON.parse(last.new)).toEqual({ principal: '钱七' });
  });

  it('a file with errors in several rows reports every one with row and column and changes nothing', async () => {
    const t = freshDb();
    ok(await t.api['units.import']({ file: await registryXlsx(exampleUnits()) }));
    const before = dump(t.db);
    const dir = tempDir();
    const file = await registryXlsx([...exampleUnits(), unitRecord('new-1', '露天矿山', 50)], dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const col = (h: string) => (ws.getRow(1).values as unknown[]).indexOf(h);
    ws.getRow(3).getCell(col('统一社会信用代码')).value = '91141000MA00000170';
    ws.getRow(5).getCell(col('主要负责人电话')).value = '12';
    ws.getRow(6).getCell(col('类型')).value = '煤矿';
    const bad = path.join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = await t.api['units.import']({ file: bad });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe('台账文件有 3 处错误，未导入任何单位');
      expect(r.error.issues.map((i) => i.message.replace(/：.*/, ''))).toEqual(['第 3 行「统一社会信用代码」', '第 5 行「主要负责人电话」', '第 6 行「类型」']);
    }
    expect(dump(t.db)).toEqual(before);
  });

  it('exports the registry in the import columns: an export re-imports unchanged (round trip)', async () => {
    const t = freshDb();
    const units = [...exampleUnits(), unitRecord('qr-1', '砖瓦用粘土开采', 7, { slopeHeight: 35.5, safetyLicence: '(晋)FM安许证字[2021]0001', safetyLicenceUntil: '2027-05-01', enterprise: '=HYPERLINK("http://x","y")' }), unitRecord('mill-1', '选矿厂', 8, { pondId: 'lf-tl-002' })];
    ok(await t.api['units.import']({ file: await registryXlsx(units) }));
    const out = path.join(tempDir(), 'export.xlsx');
    expect(ok(await t.api['units.export']({ file: out }))).toEqual({ out, rows: 7 });
    const t2 = freshDb();
    ok(await t2.api['units.import']({ file: out }));
    expect(allUnits(t2.db)).toEqual(allUnits(t.db));
    expect(ok(await t.api['units.import']({ file: out }))).toMatchObject({ created: 0, updated: 0 });
  });
});

describe('dashboard (工作台) and the audit chain', () => {
  it('R20 R22 N2 the dashboard counts by tier and kind, lists what is due, missing inspections, expiring licences, missing officials and the calendar', async () => {
    const t = freshDb('2024-06-15');
    ok(await t.api['units.create'](unitRecord('ug-1', '地下矿山', 1, { officialName: undefined, officialPost: undefined, officialPhone: undefined, safetyLicence: 'X1', safetyLicenceUntil: '2024-08-01' })));
    ok(await t.api['units.create'](unitRecord('op-1', '露天矿山', 2)));
    ok(await t.api['assessments.saveDraft']({ unitId: 'op-1', ref: 'a', sheet: sheet('openpit', '2024-01-10'), assessors: ['王涛'] }));
    ok(await t.api['assessments.confirm']({ unitId: 'op-1', ref: 'a' }));
    ok(await t.api['events.record']({ unitId: 'op-1', event: { date: '2024-02-01', type: 'fatal-accident' } }));
    ok(await t.api['events.record']({ unitId: 'op-1', event: { date: '2024-03-01', type: 'nonfatal-accident' } }));
    const d = ok(await t.api['dashboard.get']({}));
    expect(d.byTier).toEqual({ A: 0, B: 0, C: 0, D: 1, none: 1 });
    expect(d.byKind.openpit).toEqual({ A: 0, B: 0, C: 0, D: 1, none: 0 });
    expect(d.due).toEqual([{ unit: 'op-1', name: '测试露天矿山2', clause: 'R18.8', due: '2024-03-01' }]);
    expect(d.inspectionsMissing).toEqual([{ unit: 'op-1', name: '测试露天矿山2', tier: 'D', period: '2024-Q2' }]);
    expect(d.missingOfficial).toEqual([{ unit: 'ug-1', name: '测试地下矿山1' }]);
    expect(d.licences[0]).toMatchObject({ unit: 'ug-1', level: 'warning' });
    expect(d.calendar[0]?.date).toBe('2025-03-10');
    ok(await t.api['inspections.record']({ unitId: 'op-1', date: '2024-04-02', kind: '执法检查', inspectors: ['王涛'] }));
    const now = ok(await t.api['dashboard.get']({}));
    expect(now.inspectionsMissing).toEqual([]);
    // kept while nothing is written (the same answer); another day is computed for that day
    expect(ok(await t.api['dashboard.get']({}))).toBe(now);
    expect(ok(await t.api['dashboard.get']({ on: '2024-07-02' })).inspectionsMissing).toEqual([{ unit: 'op-1', name: '测试露天矿山2', tier: 'D', period: '2024-Q3' }]);
  });

  it('every change is in the audit chain, which verifies', async () => {
    const t = freshDb();
    ok(await t.api['units.import']({ file: await registryXlsx(exampleUnits()) }));
    ok(await t.api['bureau.setOperator']({ operator: '杨义端' }));
    ok(await t.api['events.record']({ unitId: 'lf-op-017', event: { date: '2024-01-05', type: 'stopped' } }));
    expect(ok(await t.api['audit.verify']({}))).toEqual({ ok: true, rows: 7 });
    const last = t.db.prepare('SELECT operator FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { operator: string };
    expect(last.operator).toBe('杨义端');
    expect(verifyAudit(t.db).ok).toBe(true);
  });

  it('errors are data: bad input never throws', async () => {
    const t = freshDb();
    const r = await t.api['units.get']({ id: '' });
    expect(r).toMatchObject({ ok: false, error: { message: '输入有误：id 不能为空' } });
    const missing = await t.api['units.get']({ id: 'none' });
    expect(missing).toMatchObject({ ok: false, error: { message: '单位编号「none」不在台账中' } });
  });
});

describe('read-only helpers of the UI', () => {
  it('tables.get returns the table set; units.preview shows what an event would do without writing it', async () => {
    const t = freshDb('2024-06-15');
    ok(await t.api['units.create'](unitRecord('op-1', '露天矿山', 1)));
    ok(await t.api['assessments.saveDraft']({ unitId: 'op-1', ref: 'a', sheet: sheet('openpit', '2024-01-10'), assessors: ['王涛'] }));
    ok(await t.api['assessments.confirm']({ unitId: 'op-1', ref: 'a' }));
    expect(ok(await t.api['tables.get']({ id: 'linfen-2023', version: 'ref-1' })).kinds.openpit?.title).toBe('附表2 露天矿山安全风险分级评分表');
    const before = dump(t.db);
    const p = ok(await t.api['units.preview']({ unitId: 'op-1', event: { date: '2024-06-01', type: 'major-hazard', count: 2 } }));
    expect(p.before.tier).toBe('A');
    expect(p.after.tier).toBe('B');
    expect(p.after.due).toEqual([]);
    expect(dump(t.db)).toEqual(before);
  });
});
