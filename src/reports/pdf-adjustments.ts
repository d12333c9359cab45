/** N2: the changes of tier in a year, with old tier, new tier, date, clause and cause. */
import type { Content, TableCell } from 'pdfmake/interfaces';
import { tierLabel, type AdjustmentRow, type ReportContext } from './data';
import { cnDate, frame, grid, listHeading, span, tc, th, tierColor, titleOf, writePdf } from './pdf-base';

/** The year's changes of tier on A4 landscape; `rows` is the number of changes. */
export async function adjustmentsPdf(rows: AdjustmentRow[], ctx: ReportContext, file: string): Promise<{ rows: number }> {
  const body: TableCell[][] = rows.map((r, i) => [
    tc(i + 1),
    tc(r.id),
    { text: r.name },
    tc(r.county),
    tc(r.kindLabel),
    tc(r.oldTier === null ? '未定级' : tierLabel(r.oldTier)),
    tc(tierLabel(r.newTier), { bold: true, color: tierColor(r.newTier) }),
    tc(cnDate(r.date)),
    tc(r.clause),
    { text: r.cause },
  ]);
  if (body.length === 0) body.push(span({ text: `${ctx.year}年度无风险等级调整。`, alignment: 'center' }, 10));
  const units = new Set(rows.map((r) => r.id)).size;
  const content: Content[] = [
    ...listHeading(titleOf('adjustments', ctx.year), ctx, `${ctx.year}年度共有 ${units} 家单位风险等级发生变化，共 ${rows.length} 次调整（含初次评估定级）。`),
    grid({
      widths: [22, 56, '*', 52, 60, 74, 74, 64, 40, 170],
      head: [[th('序号'), th('单位编号'), th('单位名称'), th('县（市、区）'), th('类型'), th('原风险等级'), th('调整后风险等级'), th('调整日期'), th('依据条款'), th('调整原因')]],
      body,
      fontSize: 8,
    }),
    { text: '注：依据条款 R16 为评分定级，R17 为初次评估直接判定D级，R18 为动态评级，D6 为人工定级。', style: 'note' },
  ];
  await writePdf(frame(content, { title: titleOf('adjustments', ctx.year), orientation: 'landscape' }), file);
  return { rows: rows.length };
}
