/**
 * The .xlsx reports (CLI.md `export`): column headers in row 1 of the first sheet, frozen, bold,
 * with sensible widths; one row per unit; a second sheet 说明 says who made it, for when, and
 * whether the provisional reference tables were used. Written by our own streaming writer
 * (./xlsx-write: several times faster than exceljs's), so 50,000 rows stay cheap, with a progress
 * callback the UI can show. Text is always written as a string cell: a value such as
 * `=HYPERLINK(…)` is never a formula.
 */
import { chineseDate } from '../domain/dates';
import { KIND_NAMES, TIER_NAMES, type KindId, type Tier } from '../domain/rules';
import {
  DIMENSION_COLUMNS,
  type AdjustmentRow,
  type AssessmentReportRow,
  type OfficialRow,
  type PlanReport,
  type ReportContext,
  type StatisticsRow,
  type TierList,
} from './data';
import { writeXlsx, xlsxSheet } from './xlsx-write';

export type Progress = (done: number, total: number) => void;

export interface XlsxColumn<R> {
  header: string;
  width: number;
  value: (r: R) => string | number | null;
}

/** Shown in the 说明 sheet and in titles. */
export function tierText(t: Tier | null): string {
  return t === null ? '未定级' : t;
}

interface SheetSpec<R> {
  name: string;
  columns: XlsxColumn<R>[];
  rows: readonly R[];
  /** Rows after one blank row (totals). */
  foot?: (string | number | null)[][];
}

/**
 * Writes one workbook: the sheets in order, each with its header row frozen and in the header
 * style (bold, centred, light blue fill, thin bottom border), then a 说明 sheet with `notes`.
 * Progress every 1,000 rows and at the end; the event loop gets a turn every 1,000 rows.
 */
export async function writeWorkbook(file: string, sheets: SheetSpec<never>[], notes: [string, string][], progress?: Progress): Promise<void> {
  await writeXlsx(
    file,
    [
      ...sheets.map((s) => ({
        name: s.name,
        widths: s.columns.map((c) => c.width),
        header: s.columns.map((c) => c.header),
        rows: s.rows,
        values: s.columns.map((c) => c.value),
        ...(s.foot ? { foot: s.foot } : {}),
      })),
      xlsxSheet({ name: '说明', widths: [18, 70], rows: notes, values: [(n) => n[0], (n) => n[1]], counted: false }),
    ],
    { creator: '矿安分级', ...(progress ? { progress } : {}) },
  );
}

function sheet<R>(s: SheetSpec<R>): SheetSpec<never> {
  return s as unknown as SheetSpec<never>;
}

function baseNotes(ctx: ReportContext, title: string, provisional: boolean): [string, string][] {
  const notes: [string, string][] = [
    ['报表', title],
    ['监管部门', ctx.bureau],
    ['统计截至', chineseDate(ctx.on)],
    ['生成日期', chineseDate(ctx.generatedOn)],
    ['依据', '《临汾市非煤矿山安全风险分级监管实施细则》（临应急发〔2023〕50号）'],
  ];
  if (provisional) notes.push(['注意', '部分评估使用参考分值评分表：参考分值，非正式评分标准']);
  return notes;
}

const kindName = (k: KindId, label: string): string => (label || KIND_NAMES[k]);

// ---------------------------------------------------------------------------------------------

export async function tierListXlsx(data: TierList, file: string, progress?: Progress): Promise<{ rows: number }> {
  const title = `${data.ctx.year}年度非煤矿山安全风险等级名单`;
  const kinds = [...new Set(data.rows.map((r) => r.kind))];
  const counts = (['D', 'C', 'B', 'A', 'none'] as const).map((t) => ({ t, byKind: data.counts[t] ?? {} }));
  await writeWorkbook(
    file,
    [
      sheet({
        name: '风险等级名单',
        rows: data.rows,
        columns: [
          { header: '单位编号', width: 14, value: (r) => r.id },
          { header: '企业名称', width: 28, value: (r) => r.enterprise },
          { header: '矿山（尾矿库）名称', width: 28, value: (r) => r.name },
          { header: '类型', width: 14, value: (r) => kindName(r.kind, r.kindLabel) },
          { header: '所属县区', width: 10, value: (r) => r.county },
          { header: '乡镇', width: 10, value: (r) => r.township },
          { header: '隶属关系', width: 10, value: (r) => r.ownership },
          { header: '生产状态', width: 9, value: (r) => r.status },
          { header: '风险等级', width: 9, value: (r) => tierText(r.tier) },
          { header: '等级名称', width: 10, value: (r) => (r.tier ? TIER_NAMES[r.tier] : '') },
          { header: '定级日期', width: 12, value: (r) => r.since },
          { header: '依据条款', width: 10, value: (r) => r.clause },
          { header: '最近评估得分', width: 12, value: (r) => r.score },
          { header: '评分表', width: 12, value: (r) => (r.byHand ? '人工定级（D6）' : r.provisional ? '参考分值' : r.score === null ? '' : '正式') },
          { header: '评定部门', width: 10, value: (r) => (r.assessedByCity ? '市局' : '县局') },
        ],
      }),
      sheet({
        name: '分类统计',
        rows: counts,
        columns: [
          { header: '风险等级', width: 12, value: (c) => (c.t === 'none' ? '未定级' : c.t) },
          ...kinds.map((k) => ({ header: KIND_NAMES[k], width: 16, value: (c: (typeof counts)[number]) => c.byKind[k] ?? 0 })),
          { header: '合计', width: 8, value: (c) => Object.values(c.byKind).reduce((a, b) => a + (b ?? 0), 0) },
        ],
      }),
    ],
    baseNotes(data.ctx, title, data.rows.some((r) => r.provisional)),
    progress,
  );
  return { rows: data.rows.length };
}

