/**
 * The assessment record (评估档案): the whole score sheet of one confirmed assessment, printed from
 * the exact table version it was scored with (D8): every item with its standard, the answer, the
 * points and caps, the dimension subtotals, the initial-score conditions, the direct-D clauses
 * (R17), the result and the signature lines.
 */
import { answerText, standardText } from '../tables/describe';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { DIRECT_D_CLAUSES, TIER_NAMES, isDirectDClause } from '../domain/rules';
import type { DimensionResult, GradeResult, ItemResult } from '../engine/grade';
import type { Dimension, Item, KindTable } from '../tables/schema';
import { tierLabel, type assessmentRecordData } from './data';
import { block, cnDate, frame, grid, layout, num, section, span, tc, th, tierColor, titleOf, writePdf } from './pdf-base';

export type AssessmentRecordData = ReturnType<typeof assessmentRecordData>;

const CN_NUMS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnNum = (i: number): string => CN_NUMS[i] ?? String(i + 1);

const verb = (d: Dimension): string => (d.effect === 'add' ? '加' : '扣');



function itemRow(no: string, item: Item, dim: Dimension, res: ItemResult | undefined): TableCell[] {
  const pts = res?.points ?? 0;
  const notes: string[] = [];
  if (res === undefined || !res.answered) notes.push('未填写，按0分计');
  if (res?.capped) notes.push(`按本项分值${item.max}分封顶（原计${res.raw}分）`);
  return [
    tc(no),
    { text: item.name },
    tc(num(item.max)),
    { text: standardText(item, dim) },
    { text: answerText(item, res?.answer) },
    tc(res?.capped ? `${pts}\n（封顶）` : num(pts), { bold: pts > 0 }),
    { text: notes.join('；') },
  ];
}

function subtotalRow(dim: Dimension, res: DimensionResult | undefined): TableCell[] {
  const v = verb(dim);
  const applied = res?.applied ?? 0;
  const text = res?.capped
    ? `小计：各项合计${v}${res.raw}分，超过本方面分值${dim.max}分，按${dim.max}分计（封顶）`
    : `小计：${v}${applied}分（本方面分值${dim.max}分）`;
  return [...span({ text, bold: true, alignment: 'right' }, 5), tc(num(applied), { bold: true }), tc(res?.capped ? '封顶' : '')];
}

/**
 * One table per dimension, its title and the column headers as repeated header rows: a page break
 * inside a dimension repeats both, and a dimension title never stays alone at the foot of a page.
 */
function scoreSheet(kt: KindTable, r: GradeResult): Content[] {
  return kt.dimensions.map((dim, di) => {
    const dres = r.dimensions.find((d) => d.id === dim.id);
    const kind = dim.effect === 'add' ? '加分项' : '扣分项';
    const body = dim.items.map((item, ii) => itemRow(`${di + 1}.${ii + 1}`, item, dim, dres?.items.find((i) => i.id === item.id)));
    body.push(subtotalRow(dim, dres));
    return grid({
      widths: [24, 50, 24, '*', 110, 32, 56],
      head: [
        span({ text: `${cnNum(di)}、${dim.name}（${kind}，本方面分值${dim.max}分）`, bold: true }, 7),
        [th('序号'), th('评分项目'), th('分值'), th('评分标准'), th('评估情况'), th('计分'), th('备注')],
      ],
      body,
      fontSize: 8,
    });
  });
}

function initialBlock(kt: KindTable, r: GradeResult): Content[] {
  const held = new Set(r.initialConditions);
  const lowered = r.initialConditions.length > 0;
  return [
    grid({
      widths: [24, '*', 80],
      repeatHead: false,
      head: [[th('序号'), th(`初始分降低条件（具备其中任一项，初始分由${kt.initialScore.base}分降为${kt.initialScore.lowered}分，不累加）`), th('是否具备')]],
      body: [
        ...kt.initialScore.conditions.map((c, i) => [tc(i + 1), { text: c.label }, tc(held.has(c.id) ? '具备' : '不具备', { bold: held.has(c.id) })]),
        span({ text: `初始分：${r.initialScore}分（${lowered ? '具备降低条件' : '不具备降低条件'}）`, bold: true }, 3),
      ],
    }),
  ];
}

function directDBlock(kt: KindTable, r: GradeResult): Content {
  const held = new Set<string>(r.directD);
  const clauses = [...kt.directD, ...r.directD.filter((c) => !(kt.directD as string[]).includes(c))];
  return grid({
    widths: [40, '*', 80],
    repeatHead: false,
    head: [[th('条款'), th('直接判定为D级（重大风险）的情形（R17）'), th('是否存在')]],
    body: clauses.map((c) => [
      tc(c),
      { text: isDirectDClause(c) ? DIRECT_D_CLAUSES[c].label : c },
      tc(held.has(c) ? '存在' : '不存在', held.has(c) ? { bold: true, color: tierColor('D') } : {}),
    ]),
  });
}

