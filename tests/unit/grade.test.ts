import { describe, expect, it } from 'vitest';
import { DIRECT_D_CLAUSES, TIERS, TIER_NAMES, raiseTier, type DirectDClause } from '../../src/domain/rules';
import { contractResult, decimalsOf, grade, tierOfScore } from '../../src/engine/grade';
import { parseSheet } from '../../src/engine/sheet';
import { builtinTableSets } from '../../src/tables/builtin';
import { ValidationError, formatIssue } from '../../src/validation/issues';
import { EXAMPLES, customRegistry, customSheet, gradeRef, readJson, ref, refSheet } from '../helpers';

const custom = customRegistry();
const gradeCustom = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  grade(parseSheet(customSheet(answers, extra), custom));

function sheetProblems(data: unknown, tables = ref): string[] {
  try {
    parseSheet(data, tables);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.issues.map((i) => formatIssue(i));
  }
}

describe('R7 tiers', () => {
  it('R7 four tiers A–D from lowest to highest risk; an upgrade moves toward D and never past it', () => {
    expect(TIERS).toEqual(['A', 'B', 'C', 'D']);
    expect(TIER_NAMES).toEqual({ A: '低风险', B: '一般风险', C: '较大风险', D: '重大风险' });
    expect(raiseTier('A', 1)).toBe('B');
    expect(raiseTier('B', 2)).toBe('D');
    expect(raiseTier('C', 5)).toBe('D');
  });
});

describe('R9–R14 the items of each dimension (reference set)', () => {
  const [set] = builtinTableSets();
  const names = (kind: string, dim: string) =>
    set!.kinds[kind as 'underground']!.dimensions.find((d) => d.name === dim)!.items.map((i) => i.name);
  it('R9 固有风险 items per kind are those the article names', () => {
    expect(names('underground', '固有风险')).toEqual(['开拓方式', '采矿方法', '作业中段', '开采深度', '单班最大同时作业人数', '采空区', '周边环境', '工程地质条件', '水文地质条件']);
    expect(names('openpit', '固有风险')).toEqual(['边坡参数', '封闭圈以下深度', '周边环境', '工程地质条件', '水文地质条件', '排土场等级']);
    expect(names('tailings', '固有风险')).toEqual(['尾矿库型式', '尾矿库等别', '汇水面积', '周边环境', '工程地质条件']);
    expect(names('quarry', '固有风险')).toEqual(names('openpit', '固有风险'));
  });
  it('R10 安全设备设施 items per kind are those the article names', () => {
    expect(names('underground', '安全设备设施')).toEqual(['提升系统', '通风系统', '排水系统', '供配电系统', '供水及防灭火系统', '压风系统', '通信联络系统', '监测监控系统', '人员定位系统']);
    expect(names('openpit', '安全设备设施')).toEqual(['穿孔设备', '铲装设备', '运输设备', '排水设施', '通风设施', '供配电', '边坡稳定监测系统']);
    expect(names('tailings', '安全设备设施')).toEqual(['坝体', '排洪系统', '在线安全监测系统']);
    expect(names('quarry', '安全设备设施')).toEqual(names('openpit', '安全设备设施'));
  });
  const R11 = ['资质证照', '主要负责人履职', '安全风险管控', '安全生产投入', '全员安全生产责任制', '安全管理制度和规程', '安全教育培训', '应急救援', '外包工程安全管理'];
  const R12 = ['“五职”矿长配备', '主要管理人员能力', '安全生产管理人员', '技术管理人员', '特种作业人员持证'];
  const R13 = ['安全生产天数', '机械化应用', '自动化智能化应用', '安全监测预警智能化水平', '安全生产标准化等级', '技术人员保障', '企业安全文化'];
  it('R11 R12 R13 management, personnel and incentive items come from the articles lists', () => {
    for (const kind of Object.keys(set!.kinds)) {
      for (const n of names(kind, '安全生产管理')) expect(R11).toContain(n);
      if (kind !== 'contractor') for (const n of names(kind, '从业人员素质')) expect(R12).toContain(n);
      for (const n of names(kind, '正向激励')) expect(R13).toContain(n);
    }
    expect(names('underground', '安全生产管理')).toEqual(R11);
    expect(names('underground', '正向激励')).toEqual(R13);
  });
  it('R14 项目部管理 of contractors has the five items the article names', () => {
    expect(names('contractor', '项目部管理')).toEqual(['安全生产管理', '从业人员管理', '安全设施设备管理', '领导带班入井', '隐患排查治理']);
  });
});

