/** R21, R22: the 包保责任人 of every underground mine and tailings pond; units missing one come first, flagged. */
import type { Content, TableCell } from 'pdfmake/interfaces';
import { tierLabel, type OfficialRow, type ReportContext } from './data';
import { frame, grid, layout, listHeading, span, tc, th, tierColor, titleOf, writePdf } from './pdf-base';

const FLAG = layout.tierColors.D;

/** The 包保责任人 list on A4 landscape; `rows` is the number of units listed. */
export async function officialsPdf(rows: OfficialRow[], ctx: ReportContext, file: string): Promise<{ rows: number }> {
  const missing = rows.filter((r) => r.missing).length;
  const body: TableCell[][] = rows.map((r, i) => {
    const focus = r.tier === 'C' || r.tier === 'D';
    const note = [r.missing ? '须尽快明确包保责任人' : '', focus ? 'C、D级重点关注' : ''].filter((x) => x !== '').join('；');
    const who: TableCell[] = r.missing
      ? span({ text: '【未明确】无包保责任人', bold: true, color: FLAG, alignment: 'center' }, 3)
      : [tc(r.official), tc(r.post), tc(r.phone)];
    return [
      tc(i + 1, r.missing ? { bold: true, color: FLAG } : {}),
      tc(r.id),
      { text: r.name, bold: r.missing },
      tc(r.county),
      tc(r.kindLabel),
      tc(tierLabel(r.tier), { color: r.tier ? tierColor(r.tier) : '#000000', bold: focus }),
      ...who,
      { text: note, bold: r.missing, color: r.missing ? FLAG : '#000000' },
    ];
  });
  if (body.length === 0) body.push(span({ text: '台账中无地下矿山、尾矿库。', alignment: 'center' }, 10));
  const summary = `地下矿山、尾矿库共 ${rows.length} 座，已明确包保责任人 ${rows.length - missing} 座，未明确 ${missing} 座${missing > 0 ? '（列于表首，标注【未明确】）' : ''}。`;
  const content: Content[] = [
    ...listHeading(titleOf('officials', ctx.year), ctx),
    { text: summary, style: 'meta', bold: missing > 0, color: missing > 0 ? FLAG : '#000000' },
    grid({
      widths: [22, 60, '*', 56, 56, 74, 56, 80, 80, 120],
      head: [[th('序号'), th('单位编号'), th('单位名称'), th('县（市、区）'), th('类型'), th('风险等级'), th('包保责任人'), th('职务'), th('联系电话'), th('备注')]],
      body,
      fontSize: 8.5,
    }),
  ];
  await writePdf(frame(content, { title: titleOf('officials', ctx.year), orientation: 'landscape' }), file);
  return { rows: rows.length };
}
