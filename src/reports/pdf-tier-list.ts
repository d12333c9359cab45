/** The annual tier list: counts per tier and kind, then every unit grouped by tier (riskiest first) and county. */
import type { Content, TableCell } from 'pdfmake/interfaces';
import { KIND_IDS, type KindId } from '../domain/rules';
import { TIER_ORDER, tierLabel, type TierList, type UnitRow } from './data';
import { clauseText, cnDate, frame, grid, layout, listHeading, num, section, tc, th, tierColor, titleOf, writePdf } from './pdf-base';

function remarks(r: UnitRow): string {
  const out: string[] = [];
  if (r.byHand) out.push('人工定级');
  if (r.provisional) out.push('参考分值评分');
  if (r.assessedByCity) out.push('市级评估');
  return out.join('；');
}

function countsTable(list: TierList): Content {
  const kinds = KIND_IDS.filter((k) => list.rows.some((r) => r.kind === k));
  const total = (k: KindId): number => TIER_ORDER.reduce((n, t) => n + (list.counts[t ?? 'none']?.[k] ?? 0), 0);
  const body: TableCell[][] = TIER_ORDER.filter((t) => t !== null || list.counts.none !== undefined).map((t) => {
    const c = list.counts[t ?? 'none'] ?? {};
    const sum = kinds.reduce((n, k) => n + (c[k] ?? 0), 0);
    return [tc(tierLabel(t), { bold: true }), ...kinds.map((k) => tc(c[k] ?? 0)), tc(sum, { bold: true })];
  });
  body.push([tc('合计', { bold: true }), ...kinds.map((k) => tc(total(k), { bold: true })), tc(list.rows.length, { bold: true })]);
  return grid({
    widths: [90, ...kinds.map(() => '*' as const), 50],
    head: [[th('风险等级'), ...kinds.map((k) => th(layout.kindShort[k])), th('合计')]],
    body,
    fontSize: 9,
  });
}

/** A fresh header row for each table: pdfmake writes into the cell objects it lays out. */
const head = (): TableCell[] => [
  th('序号'),
  th('单位编号'),
  th('企业名称'),
  th('矿山（单位）名称'),
  th('类型'),
  th('县（市、区）'),
  th('乡镇'),
  th('生产状态'),
  th('风险等级'),
  th('定级日期'),
  th('定级依据'),
  th('得分'),
  th('备注'),
];

/** The tier list on A4 landscape; `rows` is the number of units listed. */
export async function tierListPdf(list: TierList, file: string): Promise<{ rows: number }> {
  const { ctx } = list;
  const groups: Content[] = [];
  let n = 0;
  for (const t of TIER_ORDER) {
    const rows = list.rows.filter((r) => r.tier === t);
    if (rows.length === 0) continue;
    // rows come sorted by tier, then county, then id (data.ts)
    const counties = [...new Set(rows.map((r) => r.county))].map((c) => `${c} ${rows.filter((r) => r.county === c).length} 家`);
    groups.push({
      text: [{ text: `${tierLabel(t)}：共 ${rows.length} 家`, color: tierColor(t) }, { text: `（${counties.join('，')}）`, bold: false, fontSize: 9 }],
      bold: true,
      fontSize: 10.5,
      margin: [0, 6, 0, 3],
      headlineLevel: 1,
    });
    const body: TableCell[][] = rows.map((r) => {
      n += 1;
      return [
        tc(n),
        tc(r.id),
        { text: r.enterprise },
        { text: r.name },
        tc(r.kindLabel),
        tc(r.county),
        tc(r.township),
        tc(r.status),
        tc(tierLabel(r.tier), { bold: true }),
        tc(cnDate(r.since)),
        tc(clauseText(r.clause)),
        tc(num(r.score)),
        tc(remarks(r)),
      ];
    });
    groups.push(grid({ widths: [22, 52, '*', '*', 50, 44, 40, 30, 70, 62, 74, 28, 60], head: [head()], body, fontSize: 8 }));
  }
  if (groups.length === 0) groups.push({ text: '台账中没有单位。', style: 'meta' });
  const content: Content[] = [
    ...listHeading(titleOf('tierList', ctx.year), ctx, undefined, ctx.bureau),
    section('一、各风险等级单位数量'),
    countsTable(list),
    section('二、单位名单（按风险等级由高到低、再按县（市、区）排列）'),
    ...groups,
  ];
  if (list.rows.some((r) => r.provisional)) {
    content.push({ text: `注：备注“参考分值评分”的单位，其评分所用评分表为${layout.provisionalNote}。`, style: 'note' });
  }
  if (list.rows.some((r) => r.byHand)) {
    content.push({ text: '注：备注“人工定级”的单位无评分表，等级由评估人员按书面依据确定（D6）。', style: 'note' });
  }
  await writePdf(frame(content, { title: titleOf('tierList', ctx.year), orientation: 'landscape' }), file);
  return { rows: list.rows.length };
}
