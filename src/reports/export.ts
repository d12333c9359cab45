/**
 * CLI.md `export`: one entry point for every report, `.xlsx` or `.pdf` by the extension of the
 * output file where the report has both.
 */
import path from 'node:path';
import type { Db } from '../../db/connection';
import { DbError } from '../../db/errors';
import { allTimelines } from '../../db/records';
import { allUnits } from '../../db/units';
import { assessmentRecordData, assessmentReport, adjustments, noticeData, officials, planReport, reportContext, statistics, tierList } from './data';
import { writeRegistryXlsx } from '../registry/xlsx';
import { adjustmentsXlsx, assessmentReportXlsx, officialsXlsx, planXlsx, statisticsXlsx, tierListXlsx, tierText, type Progress } from './xlsx';

export const REPORTS = {
  'tier-list': { name: '年度风险等级名单', formats: ['xlsx', 'pdf'] },
  adjustments: { name: '年度等级调整情况', formats: ['xlsx', 'pdf'] },
  'assessment-report': { name: '附表7 非煤矿山安全风险评估报表', formats: ['xlsx', 'pdf'] },
  plan: { name: '年度监督检查计划', formats: ['xlsx'] },
  officials: { name: '包保责任人名单', formats: ['xlsx', 'pdf'] },
  registry: { name: '企业台账', formats: ['xlsx'] },
  statistics: { name: '分县分类统计', formats: ['xlsx'] },
  notice: { name: '安全风险公告栏', formats: ['pdf'] },
  'assessment-record': { name: '安全风险评估记录', formats: ['pdf'] },
} as const;
export type ReportName = keyof typeof REPORTS;

export interface ExportOptions {
  report: string;
  out: string;
  year?: number;
  unit?: string;
  today: string;
  /** plan: the recorded seed and sample rate of the spot-check draw (D10). */
  seed?: string;
  rate?: number;
  /** notice: paper size. */
  size?: 'A4' | 'A3';
  progress?: Progress;
}

export function isReportName(v: string): v is ReportName {
  return Object.prototype.hasOwnProperty.call(REPORTS, v);
}

export async function exportReport(db: Db, o: ExportOptions): Promise<{ out: string; rows: number }> {
  if (!isReportName(o.report)) throw new DbError(`未知的报表 ${JSON.stringify(o.report)}，应为 ${Object.keys(REPORTS).join('、')} 之一`);
  const spec = REPORTS[o.report];
  const ext = path.extname(o.out).toLowerCase().replace('.', '');
  if (!(spec.formats as readonly string[]).includes(ext)) {
    throw new DbError(`「${spec.name}」只能导出为 ${spec.formats.map((f) => `.${f}`).join(' 或 ')}，输出文件 ${o.out} 的扩展名不符`);
  }
  const ctx = reportContext(db, o.year, o.today);
  const pdf = await import('./pdf');
  let rows: number;
  switch (o.report) {
    case 'tier-list': {
      const data = tierList(db, ctx);
      rows = ext === 'xlsx' ? (await tierListXlsx(data, o.out, o.progress)).rows : (await pdf.tierListPdf(data, o.out)).rows;
      break;
    }
    case 'adjustments': {
      const data = adjustments(db, ctx);
      rows = ext === 'xlsx' ? (await adjustmentsXlsx(data, ctx, o.out)).rows : (await pdf.adjustmentsPdf(data, ctx, o.out)).rows;
      break;
    }
    case 'assessment-report': {
      const data = assessmentReport(db, ctx);
      rows = ext === 'xlsx' ? (await assessmentReportXlsx(data, ctx, o.out)).rows : (await pdf.assessmentReportPdf(data, ctx, o.out)).rows;
      break;
    }
    case 'plan':
      rows = (await planXlsx(planReport(db, ctx.year, { ...(o.seed ? { seed: o.seed } : {}), ...(o.rate !== undefined ? { rate: o.rate } : {}) }), ctx, o.out)).rows;
      break;
    case 'officials': {
      const data = officials(db, ctx);
      rows = ext === 'xlsx' ? (await officialsXlsx(data, ctx, o.out)).rows : (await pdf.officialsPdf(data, ctx, o.out)).rows;
      break;
    }
    case 'registry': {
      const timelines = allTimelines(db, ctx.on);
      rows = (await writeRegistryXlsx(allUnits(db), o.out, [{ header: '风险等级', width: 9, value: (r) => tierText(timelines.get(r.id)?.tier ?? null) }])).rows;
      break;
    }
    case 'statistics':
      rows = (await statisticsXlsx(statistics(db, ctx), ctx, o.out)).rows;
      break;
    case 'notice': {
      const ids = o.unit !== undefined ? [o.unit] : allUnits(db).map((u) => u.id);
      rows = (await pdf.noticePdf(ids.map((id) => noticeData(db, id, ctx)), o.out, { size: o.size ?? 'A4' })).rows;
      break;
    }
    case 'assessment-record': {
      if (o.unit === undefined) throw new DbError('「安全风险评估记录」需要用 --unit 指定单位');
      rows = (await pdf.assessmentRecordPdf(assessmentRecordData(db, o.unit), o.out)).rows;
      break;
    }
  }
  return { out: o.out, rows };
}
