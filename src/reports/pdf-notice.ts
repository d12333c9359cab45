/**
 * R23: the notice board (安全风险公告栏) posted at the mine gate: one page per unit, the tier in
 * large type in its risk colour, the main risks with their measures, the supervising bureau and
 * the contact telephone numbers. A3 scales everything up by √2 (A4 → A3).
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { TIER_NAMES } from '../domain/rules';
import type { NoticeData } from './data';
import { cnDate, frame, grid, layout, tc, th, tierColor, titleOf, writePdf, type PaperSize } from './pdf-base';

export interface NoticeOptions {
  size?: PaperSize;
}

/** 「安全风险等级：D级 重大风险」, or 「安全风险等级：未定级」. */
export function noticeTierText(n: NoticeData): string {
  return n.tier === null ? '安全风险等级：未定级' : `安全风险等级：${n.tier}级 ${TIER_NAMES[n.tier]}`;
}

function officialText(n: NoticeData): string {
  if (n.official) return `${n.official.name}（${n.official.post}）`;
  return n.unit.kind === 'underground' || n.unit.kind === 'tailings' ? '未明确' : '—';
}

/** Visual width of a text in ems: CJK and full-width characters 1, others about half. */
function ems(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.56;
  return w;
}

/** Estimated height (pt) of a text wrapped in a column of `width` pt at font size `fs`. */
function textHeight(text: string, width: number, fs: number): number {
  const lines = text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil((ems(p) * fs) / (width * 0.97))), 0);
  return lines * fs * LINE;
}

/** Line height of Noto Sans SC (ascent + descent ≈ 1.45 em) at the document's lineHeight 1.15. */
const LINE = 1.55;
const PAGE_HEIGHT = 842;
const PAGE_WIDTH = 595;
const MARGIN = 36;
/** Share of the risk column in the risk table (the rest is the measures). */
const RISK_SHARE = 0.55;

/**
 * The font size of the risk table (13 down to 6.5 pt at A4) so that the whole notice fits on one
 * page: the fixed blocks take about 420 pt of the A4 page.
 */
function riskFontSize(n: NoticeData): number {
  const width = PAGE_WIDTH - 2 * MARGIN - 26 - 3 * 8;
  const room = PAGE_HEIGHT - 2 * MARGIN - 420 - (n.provisional ? 18 : 0);
  for (let fs = 13; fs > 6.5; fs -= 0.5) {
    const h = n.risks.reduce((sum, r) => sum + Math.max(textHeight(r.risk, width * RISK_SHARE, fs), textHeight(r.measure, width * (1 - RISK_SHARE), fs)) + 8, fs * LINE + 8);
    if (h <= room) return fs;
  }
  return 6.5;
}

function sheet(n: NoticeData, s: number, first: boolean): Content {
  const color = tierColor(n.tier);
  const fs = riskFontSize(n) * s;
  const label = (text: string): TableCell => ({ text, bold: true, alignment: 'center' });
  const risks: TableCell[][] = n.risks.map((r, i) => [tc(i + 1), { text: r.risk }, { text: r.measure }]);
  const contacts: TableCell[][] = [
    [label('日常安全监管部门'), { text: n.supervisor }, label('监管联系电话'), { text: n.supervisorPhone || '—' }],
    [label('包保责任人'), { text: officialText(n) }, label('联系电话'), { text: n.official?.phone ?? '—' }],
    [label('主要负责人'), { text: n.unit.principal }, label('联系电话'), { text: n.unit.principalPhone }],
    [label('定级日期'), { text: n.since ? cnDate(n.since) : '—' }, label('发布日期'), { text: cnDate(n.generatedOn) }],
  ];
  const stack: Content[] = [
    { text: titleOf('notice'), fontSize: 26 * s, bold: true, alignment: 'center', margin: [0, 0, 0, 4 * s] },
    { text: n.unit.enterprise, fontSize: 14 * s, bold: true, alignment: 'center' },
    { text: n.unit.name, fontSize: 12 * s, alignment: 'center', margin: [0, 0, 0, 8 * s] },
    {
      table: { widths: ['*'], body: [[{ text: noticeTierText(n), fontSize: 32 * s, bold: true, color, alignment: 'center', margin: [0, 4 * s, 0, 4 * s] }]] },
      layout: {
        hLineWidth: () => 3 * s,
        vLineWidth: () => 3 * s,
        hLineColor: () => color,
        vLineColor: () => color,
      },
      margin: [0, 0, 0, 10 * s],
    },
    { text: '主要安全风险及应对措施', fontSize: 14 * s, bold: true, alignment: 'center', margin: [0, 0, 0, 4 * s] },
    grid({
      widths: [26 * s, RISK_SHARE * (PAGE_WIDTH - 2 * MARGIN - 26 - 3 * 8 - 2) * s, '*'],
      head: [[th('序号'), th('主要安全风险'), th('应对措施')]],
      body: risks,
      fontSize: fs,
      padding: 4 * s,
    }),
    { text: '监管及联系方式', fontSize: 14 * s, bold: true, alignment: 'center', margin: [0, 10 * s, 0, 4 * s] },
    grid({ widths: [100 * s, '*', 80 * s, 120 * s], head: [], body: contacts, fontSize: 11 * s, padding: 4 * s }),
  ];
  if (n.provisional) {
    stack.push({ text: `注：本单位风险等级评分所用评分表为${layout.provisionalNote}。`, fontSize: 9 * s, margin: [0, 6 * s, 0, 0] });
  }
  stack.push({
    text: [`发布单位：${n.bureau}\n`, cnDate(n.generatedOn)],
    fontSize: 12 * s,
    alignment: 'right',
    margin: [0, 12 * s, 0, 0],
  });
  return { stack, ...(first ? {} : { pageBreak: 'before' as const }) };
}

/** The document definition of the notices: one page per unit. */
export function noticeDocument(notices: NoticeData[], opts: NoticeOptions = {}): TDocumentDefinitions {
  if (notices.length === 0) throw new Error('没有要打印的公告栏');
  const size = opts.size ?? 'A4';
  const s = size === 'A3' ? Math.SQRT2 : 1;
  const m = MARGIN * s;
  const content = notices.map((n, i) => sheet(n, s, i === 0));
  const title = notices.length === 1 ? `${titleOf('notice')} ${notices[0]?.unit.name ?? ''}` : titleOf('notice');
  return frame(content, { title, size, orientation: 'portrait', margins: [m, m, m, m], scale: s });
}

/** One notice per unit, one page each, in one PDF; `rows` is the number of notices. */
export async function noticePdf(notices: NoticeData[], file: string, opts: NoticeOptions = {}): Promise<{ rows: number }> {
  await writePdf(noticeDocument(notices, opts), file);
  return { rows: notices.length };
}
