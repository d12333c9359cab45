import { describe, expect, it } from 'vitest';
import { builtinTableSets } from '../../src/tables/builtin';
import { TableRegistry } from '../../src/tables/registry';
import { parseTableSet } from '../../src/tables/schema';
import { ValidationError, formatIssue } from '../../src/validation/issues';
import { SPEC, clone, customTableJson, readJson } from '../helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The formatted problems of a table set, or [] when it is accepted. */
function problems(data: unknown): string[] {
  try {
    parseTableSet(data);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.issues.map((i) => formatIssue(i));
  }
}

function mutated(fn: (t: Json) => void): Json {
  const t = clone(customTableJson()) as Json;
  fn(t);
  return t;
}

describe('scoring tables as data (D8)', () => {
  it('D8 the shipped reference set is the spec file, unchanged, and marked not official', () => {
    const [ref] = builtinTableSets();
    expect(ref).toBeDefined();
    expect(readJson(`${SPEC}/reference-tables.json`)).toEqual(readJson(`${__dirname}/../../templates/scoring/linfen-2023-ref-1.json`));
    expect(ref?.id).toBe('linfen-2023');
    expect(ref?.version).toBe('ref-1');
    expect(ref?.official).toBe(false);
  });

  it('R4 R8 the reference set has a table for each of the six kinds with tables, with their R8 dimensions', () => {
    const [ref] = builtinTableSets();
    expect(Object.keys(ref!.kinds).sort()).toEqual(['contractor', 'exploration', 'openpit', 'quarry', 'tailings', 'underground']);
    expect(ref!.kinds.exploration!.dimensions.map((d) => d.name)).toEqual(['安全生产管理', '从业人员素质', '正向激励']);
    expect(ref!.kinds.contractor!.dimensions.map((d) => d.name)).toEqual(['安全生产管理', '项目部管理', '正向激励']);
    expect(ref!.kinds.underground!.dimensions.map((d) => d.name)).toEqual(['固有风险', '安全设备设施', '安全生产管理', '从业人员素质', '正向激励']);
  });

  it('accepts a table set with other ids, thresholds and points', () => {
    expect(problems(customTableJson())).toEqual([]);
  });

  it('D8 loads several table sets keyed by id and version, and refuses the same id and version twice', () => {
    const a = parseTableSet(customTableJson());
    const b = parseTableSet({ ...customTableJson(), version: 'v10' });
    const reg = new TableRegistry([...builtinTableSets(), a, b]);
    expect(reg.get('test-set', 'v9')).toBe(a);
    expect(reg.get('test-set', 'v10')).toBe(b);
    expect(reg.get('linfen-2023', 'ref-1')?.official).toBe(false);
    expect(reg.get('test-set', 'v11')).toBeUndefined();
    expect(() => reg.add(parseTableSet(customTableJson()))).toThrow(/已加载/);
  });

  it('reads an array of table sets and names the array index of a bad one', () => {
    const bad = mutated((t) => (t.tiers[0].tier = 'B'));
    expect(() => TableRegistry.fromJson([customTableJson(), bad])).toThrow(/^\[1\]\.tiers/);
  });

  const cases: [string, (t: Json) => void, RegExp][] = [
    ['duplicate item ids', (t) => (t.kinds.openpit.dimensions[1].items[0].id = 'i-choice'), /^kinds\.openpit\.dimensions\[1\]\.items\[0\]\.id 项目编号 "i-choice" 重复（已用于 dimensions\[0\]\.items\[0\]）$/],
    ['duplicate option ids', (t) => (t.kinds.openpit.dimensions[0].items[1].rule.options[2].id = 'x'), /items\[1\]\.rule\.options\[2\]\.id 选项编号 "x" 重复/],
    ['duplicate dimension ids', (t) => (t.kinds.openpit.dimensions[1].id = 'd1'), /^kinds\.openpit\.dimensions\[1\]\.id 方面编号 "d1" 重复/],
    ['option points above the item max', (t) => (t.kinds.openpit.dimensions[0].items[0].rule.options[2].points = 6), /^kinds\.openpit\.dimensions\[0\]\.items\[0\]\.rule\.options\[2\]\.points 选项分值 6 超过本项满分 5$/],
    ['check points above the item max', (t) => (t.kinds.openpit.dimensions[0].items[3].rule.points = 3), /rule\.points 分值 3 超过本项满分 2/],
    ['band points above the item max', (t) => (t.kinds.openpit.dimensions[1].items[0].rule.bands[2].points = 9), /bands\[2\]\.points 分档分值 9 超过本项满分 8/],
    ['unknown rule types', (t) => (t.kinds.openpit.dimensions[0].items[0].rule.type = 'formula'), /items\[0\]\.rule\.type 未知的评分规则类型 "formula"/],
    ['unknown direct-D clauses', (t) => t.kinds.openpit.directD.push('R17.9'), /^kinds\.openpit\.directD\[2\] 未知的直接判定 D 级条款 "R17\.9"/],
    ['direct-D clauses the kind does not have (R17.6 is underground only)', (t) => t.kinds.openpit.directD.push('R17.6'), /directD\[2\] 条款 R17\.6（地下矿山停产停建超过6个月）不适用于「金属非金属露天矿山」/],
    ['repeated direct-D clauses', (t) => t.kinds.openpit.directD.push('R17.1'), /directD\[2\] 条款 R17\.1 重复/],
    ['tiers out of order', (t) => (t.tiers = [t.tiers[1], t.tiers[0], t.tiers[2], t.tiers[3]]), /^tiers 等级应依次为 A、B、C、D/],
    ['thresholds that do not fall', (t) => (t.tiers[1].min = 90), /^tiers\[1\]\.min 等级 B 的下限 90 应低于上一等级的下限 85$/],
    ['a lower bound on tier D', (t) => (t.tiers[3].min = 0), /^tiers\[3\]\.min 最高风险等级 D 没有下限/],
    ['a missing threshold', (t) => (t.tiers[2].min = null), /^tiers\[2\]\.min 等级 C 应有分数下限/],
    ['a table for the concentrator (R19)', (t) => (t.kinds.concentrator = t.kinds.openpit), /^kinds\.concentrator 「尾矿库配套的选矿厂」没有评分表（R19/],
    ['unknown kinds', (t) => (t.kinds.coal = t.kinds.openpit), /^kinds\.coal 未知的单位类型 "coal"/],
    ['a lowered initial score above the base (R16)', (t) => (t.kinds.openpit.initialScore.lowered = 96), /initialScore\.lowered 降低后的初始分 96 不应高于初始分 95/],
    ['bands out of order', (t) => (t.kinds.openpit.dimensions[1].items[0].rule.bands[1].below = 5), /bands\[1\]\.below 上界 5 应大于上一档的上界 10/],
    ['a last band with an upper bound', (t) => (t.kinds.openpit.dimensions[1].items[0].rule.bands[2].below = 30), /bands\[2\]\.below 最后一档不应有上界/],
    ['negative points', (t) => (t.kinds.openpit.dimensions[0].items[0].rule.options[0].points = -1), /options\[0\]\.points 应不小于 0，实际为 -1/],
    ['points given as text', (t) => (t.kinds.openpit.dimensions[0].max = '10'), /^kinds\.openpit\.dimensions\[0\]\.max 应为数字，实际为 "10"/],
    ['a wrong schema id', (t) => (t.schema = 'mine-risk-table/2'), /^schema 应为 "mine-risk-table\/1" 之一/],
    ['a missing version', (t) => delete t.version, /^version 缺少此项$/],
    ['a bad effective date', (t) => (t.effectiveFrom = '2025-13-01'), /^effectiveFrom 应为 YYYY-MM-DD 格式的日期/],
    ['an unknown effect', (t) => (t.kinds.openpit.dimensions[2].effect = 'bonus'), /dimensions\[2\]\.effect 应为 "deduct"、"add" 之一，实际为 "bonus"/],
    ['a non-positive count step', (t) => (t.kinds.openpit.dimensions[0].items[2].rule.per = 0), /items\[2\]\.rule\.per 应大于 0/],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what}, naming the JSON path in Chinese`, () => {
      const found = problems(mutated(change));
      expect(found.length).toBeGreaterThan(0);
      expect(found.some((m) => message.test(m)), found.join('\n')).toBe(true);
    });
  }

  it('reports every problem of a table set, not just the first', () => {
    const found = problems(
      mutated((t) => {
        t.tiers[1].min = 90;
        t.kinds.openpit.directD.push('R17.2');
        t.kinds.openpit.dimensions[0].items[0].rule.options[2].points = 6;
      }),
    );
    expect(found).toHaveLength(3);
  });
});
