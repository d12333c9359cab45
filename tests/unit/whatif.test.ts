/** 假如整改: the smallest set of fixable deductions that raises the score tier one step. */
import { describe, expect, it } from 'vitest';
import { grade } from '../../src/engine/grade';
import { parseSheet } from '../../src/engine/sheet';
import { fixableDimension, regrade, whatIf, zeroAnswer } from '../../src/engine/whatif';
import { TableRegistry } from '../../src/tables/registry';
import { parseTableSet } from '../../src/tables/schema';
import type { Item } from '../../src/tables/schema';
import { ref, refSheet } from '../helpers';

const check = (kind: string, answers: Record<string, unknown>, extra: Record<string, unknown> = {}) => parseSheet(refSheet(kind, answers, extra), ref);

/** A tiny table: A ≥ 90, B ≥ 75, C ≥ 60; an inherent dimension and two fixable ones, one with a cap. */
function tinyRegistry(): TableRegistry {
  return new TableRegistry([
    parseTableSet({
      schema: 'mine-risk-table/1',
      id: 'tiny',
      version: 'v1',
      title: '测试',
      official: true,
      effectiveFrom: '2025-01-01',
      tiers: [
        { tier: 'A', min: 90 },
        { tier: 'B', min: 75 },
        { tier: 'C', min: 60 },
        { tier: 'D', min: null },
      ],
      kinds: {
        openpit: {
          title: '测试表',
          initialScore: { base: 100, lowered: 80, conditions: [{ id: 'c', label: '条件' }] },
          directD: ['R17.1'],
          dimensions: [
            {
              id: 'inherent',
              name: '固有风险',
              effect: 'deduct',
              max: 20,
              items: [{ id: 'geo', name: '地质', max: 20, rule: { type: 'choice', options: [{ id: 's', label: '简单', points: 0 }, { id: 'x', label: '复杂', points: 20 }] } }],
            },
            {
              id: 'equipment',
              name: '安全设备设施',
              effect: 'deduct',
              max: 10,
              items: [
                { id: 'e1', name: '设备一', max: 8, rule: { type: 'count', per: 2 } },
                { id: 'e2', name: '设备二', max: 6, rule: { type: 'check', points: 6 } },
                { id: 'e3', name: '设备三', max: 3, rule: { type: 'bands', bands: [{ below: 5, points: 3 }, { points: 0 }] } },
              ],
            },
            {
              id: 'management',
              name: '安全生产管理',
              effect: 'deduct',
              max: 20,
              items: [
                { id: 'm1', name: '管理一', max: 5, rule: { type: 'multi', options: [{ id: 'a', label: 'a', points: 3 }, { id: 'b', label: 'b', points: 2 }] } },
                { id: 'm2', name: '管理二', max: 4, rule: { type: 'manual' } },
                { id: 'm3', name: '管理三', max: 4, rule: { type: 'choice', options: [{ id: 'p', label: '较差', points: 2 }, { id: 'q', label: '很差', points: 4 }] } },
                { id: 'm4', name: '管理四', max: 1, rule: { type: 'count', per: 0.5 } },
              ],
            },
            {
              id: 'incentive',
              name: '正向激励',
              effect: 'add',
              max: 5,
              items: [{ id: 'i1', name: '激励', max: 5, rule: { type: 'check', points: 5 } }],
            },
          ],
        },
      },
    }),
  ]);
}
const tiny = tinyRegistry();
const tinySheet = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  parseSheet({ kind: 'openpit', table: { id: 'tiny', version: 'v1' }, assessedOn: '2025-03-01', answers, ...extra }, tiny);

