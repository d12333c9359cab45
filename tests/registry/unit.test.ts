import { describe, it, expect } from 'vitest';
import {
  KIND_LABELS,
  REGISTRY_COLUMNS,
  assessedByCity,
  checkUnit,
  parseDateText,
  unitRecordSchema,
  unitRuleProblems,
  type UnitRecord,
} from '../../src/registry/unit';
import { SAMPLE_RECORDS } from './helpers';

const column = (header: string) => {
  const c = REGISTRY_COLUMNS.find((x) => x.header === header);
  if (!c) throw new Error(header);
  return c;
};

const sample = (i: number): UnitRecord => ({ ...SAMPLE_RECORDS[i]! });

describe('registry vocabulary', () => {
  it('maps every 类型 text to its kind (REGISTRY.md)', () => {
    expect(KIND_LABELS.小型露天采石场).toBe('quarry');
    expect(KIND_LABELS.砖瓦用粘土开采).toBe('quarry');
    expect(KIND_LABELS.选矿厂).toBe('concentrator');
    expect(KIND_LABELS.地热).toBe('other');
    expect(KIND_LABELS.矿泉水).toBe('other');
    expect(Object.keys(KIND_LABELS)).toHaveLength(10);
  });

  it('R3: central, provincial and city units are assessed by the city bureau', () => {
    expect(assessedByCity('中央驻晋')).toBe(true);
    expect(assessedByCity('省属')).toBe(true);
    expect(assessedByCity('市属')).toBe(true);
    expect(assessedByCity('其他')).toBe(false);
  });

  it('has the REGISTRY.md columns in order, with the required ones flagged', () => {
    expect(REGISTRY_COLUMNS).toHaveLength(37);
    expect(REGISTRY_COLUMNS[0]!.header).toBe('单位编号');
    expect(REGISTRY_COLUMNS[36]!.header).toBe('监管联系电话');
    expect(REGISTRY_COLUMNS.filter((c) => c.required).map((c) => c.header)).toEqual([
      '单位编号', '企业名称', '矿山（尾矿库）名称', '统一社会信用代码', '类型', '所属县区', '隶属关系', '生产状态', '主要负责人', '主要负责人电话',
    ]);
  });
});

describe('unitRecordSchema', () => {
  it('accepts the sample records unchanged', () => {
    for (const r of SAMPLE_RECORDS) expect(unitRecordSchema.parse(r)).toEqual(r);
  });

  it('requires the stop date when stopped (停产, 停建)', () => {
    const r = sample(0);
    delete r.stoppedOn;
    const c = checkUnit(r);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problems).toEqual([{ field: 'stoppedOn', message: '生产状态为「停产」时必填' }]);
  });

  it('requires a licence date with its number, but not the other way round', () => {
    const r = sample(0);
    delete r.miningLicenceUntil;
    expect(unitRuleProblems(r)).toEqual([{ field: 'miningLicenceUntil', message: '填写了采矿许可证号时必填' }]);
    const s = sample(0);
    delete s.safetyLicence;
    expect(unitRuleProblems(s)).toEqual([]);
  });

  it('requires the official post and phone with the official', () => {
    const r = sample(1);
    delete r.officialPost;
    delete r.officialPhone;
    expect(unitRuleProblems(r).map((p) => p.field)).toEqual(['officialPost', 'officialPhone']);
  });

  it('names the kind a kind-specific field belongs to', () => {
    const r: UnitRecord = { ...sample(1), depth: 10, slopeHeight: 5, qualification: 'Q1', qualificationUntil: '2030-01-01' };
    const p = unitRuleProblems(r);
    expect(p).toContainEqual({ field: 'depth', message: '此项仅适用于地下矿山，本单位类型为「尾矿库」，请清空此项或更正类型' });
    expect(p).toContainEqual({ field: 'slopeHeight', message: '此项仅适用于露天矿山、小型露天采石场、砖瓦用粘土开采，本单位类型为「尾矿库」，请清空此项或更正类型' });
    expect(p.map((x) => x.field)).toEqual(['depth', 'slopeHeight', 'qualification', 'qualificationUntil']);
  });

  it('R19: a concentrator needs its pond; nobody else may have one', () => {
    const r = sample(2);
    delete r.pondId;
    expect(unitRuleProblems(r)).toEqual([{ field: 'pondId', message: '选矿厂必须填写配套尾矿库的单位编号（R19）' }]);
    expect(unitRuleProblems({ ...sample(1), pondId: 'X' })[0]?.message).toMatch(/^此项仅适用于选矿厂/);
  });

  it('checks ids, phones, coordinates, numbers and the credit code', () => {
    const c = checkUnit({ ...sample(0), id: 'YD 001', principalPhone: '138-0013', lon: 140, lat: 2, depth: -1, maxShiftUnderground: 2.5, creditCode: '91350100M000100Y44' });
    expect(c.ok).toBe(false);
    if (c.ok) return;
    const byField = Object.fromEntries(c.problems.map((p) => [p.field, p.message]));
    expect(byField.id).toBe('只能由字母、数字和“-”组成，实际为 "YD 001"');
    expect(byField.principalPhone).toMatch(/^应为 7–12 位数字/);
    expect(byField.lon).toBe('应在 73–136 之间，实际为 140');
    expect(byField.lat).toBe('应在 3–54 之间，实际为 2');
    expect(byField.depth).toBe('应不小于 0，实际为 -1');
    expect(byField.maxShiftUnderground).toBe('应为整数，实际为 2.5');
    expect(byField.creditCode).toMatch(/^校验码错误/);
    // The cross-field rules still run while other fields are wrong.
    const d = checkUnit({ ...sample(0), id: '', stoppedOn: undefined });
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.problems.map((p) => p.field)).toEqual(['id', 'stoppedOn']);
  });

  it('accepts phones with an area code', () => {
    for (const p of ['0357-2345678', '010-12345678', '13800138000', '2345678']) {
      expect(checkUnit({ ...sample(0), principalPhone: p }).ok).toBe(true);
    }
    for (const p of ['123456', '0357-123456', '1380013800012345', '0357 2345678', '+8613800138000']) {
      expect(checkUnit({ ...sample(0), principalPhone: p }).ok).toBe(false);
    }
  });

  it('refuses unknown fields and a 类型 text that does not match the kind', () => {
    expect(checkUnit({ ...sample(0), extra: 1 }).ok).toBe(false);
    const c = checkUnit({ ...sample(0), kind: 'openpit' });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problems[0]?.field).toBe('kindLabel');
  });
});

