/**
 * A populated county database for the PDF reports (units of every kind and tier: a direct-D one,
 * an upgrade by major hazards in the year, a tailings pond without 包保责任人, a concentrator, a
 * unit graded by hand, an assessment on an official table set) and a function rendering every
 * document once. Used by `pdf.test.ts` and by `render-docs.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import {
  adjustments,
  assessmentRecordData,
  assessmentReport,
  noticeData,
  officials,
  reportContext,
  tierList,
  type ReportContext,
} from '../../src/reports/data';
import { adjustmentsPdf, assessmentRecordPdf, assessmentReportPdf, noticePdf, officialsPdf, tierListPdf } from '../../src/reports/pdf';
import reference from '../../templates/scoring/linfen-2023-ref-1.json';
import { exampleUnits, unitRecord } from '../db/fixtures';
import { freshDb, ok } from '../db/helpers';

const EXAMPLES = path.join(__dirname, '../../../shared/spec/examples');
const example = (name: string): unknown => JSON.parse(readFileSync(path.join(EXAMPLES, name), 'utf8'));

const sheet = (kind: string, date: string, answers: Record<string, unknown>, extra: Record<string, unknown> = {}, version = 'ref-1') => ({
  kind,
  table: { id: 'linfen-2023', version },
  assessedOn: date,
  answers,
  ...extra,
});

export interface ReportDb {
  db: Db;
  ctx: ReportContext;
}

/** The year reported on and the day the reports are made. */
export const YEAR = 2024;
export const TODAY = '2024-12-20';

export async function reportDb(): Promise<ReportDb> {
  const t = freshDb(TODAY);
  const { api } = t;
  // an official table set (same items) so that one assessment is not provisional
  ok(await api['tables.import']({ tableSet: { ...reference, version: 'ref-2', title: '临汾市非煤矿山安全风险分级评分表', official: true } }));

  for (const u of exampleUnits()) ok(await api['units.create']({ ...u, township: '屯里镇' }));
  const { officialName: _n, officialPost: _p, officialPhone: _ph, ...pond } = unitRecord('tl-1', '尾矿库', 11, { township: '金殿镇', name: '金殿镇后沟尾矿库' });
  const extra = [
    unitRecord('op-1', '露天矿山', 12, { township: '枕头乡', name: '枕头乡石灰岩露天矿', supervisor: '尧都区应急管理局非煤矿山股', supervisorPhone: '0357-2345600' }),
    pond,
    unitRecord('mill-1', '选矿厂', 13, { township: '金殿镇', pondId: 'tl-1' }),
    unitRecord('qr-1', '小型露天采石场', 14, { township: '县底镇' }),
    unitRecord('ct-1', '采掘施工企业', 15),
    unitRecord('geo-1', '地热', 16, { township: '乔李镇' }),
  ];
  for (const u of extra) ok(await api['units.create'](u));

  // R17.6 direct D (the example sheet of CLI.md), provisional reference tables
  const fushan = example('grade-underground-fushan.json') as Record<string, unknown>;
  ok(await api['assessments.saveDraft']({ unitId: 'fs-kangda-1', ref: 'a1', sheet: { ...fushan, assessedOn: '2024-03-20' }, assessors: ['王涛', '杨义端'] }));
  ok(await api['assessments.confirm']({ unitId: 'fs-kangda-1', ref: 'a1' }));

  // a timeline case (hazards in 2023 → D)
  ok(await api['cases.record']({ unitCase: example('timeline-hazards.json') }));

  // official table; A, then 2 major hazards in the year → up one tier (R18.2)
  ok(await api['assessments.saveDraft']({ unitId: 'op-1', ref: 'a1', sheet: sheet('openpit', '2024-01-10', { 'op-eq-loading': 2 }, {}, 'ref-2'), assessors: ['王涛'] }));
  ok(await api['assessments.confirm']({ unitId: 'op-1', ref: 'a1' }));
  ok(await api['events.record']({ unitId: 'op-1', event: { date: '2024-05-10', type: 'major-hazard', count: 2 }, note: '专项检查' }));

  // tailings pond B, no 包保责任人; its concentrator follows it (R19)
  ok(
    await api['assessments.saveDraft']({
      unitId: 'tl-1',
      ref: 'a1',
      sheet: sheet('tailings', '2024-03-25', { 'tl-inh-type': 'upstream', 'tl-inh-grade': 'grade4', 'tl-eq-dam': ['freeboard'], 'tl-mgt-rules': 1, 'tl-inc-standardization': 'grade3' }),
      assessors: ['王涛', '杨义端'],
    }),
  );
  ok(await api['assessments.confirm']({ unitId: 'tl-1', ref: 'a1' }));

  // quarry C, with an item capped (封顶)
  ok(
    await api['assessments.saveDraft']({
      unitId: 'qr-1',
      ref: 'a1',
      sheet: sheet('quarry', '2024-04-02', {
        'qr-inh-slope': 60,
        'qr-inh-geology': 'complex',
        'qr-eq-slope-monitoring': ['none'],
        'qr-eq-loading': 6,
        'qr-eq-ventilation': true,
        'qr-mgt-certificates': ['expired'],
        'qr-mgt-rules': 2,
        'qr-per-special-ops': 3,
        'qr-inc-mechanization': 'partial',
      }),
      assessors: ['杨义端'],
    }),
  );
  ok(await api['assessments.confirm']({ unitId: 'qr-1', ref: 'a1' }));

  // contractor, initial score lowered (D5)
  ok(
    await api['assessments.saveDraft']({
      unitId: 'ct-1',
      ref: 'a1',
      sheet: sheet('contractor', '2024-04-08', { 'ct-prj-hazards': 3, 'ct-inc-culture': 'city' }, { initialConditions: ['ct-ic-cert'] }),
      assessors: ['王涛'],
    }),
  );
  ok(await api['assessments.confirm']({ unitId: 'ct-1', ref: 'a1' }));

  // D6 by hand
  ok(await api['assessments.recordManual']({ unitId: 'geo-1', date: '2024-04-10', tier: 'B', basis: '参照露天矿山评分表评定', assessors: ['王涛'] }));

  return { db: t.db, ctx: reportContext(t.db, YEAR, TODAY) };
}