describe('what-if: what is fixable', () => {
  it('固有风险 and 正向激励 are not fixable; equipment, management, personnel and 项目部管理 are', () => {
    const set = ref.get('linfen-2023', 'ref-1')!;
    const fixable = (kind: 'underground' | 'contractor') => set.kinds[kind]!.dimensions.filter(fixableDimension).map((d) => d.name);
    expect(fixable('underground')).toEqual(['安全设备设施', '安全生产管理', '从业人员素质']);
    expect(fixable('contractor')).toEqual(['安全生产管理', '项目部管理']);
  });

  it('the answer that deducts nothing, per rule type', () => {
    const item = (rule: unknown) => ({ id: 'x', name: 'x', max: 9, rule }) as Item;
    expect(zeroAnswer(item({ type: 'choice', options: [{ id: 'a', label: 'a', points: 2 }, { id: 'z', label: 'z', points: 0 }] }))).toBe('z');
    expect(zeroAnswer(item({ type: 'choice', options: [{ id: 'a', label: 'a', points: 2 }] }))).toBeNull();
    expect(zeroAnswer(item({ type: 'multi', options: [] }))).toEqual([]);
    expect(zeroAnswer(item({ type: 'count', per: 1 }))).toBe(0);
    expect(zeroAnswer(item({ type: 'check', points: 1 }))).toBe(false);
    expect(zeroAnswer(item({ type: 'bands', bands: [{ below: 3, points: 2 }, { below: 7, points: 0 }, { points: 4 }] }))).toBe(3);
    expect(zeroAnswer(item({ type: 'bands', bands: [{ below: 3, points: 0 }, { points: 4 }] }))).toBe(0);
    expect(zeroAnswer(item({ type: 'bands', bands: [{ below: 3, points: 1 }, { points: 4 }] }))).toBeNull();
    expect(zeroAnswer(item({ type: 'manual' }))).toEqual({ points: 0, note: '假如整改：不再扣分' });
  });
});