export async function adjustmentsXlsx(rows: AdjustmentRow[], ctx: ReportContext, file: string): Promise<{ rows: number }> {
  await writeWorkbook(
    file,
    [
      sheet({
        name: '等级调整情况',
        rows,
        columns: [
          { header: '单位编号', width: 14, value: (r) => r.id },
          { header: '矿山（尾矿库）名称', width: 28, value: (r) => r.name },
          { header: '所属县区', width: 10, value: (r) => r.county },
          { header: '类型', width: 14, value: (r) => kindName(r.kind, r.kindLabel) },
          { header: '原风险等级', width: 10, value: (r) => tierText(r.oldTier) },
          { header: '风险等级', width: 9, value: (r) => r.newTier },
          { header: '调整日期', width: 12, value: (r) => r.date },
          { header: '依据条款', width: 10, value: (r) => r.clause },
          { header: '调整原因', width: 40, value: (r) => r.cause },
        ],
      }),
    ],
    [...baseNotes(ctx, `${ctx.year}年度非煤矿山安全风险等级调整情况`, false), ['报送时限', `${ctx.year + 1}年3月10日前报市应急管理局；市局3月底前集中公告（N2）`]],
  );
  return { rows: rows.length };
}

export async function assessmentReportXlsx(data: { rows: AssessmentReportRow[]; totals: Record<string, number> }, ctx: ReportContext, file: string): Promise<{ rows: number }> {
  const t = data.totals;
  await writeWorkbook(
    file,
    [
      sheet({
        name: '附表7 风险评估报表',
        rows: data.rows,
        foot: [['合计', `A级 ${t.A ?? 0} 个`, `B级 ${t.B ?? 0} 个`, `C级 ${t.C ?? 0} 个`, `D级 ${t.D ?? 0} 个`, `未评估 ${t.none ?? 0} 个`, `共 ${data.rows.length} 个`]],
        columns: [
          { header: '单位编号', width: 14, value: (r) => r.id },
          { header: '企业名称', width: 26, value: (r) => r.enterprise },
          { header: '矿山（尾矿库）名称', width: 26, value: (r) => r.name },
          { header: '类型', width: 14, value: (r) => kindName(r.kind, r.kindLabel) },
          { header: '乡镇', width: 10, value: (r) => r.township },
          { header: '生产状态', width: 9, value: (r) => r.status },
          { header: '初始分', width: 8, value: (r) => r.initialScore },
          ...DIMENSION_COLUMNS.map((d) => ({ header: d, width: 10, value: (r: AssessmentReportRow) => r.dimensions[d] ?? null })),
          { header: '得分', width: 8, value: (r) => r.score },
          { header: '得分等级', width: 9, value: (r) => r.scoreTier },
          { header: '直接判定D级条款', width: 14, value: (r) => r.directD },
          { header: '风险等级', width: 9, value: (r) => (r.assessed ? tierText(r.tier) : '未评估') },
          { header: '评估日期', width: 12, value: (r) => r.assessedOn },
          { header: '评估人员', width: 16, value: (r) => r.assessors },
          { header: '评分表版本', width: 18, value: (r) => r.tableVersion },
          { header: '参考分值', width: 9, value: (r) => (r.provisional ? '是' : r.assessed ? '否' : '') },
        ],
      }),
    ],
    baseNotes(ctx, '附表7 非煤矿山安全风险评估报表', data.rows.some((r) => r.provisional)),
  );
  return { rows: data.rows.length };
}

export async function officialsXlsx(rows: OfficialRow[], ctx: ReportContext, file: string): Promise<{ rows: number }> {
  await writeWorkbook(
    file,
    [
      sheet({
        name: '包保责任人',
        rows,
        columns: [
          { header: '单位编号', width: 14, value: (r) => r.id },
          { header: '矿山（尾矿库）名称', width: 28, value: (r) => r.name },
          { header: '所属县区', width: 10, value: (r) => r.county },
          { header: '类型', width: 12, value: (r) => kindName(r.kind, r.kindLabel) },
          { header: '风险等级', width: 9, value: (r) => tierText(r.tier) },
          { header: '包保责任人', width: 12, value: (r) => (r.missing ? '未明确' : r.official) },
          { header: '职务', width: 16, value: (r) => r.post },
          { header: '联系电话', width: 16, value: (r) => r.phone },
        ],
      }),
    ],
    [...baseNotes(ctx, `${ctx.year}年度地下矿山和尾矿库政府领导安全生产包保责任人名单`, false), ['说明', '未明确包保责任人的单位排在最前（R22）']],
  );
  return { rows: rows.length };
}