function resultBlock(r: GradeResult): Content {
  const terms = r.dimensions.map((d) => `${d.effect === 'add' ? '＋' : '－'} ${d.name} ${d.applied}`).join(' ');
  const direct = r.directD.length > 0 ? r.directD.map((c) => `${c}（${isDirectDClause(c) ? DIRECT_D_CLAUSES[c].label : c}）`).join('；') : '无';
  return grid({
    widths: [110, '*'],
    head: [],
    body: [
      [{ text: '得分计算', bold: true }, { text: `初始分 ${r.initialScore} ${terms} ＝ ${r.score}分` }],
      [{ text: '得分', bold: true }, { text: `${r.score}分` }],
      [{ text: '按得分确定的等级', bold: true }, { text: `${r.scoreTier}级（${TIER_NAMES[r.scoreTier]}）` }],
      [{ text: '直接判定D级条款', bold: true }, { text: direct }],
      [
        { text: '评定风险等级', bold: true },
        { text: tierLabel(r.tier), bold: true, fontSize: 12, color: tierColor(r.tier) },
      ],
    ],
    fontSize: 9,
  });
}

function signatures(): Content {
  const blank: TableCell = { text: '', margin: [0, 14, 0, 14] };
  return block(
    '签字确认',
    grid({
      widths: [90, '*', 90, '*'],
      head: [],
      body: [
        [{ text: '评估人员签字', bold: true, margin: [0, 14, 0, 0] }, blank, { text: '单位负责人签字', bold: true, margin: [0, 14, 0, 0] }, blank],
        [{ text: '监管部门（盖章）', bold: true, margin: [0, 14, 0, 0] }, blank, { text: '日期', bold: true, margin: [0, 14, 0, 0] }, { text: '        年      月      日', margin: [0, 14, 0, 0] }],
      ],
    }),
  );
}

/** The score sheet of one assessment on A4 portrait; `rows` is the number of scored items. */
export async function assessmentRecordPdf(data: AssessmentRecordData, file: string, opts: { generatedOn?: string } = {}): Promise<{ rows: number }> {
  const { unit, assessment: a, tableSet, kindTable } = data;
  const r = a.result;
  const provisional = tableSet !== null && !tableSet.official;
  const info: TableCell[][] = [
    [{ text: '单位编号', bold: true }, { text: unit.id }, { text: '类型', bold: true }, { text: unit.kindLabel }],
    [{ text: '企业名称', bold: true }, { text: unit.enterprise }, { text: '矿山（单位）名称', bold: true }, { text: unit.name }],
    [{ text: '县（市、区）', bold: true }, { text: `${unit.county}${unit.township ? ` ${unit.township}` : ''}` }, { text: '生产状态', bold: true }, { text: unit.status }],
    [{ text: '评估日期', bold: true }, { text: cnDate(a.assessedOn) }, { text: '评估人员', bold: true }, { text: a.assessors.join('、') }],
    [
      { text: '评分表', bold: true },
      ...span(
        {
          text: tableSet
            ? `${tableSet.title}（${tableSet.id} ${tableSet.version}，${tableSet.official ? '正式评分标准' : layout.provisionalNote}${tableSet.basis ? `，依据${tableSet.basis}` : ''}）`
            : '人工定级（D6），无评分表',
        },
        3,
      ),
    ],
  ];
  const content: Content[] = [
    { text: titleOf('assessmentRecord'), style: 'title' },
    { text: kindTable ? kindTable.title : '人工定级记录（D6）', style: 'subtitle' },
    { text: `评估单位：${data.bureau}`, style: 'meta' },
    grid({ widths: [70, '*', 80, '*'], head: [], body: info }),
  ];
  let rows = 0;
  if (kindTable && r) {
    rows = kindTable.dimensions.reduce((n, d) => n + d.items.length, 0);
    content.push(
      block('一、初始分', ...initialBlock(kindTable, r)),
      section('二、评分明细'),
      ...scoreSheet(kindTable, r),
      block('三、直接判定D级条款', directDBlock(kindTable, r)),
      block('四、评估结果', resultBlock(r)),
    );
    if (r.unanswered.length > 0) content.push({ text: `注：有 ${r.unanswered.length} 项未填写，按0分计。`, style: 'note' });
  } else {
    content.push(
      block(
        '人工定级',
        grid({
          widths: [110, '*'],
          head: [],
          body: [
            [{ text: '定级依据', bold: true }, { text: a.manualBasis ?? '' }],
            [{ text: '评定风险等级', bold: true }, { text: tierLabel(a.tier), bold: true, color: tierColor(a.tier) }],
          ],
        }),
      ),
    );
  }
  content.push(signatures());
  if (opts.generatedOn) content.push({ text: `打印日期：${cnDate(opts.generatedOn)}`, style: 'note', alignment: 'right' });
  const doc = frame(content, {
    title: `${titleOf('assessmentRecord')} ${unit.name}`,
    headerNote: provisional ? `${layout.provisionalNote}（${tableSet.id} ${tableSet.version}）` : undefined,
  });
  await writePdf(doc, file);
  return { rows };
}

export { answerText, standardText };