describe('what-if: the smallest set of fixes', () => {
  it('R16 one fix of the largest deduction lifts C to B; the promised score is the engine score', () => {
    // 100 − 20 (inherent) − 6 (e2) − 2 (m3) = 72 → C; fixing e2 (6) gives 78 → B
    const c = tinySheet({ geo: 'x', e2: true, m3: 'p' });
    expect(grade(c).scoreTier).toBe('C');
    const w = whatIf(c);
    expect(w.status).toBe('ok');
    if (w.status !== 'ok') return;
    expect(w.target).toBe('B');
    expect(w.needed).toBe(75);
    expect(w.fixes.map((f) => f.itemId)).toEqual(['e2']);
    expect(w.newScore).toBe(78);
    expect(w.newTier).toBe('B');
    expect(regrade(c, w.fixes).score).toBe(78);
  });

  it('R16 inherent deductions are never proposed, even when one fix there would be enough', () => {
    const w = whatIf(tinySheet({ geo: 'x', m1: ['a'] }));
    // 100 − 20 − 3 = 77 → B; only m1 (3) is fixable: 80 < 90
    expect(w.status).toBe('impossible');
    if (w.status !== 'impossible') return;
    expect(w.target).toBe('A');
    expect(w.bestScore).toBe(80);
    expect(w.fixable).toBe(1);
  });

  it('R16 a capped dimension: fixes that only remove the excess over the cap gain nothing, and the search knows it', () => {
    // equipment raw 8 + 6 + 3 = 17, capped at 10; management 5 + 4 + 1 = 10 (no cap). Score = 100 − 10 − 10 = 80 → B.
    const c = tinySheet({ e1: 4, e2: true, e3: 1, m1: ['a', 'b'], m3: 'q', m4: 2 });
    const r = grade(c);
    expect(r.score).toBe(80);
    expect(r.dimensions.find((d) => d.id === 'equipment')!.capped).toBe(true);
    const w = whatIf(c, r);
    expect(w.status).toBe('ok');
    if (w.status !== 'ok') return;
    // Need +10. Equipment: fixing e1 (8) removes only 1 (17 → 9 ≤ 10? gain = 8 − 7 = 1). Management: m1 5 + m3 4 + m4 1 = 10 → 3 fixes.
    // Equipment top-2 (8 + 6 = 14, gain 7) + management top-1 (5) = 12 → 3 fixes too; is there a 2-fix set? e1+e2 gain 7, m1+m3 gain 9, e1+m1 gain 1+5 = 6: no.
    expect(w.fixes).toHaveLength(3);
    expect(w.newScore).toBeGreaterThanOrEqual(90);
    // every smaller set fails (exhaustive check of all pairs)
    const all = ['e1', 'e2', 'e3', 'm1', 'm3', 'm4'];
    const fixOf = (id: string) => ({ itemId: id, itemName: id, dimensionId: '', dimensionName: '', points: 0, answer: ({ e1: 0, e2: false, e3: 5, m1: [], m3: 'p', m4: 0 } as Record<string, unknown>)[id] as never });
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(regrade(c, [fixOf(all[i]!), fixOf(all[j]!)]).scoreTier).not.toBe('A');
  });

  it('R16 a choice item with no 0-point option is not fixable (m3 cannot go below 较差)', () => {
    const c = tinySheet({ m3: 'q', e2: true, geo: 'x' }, { initialConditions: ['c'] });
    // 80 − 20 − 6 − 4 = 50 → D; need 60: e2 gives 56, m3 is not fixable → impossible
    const w = whatIf(c);
    expect(w.status).toBe('impossible');
  });

  it('R16 prefers, among smallest sets, the one with the highest resulting score', () => {
    // 100 − 20 − (e1 2 + e2 6) − m1 3 = 69 → C; need 75: e2 alone gives 75 (exactly on the threshold → B)
    const c = tinySheet({ geo: 'x', e1: 1, e2: true, m1: ['a'] });
    const w = whatIf(c);
    expect(w.status === 'ok' && w.fixes.map((f) => f.itemId)).toEqual(['e2']);
    expect(w.status === 'ok' && w.newScore).toBe(75);
  });

  it('R16 already tier A: nothing to do', () => {
    expect(whatIf(tinySheet({})).status).toBe('best');
  });

  it('R17 a direct-D clause: no fix of deductions helps', () => {
    const w = whatIf(tinySheet({ e2: true }, { directD: ['R17.1'] }));
    expect(w).toMatchObject({ status: 'direct-d', clauses: ['R17.1'] });
  });

  it('R16 on the reference set: an underground mine in C gets to B by fixing its biggest management and equipment defects', () => {
    const c = check('underground', {
      'ug-inh-geology': 'complex',
      'ug-inh-hydrogeology': 'complex',
      'ug-eq-ventilation': ['no-mechanical', 'main-fan'],
      'ug-eq-hoisting': ['rope-test', 'hoist-test', 'three-stops'],
      'ug-eq-power': 3,
      'ug-mgt-certificates': ['expired'],
      'ug-per-five-posts': ['manager', 'chief-engineer'],
      'ug-per-tech-staff': 2,
      'ug-per-special-ops': 4,
    });
    const r = grade(c);
    // 100 − 6 − (5 capped from 6.5 + 6 + 3) − 4 − 9 = 67 → C; B needs 8 more: 6 (hoisting) + 5 (ventilation)
    expect(r.score).toBe(67);
    const w = whatIf(c, r);
    expect(w.status).toBe('ok');
    if (w.status !== 'ok') return;
    expect(w.fixes.every((f) => f.dimensionId !== 'inherent')).toBe(true);
    expect(w.fixes.map((f) => f.itemId)).toEqual(['ug-eq-hoisting', 'ug-eq-ventilation']);
    expect(w.newScore).toBe(78);
    expect(regrade(c, w.fixes).scoreTier).toBe(w.target);
    // minimal: no set of one fewer of the fixable items reaches the target (checked by brute force over all subsets of that size)
    const items = r.dimensions.filter((d) => d.id !== 'inherent' && d.effect === 'deduct').flatMap((d) => d.items.filter((i) => i.points > 0).map((i) => i.id));
    const size = w.fixes.length - 1;
    const zero = (id: string) => ({ itemId: id, itemName: id, dimensionId: '', dimensionName: '', points: 0, answer: (Array.isArray(c.sheet.answers[id]) ? [] : 0) as never });
    const subsets = (from: number, k: number): string[][] => (k === 0 ? [[]] : from >= items.length ? [] : [...subsets(from + 1, k - 1).map((s) => [items[from]!, ...s]), ...subsets(from + 1, k)]);
    for (const s of subsets(0, size)) expect(regrade(c, s.map(zero)).scoreTier).not.toBe(w.target);
  });
});
