/** Registry fixtures: real units with valid credit codes, and an xlsx written from them. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KindId } from '../../src/domain/rules';
import { creditCodeCheckChar } from '../../src/registry/credit-code';
import { KIND_LABELS, type KindLabel, type UnitRecord } from '../../src/registry/unit';
import { writeRegistryXlsx } from '../../src/registry/xlsx';

/** A valid 统一社会信用代码 built from a number. */
export function creditCode(n: number): string {
  const body = `91141000MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
}

export function unitRecord(id: string, label: KindLabel, n: number, extra: Partial<UnitRecord> = {}): UnitRecord {
  const kind = KIND_LABELS[label] as KindId;
  const rec: UnitRecord = {
    id,
    enterprise: `临汾测试矿业有限公司${n}`,
    name: `测试${label}${n}`,
    creditCode: creditCode(n),
    kind,
    kindLabel: label,
    county: '尧都区',
    ownership: '其他',
    status: '生产',
    principal: '张三',
    principalPhone: '0357-2345678',
    ...(kind === 'underground' || kind === 'tailings' ? { officialName: '李四', officialPost: '副区长', officialPhone: '13800138000' } : {}),
    ...extra,
  };
  return rec;
}

/** The units of the CLI.md examples. */
export function exampleUnits(): UnitRecord[] {
  return [
    unitRecord('lf-ug-003', '地下矿山', 3),
    unitRecord('lf-op-017', '露天矿山', 17),
    unitRecord('lf-tl-002', '尾矿库', 2),
    unitRecord('lf-ex-001', '地质勘探单位', 1),
    unitRecord('fs-kangda-1', '地下矿山', 99),
  ];
}

export function tempDir(prefix = 'kafj-db-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export async function registryXlsx(records: UnitRecord[], dir = tempDir()): Promise<string> {
  const file = path.join(dir, 'registry.xlsx');
  await writeRegistryXlsx(records, file);
  return file;
}