/** R20: the published 年度监督检查计划 columns, then the spot-check pool and its recorded draw. */
export async function planXlsx(p: PlanReport, ctx: ReportContext, file: string): Promise<{ rows: number }> {
  type PlanLine = { name: string; id: string; county: string; tier: string; what: string; how: string; freq: string; when: string };
  const items = '安全风险管控、重大事故隐患排查整改、安全设施设备运行、安全生产管理制度落实';
  const lines: PlanLine[] = [
    ...p.requirements.map((r) => ({
      name: r.name,
      id: r.id,
      county: r.county,
      tier: r.tier,
      what: items,
      how: '重点监管、执法检查',
      freq: r.tier === 'D' ? '每季度至少1次' : '每半年至少1次',
      when: r.periodLabel,
    })),
    ...p.pool
      .filter((u) => p.draw.drawn.includes(u.id))
      .map((u) => ({ name: u.name, id: u.id, county: u.county, tier: u.tier, what: items, how: '随机抽查', freq: '年度抽查1次', when: `${p.year}年内` })),
  ];
  await writeWorkbook(
    file,
    [
      sheet({
        name: '年度监督检查计划',
        rows: lines,
        columns: [
          { header: '检查对象', width: 28, value: (r) => r.name },
          { header: '单位编号', width: 14, value: (r) => r.id },
          { header: '所属县区', width: 10, value: (r) => r.county },
          { header: '风险等级', width: 9, value: (r) => r.tier },
          { header: '检查事项', width: 40, value: (r) => r.what },
          { header: '检查方式', width: 16, value: (r) => r.how },
          { header: '频次', width: 14, value: (r) => r.freq },
          { header: '时间安排', width: 22, value: (r) => r.when },
          { header: '承办机构', width: 20, value: () => ctx.bureau },
        ],
      }),
      sheet({
        name: 'A、B级随机抽查池',
        rows: p.pool,
        columns: [
          { header: '单位编号', width: 14, value: (r) => r.id },
          { header: '矿山（尾矿库）名称', width: 28, value: (r) => r.name },
          { header: '所属县区', width: 10, value: (r) => r.county },
          { header: '类型', width: 14, value: (r) => r.kindLabel },
          { header: '风险等级', width: 9, value: (r) => r.tier },
          { header: '是否抽中', width: 9, value: (r) => (p.draw.drawn.includes(r.id) ? '抽中' : '') },
        ],
      }),
    ],
    [
      ...baseNotes(ctx, `${p.year}年度非煤矿山安全生产监督检查计划`, false),
      ['抽查比例', `${Math.round(p.draw.rate * 1000) / 10}%`],
      ['随机种子', p.draw.seed],
      ['抽中单位', p.draw.drawn.join('、') || '无'],
      ['抽取方法', '抽查池按单位编号排序后，以随机种子驱动的 mulberry32 伪随机数洗牌，取前 ⌈比例×池大小⌉ 个；同一种子、同一抽查池，结果相同（D10）'],
      ['未定级单位', p.ungraded.join('、') || '无'],
    ],
  );
  return { rows: lines.length };
}

/** The city's statistics per county and kind (counts by tier, changes up and down). */
export async function statisticsXlsx(rows: StatisticsRow[], ctx: ReportContext, file: string): Promise<{ rows: number }> {
  await writeWorkbook(
    file,
    [
      sheet({
        name: '分县分类统计',
        rows,
        foot: [['合计', '', ...(['D', 'C', 'B', 'A', 'none'] as const).map((t) => rows.reduce((n, r) => n + r.byTier[t], 0)), rows.reduce((n, r) => n + r.total, 0), rows.reduce((n, r) => n + r.up, 0), rows.reduce((n, r) => n + r.down, 0)]],
        columns: [
          { header: '所属县区', width: 12, value: (r) => r.county },
          { header: '类型', width: 18, value: (r) => KIND_NAMES[r.kind] },
          { header: 'D级', width: 8, value: (r) => r.byTier.D },
          { header: 'C级', width: 8, value: (r) => r.byTier.C },
          { header: 'B级', width: 8, value: (r) => r.byTier.B },
          { header: 'A级', width: 8, value: (r) => r.byTier.A },
          { header: '未定级', width: 8, value: (r) => r.byTier.none },
          { header: '合计', width: 8, value: (r) => r.total },
          { header: '本年升级', width: 10, value: (r) => r.up },
          { header: '本年降级', width: 10, value: (r) => r.down },
        ],
      }),
    ],
    baseNotes(ctx, `${ctx.year}年度非煤矿山安全风险分级统计（分县、分类）`, false),
  );
  return { rows: rows.length };
}