describe('R16 the score', () => {
  it('R16 starts from the base initial score and subtracts deductions', () => {
    const r = gradeRef('underground', { 'ug-inh-development': 'shaft', 'ug-eq-power': 2, 'ug-mgt-rules': 1 });
    expect(r.initialScore).toBe(100);
    expect(r.score).toBe(100 - 2 - 2 - 1);
    expect(r.scoreTier).toBe('A');
  });

  it('R16 lowers the initial score when a condition holds, per kind, from the table set', () => {
    expect(gradeRef('underground', {}, { initialConditions: ['ug-ic-depth800'] }).initialScore).toBe(80);
    expect(gradeRef('quarry', {}, { initialConditions: ['qr-ic-slope100'] }).initialScore).toBe(90);
    expect(gradeRef('exploration', {}, { initialConditions: ['ex-ic-cert'] }).initialScore).toBe(80);
    expect(gradeCustom({}, { initialConditions: ['c2'] }).initialScore).toBe(70);
    expect(gradeCustom({}).initialScore).toBe(95);
  });

  it('D5 initial-score conditions do not add up: any one lowers the score once', () => {
    const all = ['ug-ic-shift30', 'ug-ic-depth800', 'ug-ic-geo-complex', 'ug-ic-hydro-complex', 'ug-ic-under-water-building-rail'];
    expect(gradeRef('underground', {}, { initialConditions: all }).initialScore).toBe(80);
    expect(gradeCustom({}, { initialConditions: ['c1', 'c2'] }).initialScore).toBe(70);
  });

  it('R16 tier boundaries are exact and read from the table set: 90 is A, 89.5 is B (reference)', () => {
    const [set] = builtinTableSets();
    expect(tierOfScore(set!, 90)).toBe('A');
    expect(tierOfScore(set!, 89.5)).toBe('B');
    expect(tierOfScore(set!, 89.99999)).toBe('B');
    expect(tierOfScore(set!, 75)).toBe('B');
    expect(tierOfScore(set!, 74.5)).toBe('C');
    expect(tierOfScore(set!, 60)).toBe('C');
    expect(tierOfScore(set!, 59.5)).toBe('D');
    expect(tierOfScore(set!, -20)).toBe('D');
    // a sheet that lands on 89.5: 100 − 0.5 (rollers) − 10 …
    const r = gradeRef('underground', { 'ug-eq-hoisting': ['rollers'], 'ug-inh-goaf': 3, 'ug-eq-power': 4, 'ug-mgt-rules': 3 });
    expect(r.score).toBe(89.5);
    expect(r.scoreTier).toBe('B');
  });

  it('R16 uses the thresholds of another table set as given (A ≥ 85 there)', () => {
    const at85 = gradeCustom({ 'i-choice': 'c', 'i-count': 2, 'i-check': true });
    expect(at85.score).toBe(85);
    expect(at85.scoreTier).toBe('A');
    const below = gradeCustom({ 'i-choice': 'c', 'i-count': 2, 'i-check': true, 'i-manual': { points: 0.1, note: '现场' } });
    expect(below.score).toBe(84.9);
    expect(below.scoreTier).toBe('B');
    expect(gradeCustom({}, { initialConditions: ['c1'] }).scoreTier).toBe('B'); // exactly 70
  });

  it('R16 scores are exact decimals, never rounded (0.1 + 0.2 is 0.3)', () => {
    const r = gradeCustom({ 'i-multi': ['z'], 'i-manual': { points: 0.2, note: '说明' } });
    expect(r.dimensions.map((d) => d.applied)).toEqual([0.1, 0.2, 0]);
    expect(r.score).toBe(94.7);
    expect(decimalsOf(0.25)).toBe(2);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(decimalsOf(12)).toBe(0);
  });

  it('R16 caps each item at its own points (扣完为止) and says so', () => {
    const r = gradeCustom({ 'i-count': 5 });
    const item = r.dimensions[0]!.items.find((i) => i.id === 'i-count')!;
    expect(item).toMatchObject({ raw: 7.5, points: 6, capped: true, answered: true, answer: 5 });
    expect(r.score).toBe(89);
  });

  it('R16 caps each dimension at its points, and incentives at the incentive dimension', () => {
    const r = gradeCustom({ 'i-choice': 'c', 'i-multi': ['x', 'y'], 'i-count': 4, 'i-check': true, 'i-plus': 'hi' });
    const [d1, , plus] = r.dimensions;
    expect(d1).toMatchObject({ raw: 17, applied: 10, capped: true });
    expect(d1!.items.find((i) => i.id === 'i-multi')).toMatchObject({ raw: 5, points: 4, capped: true });
    expect(plus).toMatchObject({ effect: 'add', raw: 5, applied: 3, capped: true });
    expect(r.score).toBe(95 - 10 + 3);
  });

  it('D1 the score is not clamped: incentives can take it over 100', () => {
    const r = gradeRef('underground', {
      'ug-inc-safe-days': 2000,
      'ug-inc-mechanization': 'full',
      'ug-inc-automation': ['hoist', 'drainage', 'ventilation', 'power', 'remote-equipment', 'control-center'],
      'ug-inc-monitoring-ai': 'intelligent',
      'ug-inc-standardization': 'grade1',
      'ug-inc-tech-staff': 5,
      'ug-inc-culture': 'national',
    });
    expect(r.dimensions[4]).toMatchObject({ raw: 19, applied: 15 });
    expect(r.score).toBe(115);
    expect(r.tier).toBe('A');
  });

  it('scores every rule type as SCORING-TABLES.md says', () => {
    const item = (answers: Record<string, unknown>, id: string) =>
      gradeCustom(answers).dimensions.flatMap((d) => d.items).find((i) => i.id === id)!.points;
    expect(item({ 'i-choice': 'b' }, 'i-choice')).toBe(2.5);
    expect(item({ 'i-multi': ['y', 'z'] }, 'i-multi')).toBe(2.1);
    expect(item({ 'i-multi': [] }, 'i-multi')).toBe(0);
    expect(item({ 'i-count': 3 }, 'i-count')).toBe(4.5);
    expect(item({ 'i-count': 2.0 }, 'i-count')).toBe(3);
    expect(item({ 'i-check': true }, 'i-check')).toBe(2);
    expect(item({ 'i-check': false }, 'i-check')).toBe(0);
    expect(item({ 'i-bands': 9.99 }, 'i-bands')).toBe(0);
    expect(item({ 'i-bands': 10 }, 'i-bands')).toBe(4);
    expect(item({ 'i-bands': 19.5 }, 'i-bands')).toBe(4);
    expect(item({ 'i-bands': 20 }, 'i-bands')).toBe(8);
    expect(item({ 'i-bands': -3 }, 'i-bands')).toBe(0);
    expect(item({ 'i-manual': { points: 3.5, note: '现场核查' } }, 'i-manual')).toBe(3.5);
  });

  it('explains itself: every item with its answer, points and whether a cap cut it; unanswered items listed', () => {
    const r = gradeCustom({ 'i-choice': 'b' });
    expect(r.dimensions.flatMap((d) => d.items.map((i) => i.id))).toEqual(['i-choice', 'i-multi', 'i-count', 'i-check', 'i-bands', 'i-manual', 'i-plus']);
    expect(r.dimensions[0]!.items[0]).toEqual({ id: 'i-choice', name: '选择', max: 5, answered: true, answer: 'b', raw: 2.5, points: 2.5, capped: false });
    expect(r.dimensions[0]!.items[1]).toMatchObject({ answered: false, points: 0 });
    expect(r.unanswered).toEqual(['i-multi', 'i-count', 'i-check', 'i-bands', 'i-manual', 'i-plus']);
  });

  it('carries the official flag of the table set through', () => {
    expect(gradeRef('openpit').official).toBe(false);
    expect(gradeCustom({}).official).toBe(true);
  });
});

