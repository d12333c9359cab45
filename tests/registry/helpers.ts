import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { creditCodeCheckChar } from '../../src/registry/credit-code';
import type { UnitRecord } from '../../src/registry/unit';

/** A valid credit code built from a 17-character body. */
export function code(body: string): string {
  const c = creditCodeCheckChar(body);
  if (c === null) throw new Error(`bad body ${body}`);
  return body + c;
}

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'registry-test-'));
}

/** Writes a one-sheet workbook: `rows[0]` is the header row. */
export async function writeSheet(file: string, rows: ExcelJS.CellValue[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v !== undefined && v !== null) ws.getCell(i + 1, j + 1).value = v;
    });
  });
  await wb.xlsx.writeFile(file);
  return file;
}

/** The required columns, a minimal valid row of a kind, and a way to set more columns. */
export const BASE_HEADER = ['单位编号', '企业名称', '矿山（尾矿库）名称', '统一社会信用代码', '类型', '所属县区', '隶属关系', '生产状态', '主要负责人', '主要负责人电话'];

export function baseRow(id: string, kindLabel: string, n: number): ExcelJS.CellValue[] {
  return [id, `企业${n}`, `矿山${n}`, code(`91141000MA0K${String(n).padStart(5, '0')}`), kindLabel, '尧都区', '其他', '生产', `负责人${n}`, '13800138000'];
}

export const SAMPLE_RECORDS: UnitRecord[] = [
  {
    id: 'YD-001',
    enterprise: '临汾市某某矿业有限公司',
    name: '某某铁矿（地下）',
    creditCode: code('91141000MA0K00001'),
    kind: 'underground',
    kindLabel: '地下矿山',
    county: '尧都区',
    township: '枕头乡',
    address: '尧都区枕头乡某村',
    lon: 111.518,
    lat: 36.0887,
    ownership: '省属',
    status: '停产',
    stoppedOn: '2024-03-01',
    principal: '张三',
    principalPhone: '13800138000',
    safetyLead: '李四',
    safetyLeadPhone: '0357-2345678',
    miningLicence: 'C1410002009127120045678',
    miningLicenceUntil: '2026-12-31',
    safetyLicence: '（晋）FM安许证字〔2023〕001号',
    safetyLicenceUntil: '2026-06-30',
    standardization: '三级',
    depth: 450.5,
    maxShiftUnderground: 28,
    officialName: '王五',
    officialPost: '副县长',
    officialPhone: '0357-1234567',
    supervisor: '尧都区应急管理局',
    supervisorPhone: '12350',
  },
  {
    id: 'YD-002',
    enterprise: '=HYPERLINK("http://x","y")',
    name: '-某某尾矿库',
    creditCode: code('91141000MA0K00002'),
    kind: 'tailings',
    kindLabel: '尾矿库',
    county: '尧都区',
    ownership: '其他',
    status: '生产',
    principal: '+赵六',
    principalPhone: '03572345678',
    pondGrade: '四等',
    damHeight: 32,
    storage: 120.25,
    overheadPond: false,
    officialName: '@钱七',
    officialPost: '乡长',
    officialPhone: '13900139000',
  },
  {
    id: 'YD-003',
    enterprise: '某某选矿有限公司',
    name: '某某选矿厂',
    creditCode: code('91141000MA0K00003'),
    kind: 'concentrator',
    kindLabel: '选矿厂',
    county: '曲沃县',
    ownership: '市属',
    status: '生产',
    principal: '孙八',
    principalPhone: '13700137000',
    pondId: 'YD-002',
  },
  {
    id: '20240007',
    enterprise: '某某砖厂',
    name: '某某砖厂粘土矿',
    creditCode: code('92141000MA0K00004'),
    kind: 'quarry',
    kindLabel: '砖瓦用粘土开采',
    county: '曲沃县',
    ownership: '其他',
    status: '停建',
    stoppedOn: '2023-11-15',
    principal: '周九',
    principalPhone: '13600136000',
    slopeHeight: 0,
  },
  {
    id: 'KT-9',
    enterprise: '某某地质勘查院',
    name: '某某地质勘查院第一分队',
    creditCode: code('12141000012345678'),
    kind: 'exploration',
    kindLabel: '地质勘探单位',
    county: '尧都区',
    ownership: '中央驻晋',
    status: '生产',
    principal: '吴十',
    principalPhone: '13500135000',
    qualification: '01201411000001',
    qualificationUntil: '2027-01-01',
  },
  {
    id: 'DR-1',
    enterprise: '某某地热开发公司',
    name: '某某地热井',
    creditCode: code('91141000MA0K00005'),
    kind: 'other',
    kindLabel: '地热',
    county: '尧都区',
    ownership: '其他',
    status: '闭库',
    principal: '郑一',
    principalPhone: '13400134000',
    standardization: '无',
  },
];
