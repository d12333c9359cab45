/** 附表7 非煤矿山安全风险评估报表 (R15) as PDF: one row per unit, totals per tier at the foot. */
import type { Content, TableCell } from 'pdfmake/interfaces';
import { TIER_NAMES } from '../domain/rules';
import { DIMENSION_COLUMNS, TIER_ORDER, tierLabel, type AssessmentReportRow, type ReportContext } from './data';
import { cnDate, frame, grid, layout, listHeading, num, span, tc, th, tierShort, titleOf, writePdf } from './pdf-base';

export interface AssessmentReportData {
  rows: AssessmentReportRow[];
  totals: Record<string, number>;
}

const COLS = 19;

function versionText(r: AssessmentReportRow): string {
  if (r.byHand) return r.tableVersion;
  if (r.tableVersion === '') return '';
  return `${r.tableVersion}\n${r.provisional ? '（参考分值）' : '（正式）'}`;
}

function row(r: AssessmentReportRow): TableCell[] {
  const dims = DIMENSION_COLUMNS.map((d) => tc(num(r.dimensions[d])));
  return [
    tc(r.id),
    { text: [{ text: r.enterprise }, { text: `\n${r.name}` }] },
    tc(r.kindLabel),
    tc(r.township),
    tc(r.status),
    tc(r.assessed ? num(r.initialScore) : ''),
    ...dims,
    tc(num(r.score)),
    tc(r.scoreTier === null ? '' : tierShort(r.scoreTier)),
    tc(r.directD),
    tc(r.tier !== null ? `${r.tier}级\n${TIER_NAMES[r.tier]}` : r.assessed ? tierLabel(null) : '未评估', { bold: r.tier === 'D' }),
    tc(cnDate(r.assessedOn)),
    tc(r.assessors),
    tc(versionText(r)),
  ];
}

/** 附表7 on A4 landscape; `rows` is the number of units listed. */
export async function assessmentReportPdf(report: AssessmentReportData, ctx: ReportContext, file: string): Promise<{ rows: number }> {
  const head: TableCell[][] = [
    [
      th('单位编号', { rowSpan: 2 }),
      th('企业名称／矿山名称', { rowSpan: 2 }),
      th('类型', { rowSpan: 2 }),
      th('乡镇', { rowSpan: 2 }),
      th('生产状态', { rowSpan: 2 }),
      th('初始分', { rowSpan: 2 }),
      ...span(th('各方面扣分（正向激励为加分）'), 6),
      th('得分', { rowSpan: 2 }),
      th('得分等级', { rowSpan: 2 }),
      th('直接判定D级条款', { rowSpan: 2 }),
      th('风险等级', { rowSpan: 2 }),
      th('评估日期', { rowSpan: 2 }),
      th('评估人员', { rowSpan: 2 }),
      th('评分表版本', { rowSpan: 2 }),
    ],
    [{}, {}, {}, {}, {}, {}, ...DIMENSION_COLUMNS.map((d) => th(d)), {}, {}, {}, {}, {}, {}, {}],
  ];
  const body = report.rows.map(row);
  const parts = TIER_ORDER.map((t) => `${t === null ? '未评估' : tierLabel(t)} ${report.totals[t ?? 'none'] ?? 0} 家`);
  body.push(span({ text: `合计：共 ${report.rows.length} 家。其中 ${parts.join('，')}。`, bold: true }, COLS));

  const anyProvisional = report.rows.some((r) => r.provisional);
  const content: Content[] = [
    { text: titleOf('assessmentReportForm'), fontSize: 10, bold: true, margin: [0, 0, 0, 2] },
    ...listHeading(titleOf('assessmentReport'), ctx),
    grid({
      widths: [40, '*', 40, 32, 28, 24, 26, 26, 26, 26, 26, 26, 24, 26, 34, 42, 56, 40, 56],
      head,
      body,
      fontSize: 7,
      padding: 2,
    }),
    {
      style: 'note',
      text: [
        '注：1. 各方面栏为该方面计入得分的分值（已按本方面分值封顶），空白表示该类单位无此方面；',
        '2. 直接判定D级的，评分表仍照常评分，得分与条款同时列出（D4）；',
        '3. 人工定级（D6）的单位无评分表得分；',
        anyProvisional ? `4. 评分表版本注明“参考分值”的，为${layout.provisionalNote}。` : '',
      ].join(''),
    },
    {
      margin: [0, 10, 0, 0],
      fontSize: 9,
      unbreakable: true,
      columns: [
        { text: '填表人：' },
        { text: '审核人：' },
        { text: '单位负责人：' },
        { text: '填报单位（盖章）：' },
      ],
    },
  ];
  await writePdf(frame(content, { title: titleOf('assessmentReport'), orientation: 'landscape', margins: [24, 32, 24, 36] }), file);
  return { rows: report.rows.length };
}