describe('R17 directly tier D at initial assessment', () => {
  const [set] = builtinTableSets();
  /** The clause makes every kind that lists it tier D with its score kept (D4); other kinds refuse it. */
  function directD(clause: DirectDClause): void {
    expect(DIRECT_D_CLAUSES[clause]).toBeDefined();
    const kinds = Object.entries(set!.kinds).filter(([, kt]) => kt.directD.includes(clause));
    expect(kinds.length).toBeGreaterThan(0);
    for (const [kind] of kinds) {
      const r = gradeRef(kind, {}, { directD: [clause] });
      expect(r.tier).toBe('D');
      expect(r.scoreTier).toBe('A');
      expect(r.score).toBe(100);
      expect(r.directD).toEqual([clause]);
    }
    for (const [kind] of Object.entries(set!.kinds).filter(([, kt]) => !kt.directD.includes(clause))) {
      expect(sheetProblems(refSheet(kind, {}, { directD: [clause] }))[0]).toMatch(/^directD\[0\] .*不是「.*」的直接判定 D 级条款/);
    }
  }
  it('R17.1 a fatal or major near-miss accident this year or last makes the tier D (all kinds)', () => directD('R17.1'));
  it('R17.2 a tailings dam failure or leak this year makes a pond tier D', () => directD('R17.2'));
  it('R17.3 an unrectified major accident hazard makes the tier D', () => directD('R17.3'));
  it('R17.4 construction or expansion makes a mine or pond tier D', () => directD('R17.4'));
  it('R17.5 unauthorised connection of workings makes a mine tier D', () => directD('R17.5'));
  it('R17.6 an underground mine stopped over 6 months is tier D', () => directD('R17.6'));
  it('R17.7 a pond with no operator or out of use over 6 months is tier D', () => directD('R17.7'));
  it('R17.8 a blacklisted unit is tier D', () => directD('R17.8'));

  it('R17 the first clause listed in the sheet is the one a tier change names; the score is still computed (D4)', () => {
    const r = gradeRef('underground', { 'ug-inh-development': 'mixed' }, { directD: ['R17.8', 'R17.6'] });
    expect(r.directD).toEqual(['R17.8', 'R17.6']);
    expect(r.score).toBe(96);
  });

  it('D4 the Fushan sheet keeps its score 82 (B) and is tier D under R17.6', () => {
    const r = grade(parseSheet(readJson(`${EXAMPLES}/grade-underground-fushan.json`), ref));
    expect(contractResult(r)).toEqual(readJson(`${EXAMPLES}/grade-underground-fushan.expected.json`));
  });
});

