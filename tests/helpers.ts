/** Shared test fixtures: the reference tables, sheets, and a table set unlike the reference one. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { grade, type GradeResult } from '../src/engine/grade';
import { parseSheet } from '../src/engine/sheet';
import { parseUnitCase, type UnitCase } from '../src/engine/timeline';
import { builtinRegistry } from '../src/tables/builtin';
import { TableRegistry } from '../src/tables/registry';
import { parseTableSet } from '../src/tables/schema';

export const ROOT = path.resolve(__dirname, '..');
export const SPEC = path.resolve(ROOT, '../shared/spec');
export const EXAMPLES = path.join(SPEC, 'examples');

export const ref = builtinRegistry();

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** A sheet against the reference set. */
export function refSheet(kind: string, answers: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { kind, table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: '2024-03-20', answers, ...extra };
}

export function gradeRef(kind: string, answers: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): GradeResult {
  return grade(parseSheet(refSheet(kind, answers, extra), ref));
}

/**
 * A table set with other ids, thresholds (A ≥ 85, B ≥ 70, C ≥ 50), initial scores, points and
 * one of every rule type: used to show nothing of the reference set is hard-coded.
 */
export function customTableJson(): Record<string, unknown> {
  return {
    schema: 'mine-risk-table/1',
    id: 'test-set',
    version: 'v9',
    title: '测试评分表',
    official: true,
    basis: '测试',
    effectiveFrom: '2025-01-01',
    tiers: [
      { tier: 'A', min: 85 },
      { tier: 'B', min: 70 },
      { tier: 'C', min: 50 },
      { tier: 'D', min: null },
    ],
    kinds: {
      openpit: {
        title: '测试露天矿山表',
        initialScore: { base: 95, lowered: 70, conditions: [{ id: 'c1', label: '条件一' }, { id: 'c2', label: '条件二' }] },
        directD: ['R17.1', 'R17.4'],
        dimensions: [
          {
            id: 'd1', name: '方面一', effect: 'deduct', max: 10,
            items: [
              { id: 'i-choice', name: '选择', max: 5, rule: { type: 'choice', options: [{ id: 'a', label: 'A', points: 0 }, { id: 'b', label: 'B', points: 2.5 }, { id: 'c', label: 'C', points: 5 }] } },
              { id: 'i-multi', name: '多选', max: 4, rule: { type: 'multi', options: [{ id: 'x', label: 'X', points: 3 }, { id: 'y', label: 'Y', points: 2 }, { id: 'z', label: 'Z', points: 0.1 }] } },
              { id: 'i-count', name: '计数', max: 6, rule: { type: 'count', per: 1.5, unit: '处', label: '发现问题' } },
              { id: 'i-check', name: '是否', max: 2, rule: { type: 'check', points: 2 } },
            ],
          },
          {
            id: 'd2', name: '方面二', effect: 'deduct', max: 8,
            items: [
              { id: 'i-bands', name: '分档', max: 8, rule: { type: 'bands', unit: 'm', bands: [{ below: 10, points: 0 }, { below: 20, points: 4 }, { points: 8 }] } },
              { id: 'i-manual', name: '人工', max: 5, rule: { type: 'manual' } },
            ],
          },
          {
            id: 'plus', name: '加分', effect: 'add', max: 3,
            items: [{ id: 'i-plus', name: '激励', max: 5, rule: { type: 'choice', options: [{ id: 'lo', label: '低', points: 1 }, { id: 'hi', label: '高', points: 5 }] } }],
          },
        ],
      },
    },
  };
}

export function customRegistry(): TableRegistry {
  return new TableRegistry([parseTableSet(customTableJson())]);
}

export function customSheet(answers: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { kind: 'openpit', table: { id: 'test-set', version: 'v9' }, assessedOn: '2025-02-01', answers, ...extra };
}

/** Builds a unit case from short descriptions: assessments graded against `tables`. */
export function unitCase(data: unknown, tables: TableRegistry = ref): UnitCase {
  return parseUnitCase(data, tables);
}

/**
 * An assessment of the custom table set that lands on the given tier:
 * A scores 95; B 95 − 5 − 8 = 82; C starts at 70 (condition c1) and scores 57; D adds R17.1.
 */
export function assessmentFor(id: string, date: string, tier: 'A' | 'B' | 'C' | 'D') {
  const answers = tier === 'A' ? {} : { 'i-choice': 'c', 'i-bands': 15, 'i-manual': { points: 5, note: '测试' } };
  const extra = {
    assessedOn: date,
    initialConditions: tier === 'C' || tier === 'D' ? ['c1'] : [],
    directD: tier === 'D' ? ['R17.1'] : [],
  };
  return { id, sheet: customSheet(answers, extra) };
}
