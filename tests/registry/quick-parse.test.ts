import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateUnits } from '../../bench/generate';
import { inRecordOrder, quickParser, quickRecord } from '../../src/registry/quick-parse';
import { KIND_LABEL_LIST, REGISTRY_COLUMNS, unitRecordSchema, type CellInput, type UnitRecord } from '../../src/registry/unit';
import { SAMPLE_RECORDS, code } from './helpers';

/** Cells of every sort a registry column meets: valid values of every column, near misses, other types. */
const TEXTS = [
  'YD-001', 'yd 001', 'A_1', '20240007', '临汾市某某矿业有限公司', ' 尧都区 ', '', '   ', '\t张三\n',
  '13800138000', '0357-2345678', '0357 2345678', '138001', '12350', '+8613800138000',
  code('91141000MA0K00001'), code('91141000MA0K00001').toLowerCase(), '91141000MA0K00001X', '91350100M000100Y44', '9114100OMA0K00001',
  '2024-03-01', ' 2024-03-01 ', '2024-3-1', '2024/3/1', '2024年3月1日', '2023-02-29', '2024-02-29', '2024-13-01', '24-03-01',
  ...KIND_LABEL_LIST, '煤矿', '中央驻晋', '省属', '市属', '其他', '国有', '生产', '停产', '停建', '闭库', '停 产',
  '一级', '二级', '三级', '无', '一等', '五等', '六等', '是', '否', 'TRUE', '=A1', '-某某', '@钱七', '0', '-1', '12.5', '1e3',
];
const anyCell: fc.Arbitrary<CellInput | undefined> = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.constantFrom(...TEXTS).map((s) => ` ${s}  `),
  fc.string(),
  fc.constant(undefined),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.boolean(),
  fc.date(),
);

describe('quickParser: the fast path accepts only what the column accepts, with the same value', () => {
  for (const def of REGISTRY_COLUMNS) {
    it(def.header, () => {
      const quick = quickParser(def);
      fc.assert(
        fc.property(anyCell, (cell) => {
          const into: Partial<UnitRecord> = {};
          if (!quick(cell, into)) return;
          const full = def.parse(cell);
          expect(full).toEqual({ ok: true, patch: into });
        }),
        { numRuns: 400 },
      );
      // and on every listed text, to be sure each case is met
      for (const cell of TEXTS) {
        const into: Partial<UnitRecord> = {};
        if (quick(cell, into)) expect(def.parse(cell), JSON.stringify(cell)).toEqual({ ok: true, patch: into });
      }
    });
  }

  it('takes the common cells of a registry (so the import is fast)', () => {
    const records = [...SAMPLE_RECORDS, ...generateUnits(200, 'quick')];
    let quick = 0;
    let all = 0;
    for (const r of records) {
      for (const def of REGISTRY_COLUMNS) {
        const v = def.format(r);
        if (typeof v !== 'string') continue;
        all++;
        if (quickParser(def)(v, {})) quick++;
      }
    }
    expect(quick / all).toBeGreaterThan(0.9);
  });
});

describe('quickRecord: what unitRecordSchema gives for a row without problems', () => {
  it('the same record, fields in the same order (the audit log stores its JSON)', () => {
    for (const r of [...SAMPLE_RECORDS, ...generateUnits(300, 'quick-record')]) {
      // the fields as an import row sets them: in column order, or shuffled (columns in another order)
      const inColumnOrder: Partial<UnitRecord> = {};
      for (const def of REGISTRY_COLUMNS) {
        const parsed = def.parse(def.format(r));
        if (parsed.ok) Object.assign(inColumnOrder, parsed.patch);
      }
      const shuffled = Object.fromEntries(Object.entries(inColumnOrder).reverse()) as Partial<UnitRecord>;
      const expected = JSON.stringify(unitRecordSchema.parse(inColumnOrder));
      expect(JSON.stringify(quickRecord(inColumnOrder, inRecordOrder(REGISTRY_COLUMNS)))).toBe(expected);
      expect(JSON.stringify(quickRecord(shuffled))).toBe(expected);
    }
  });

  it('null when a required field is missing; column order known', () => {
    const { id: _id, ...noId } = SAMPLE_RECORDS[0]!;
    expect(quickRecord(noId)).toBeNull();
    expect(unitRecordSchema.safeParse(noId).success).toBe(false);
    expect(inRecordOrder(REGISTRY_COLUMNS)).toBe(true);
    expect(inRecordOrder([...REGISTRY_COLUMNS].reverse())).toBe(false);
  });
});