describe('cell parsers', () => {
  it('reads dates in every accepted form', () => {
    expect(parseDateText('2024-03-01')).toEqual({ ok: true, value: '2024-03-01' });
    expect(parseDateText('2024/3/1')).toEqual({ ok: true, value: '2024-03-01' });
    expect(parseDateText('2024年3月1日')).toEqual({ ok: true, value: '2024-03-01' });
    expect(parseDateText('2023-02-29')).toEqual({ ok: false, problem: '不是有效的日期："2023-02-29"' });
    expect(parseDateText('2024/13/1').ok).toBe(false);
    expect(parseDateText('3/1/2024').ok).toBe(false);
    expect(column('停产停建日期').parse(new Date(Date.UTC(2024, 1, 29)))).toEqual({ ok: true, patch: { stoppedOn: '2024-02-29' } });
  });

  it('turns numbers into text without .0 and refuses numbers Excel has truncated', () => {
    expect(column('主要负责人电话').parse(13800138000)).toEqual({ ok: true, patch: { principalPhone: '13800138000' } });
    expect(column('单位编号').parse(20240007)).toEqual({ ok: true, patch: { id: '20240007' } });
    const cc = column('统一社会信用代码').parse(1.23456789012346e17);
    expect(cc.ok).toBe(false);
    if (!cc.ok) expect(cc.problem).toMatch(/超过 15 位的数字/);
  });

  it('reads 类型 into kind and the exact label', () => {
    expect(column('类型').parse(' 砖瓦用粘土开采 ')).toEqual({ ok: true, patch: { kind: 'quarry', kindLabel: '砖瓦用粘土开采' } });
    const bad = column('类型').parse('煤矿');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/^应为 地下矿山、露天矿山、尾矿库.*实际为 "煤矿"$/);
  });

  it('reads 是/否, numbers as text, and upper-cases credit codes', () => {
    expect(column('是否头顶库').parse('是')).toEqual({ ok: true, patch: { overheadPond: true } });
    expect(column('是否头顶库').parse(false)).toEqual({ ok: true, patch: { overheadPond: false } });
    expect(column('是否头顶库').parse('Y').ok).toBe(false);
    expect(column('开采深度(m)').parse(' 12.5 ')).toEqual({ ok: true, patch: { depth: 12.5 } });
    expect(column('开采深度(m)').parse('十二').ok).toBe(false);
    expect(column('统一社会信用代码').parse('91350100m000100y43')).toEqual({ ok: true, patch: { creditCode: '91350100M000100Y43' } });
  });

  it('reports an empty required cell and accepts an empty optional one', () => {
    expect(column('企业名称').parse('  ')).toEqual({ ok: false, problem: '必填，不能为空' });
    expect(column('乡镇').parse(undefined)).toEqual({ ok: true, patch: {} });
  });
});