describe('the examples of CLI.md grade', () => {
  for (const name of ['grade-openpit-good', 'grade-quarry-high-slope', 'grade-underground-fushan']) {
    it(`${name} equals its expected result`, () => {
      const r = grade(parseSheet(readJson(`${EXAMPLES}/${name}.json`), ref));
      expect(contractResult(r)).toEqual(readJson(`${EXAMPLES}/${name}.expected.json`));
      expect(Object.keys(contractResult(r))).toEqual(['initialScore', 'dimensions', 'score', 'scoreTier', 'directD', 'tier', 'official']);
    });
  }
});

describe('bad sheets are refused with the JSON path and a Chinese message', () => {
  const cases: [string, unknown, RegExp, typeof ref?][] = [
    ['an unknown item id', refSheet('underground', { 'ug-nope': 1 }), /^answers\["ug-nope"\] 不是「金属非金属地下矿山」评分表中的项目$/],
    ['text where a number is due', refSheet('underground', { 'ug-inh-depth': '深' }), /^answers\["ug-inh-depth"\] 应为数字，实际为 "深"$/],
    ['null', refSheet('underground', { 'ug-inh-development': null }), /^answers\["ug-inh-development"\] 「开拓方式」的答案不能为 null$/],
    ['an option not in the item', refSheet('underground', { 'ug-inh-development': 'tunnel' }), /选项 "tunnel" 不属于「开拓方式」，应为 adit、shaft、mixed 之一/],
    ['a repeated option', refSheet('underground', { 'ug-eq-hoisting': ['rollers', 'rollers'] }), /^answers\["ug-eq-hoisting"\] 选项 "rollers" 重复$/],
    ['a multi answer that is not a list', refSheet('underground', { 'ug-eq-hoisting': 'rollers' }), /应为选项编号的数组/],
    ['a negative count', refSheet('underground', { 'ug-inh-goaf': -1 }), /应为不小于 0 的整数，实际为 -1/],
    ['a fractional count', refSheet('underground', { 'ug-inh-goaf': 1.5 }), /应为不小于 0 的整数，实际为 1\.5/],
    ['a check answered with text', refSheet('quarry', { 'qr-eq-ventilation': '是' }), /应为 true 或 false，实际为 "是"/],
    ['a manual item without a note', customSheet({ 'i-manual': { points: 1 } }), /^answers\["i-manual"\] 人工评分必须填写说明 note$/, custom],
    ['a manual item over its max', customSheet({ 'i-manual': { points: 6, note: 'x' } }), /points 应在 0 到 5 之间，实际为 6/, custom],
    ['an initial condition the kind does not have', refSheet('quarry', {}, { initialConditions: ['ug-ic-shift30'] }), /^initialConditions\[0\] "ug-ic-shift30" 不是「小型露天采石场、砖瓦用粘土开采企业」的初始分条件，应为 qr-ic-slope100 之一$/],
    ['a direct-D clause the kind does not have', refSheet('openpit', {}, { directD: ['R17.6'] }), /^directD\[0\] "R17\.6" 不是「金属非金属露天矿山」的直接判定 D 级条款/],
    ['a kind with no table (concentrator)', refSheet('concentrator'), /^kind 「尾矿库配套的选矿厂」没有评分表（R19/],
    ['an unknown kind', refSheet('coal'), /^kind 未知的单位类型 "coal"$/],
    ['a table that is not loaded', { ...refSheet('openpit'), table: { id: 'linfen-2023', version: 'ref-2' } }, /^table 未加载评分表 linfen-2023 版本 ref-2（已加载：linfen-2023 ref-1）$/],
    ['a kind the table set has no table for', customSheet({}, { kind: 'underground' }), /^kind 评分表 test-set 版本 v9 中没有「金属非金属地下矿山」的评分表$/, custom],
    ['a bad date', refSheet('openpit', {}, { assessedOn: '2024/3/20' }), /^assessedOn 应为 YYYY-MM-DD 格式的日期，实际为 "2024\/3\/20"$/],
    ['a missing table', { kind: 'openpit', assessedOn: '2024-03-20', answers: {} }, /^table 缺少此项$/],
  ];
  for (const [what, sheet, message, tables] of cases) {
    it(`refuses ${what}`, () => {
      const found = sheetProblems(sheet, tables ?? ref);
      expect(found.some((m) => message.test(m)), found.join('\n')).toBe(true);
    });
  }

  it('accepts a draft with no answers, and a count written 2.0', () => {
    expect(sheetProblems({ kind: 'openpit', table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: '2024-03-20' })).toEqual([]);
    expect(sheetProblems(refSheet('underground', { 'ug-inh-goaf': 2.0 }))).toEqual([]);
  });
});