export interface Rendered {
  /** document key → PDF file */
  files: Record<string, string>;
  rows: Record<string, number>;
  /** document key → milliseconds to build and write */
  ms: Record<string, number>;
}

/** Every document rendered once into `dir`. */
export async function renderAll({ db, ctx }: ReportDb, dir: string): Promise<Rendered> {
  const out: Rendered = { files: {}, rows: {}, ms: {} };
  const run = async (key: string, f: (file: string) => Promise<{ rows: number }>): Promise<void> => {
    const file = path.join(dir, `${key}.pdf`);
    const t0 = performance.now();
    out.rows[key] = (await f(file)).rows;
    out.ms[key] = Math.round(performance.now() - t0);
    out.files[key] = file;
  };
  const notices = tierList(db, ctx).rows.map((r) => noticeData(db, r.id, ctx));
  await run('assessment-report', (f) => assessmentReportPdf(assessmentReport(db, ctx), ctx, f));
  await run('assessment-record', (f) => assessmentRecordPdf(assessmentRecordData(db, 'fs-kangda-1'), f, { generatedOn: ctx.generatedOn }));
  await run('assessment-record-official', (f) => assessmentRecordPdf(assessmentRecordData(db, 'op-1'), f, { generatedOn: ctx.generatedOn }));
  await run('tier-list', (f) => tierListPdf(tierList(db, ctx), f));
  await run('adjustments', (f) => adjustmentsPdf(adjustments(db, ctx), ctx, f));
  await run('officials', (f) => officialsPdf(officials(db, ctx), ctx, f));
  await run('notice-A4', (f) => noticePdf(notices, f, { size: 'A4' }));
  await run('notice-A3', (f) => noticePdf([noticeData(db, 'fs-kangda-1', ctx)], f, { size: 'A3' }));
  return out;
}

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** `pdftoppm -png` of one page into `prefix`-N.png / prefix.png with -singlefile. */
export function pageToPng(file: string, prefix: string, dpi: number, page = 1): string {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  return `${prefix}.png`;
}
