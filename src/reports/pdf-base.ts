/**
 * Shared infrastructure of the PDF reports (pdfmake, server side): the one embedded font (Noto
 * Sans SC, subset by pdfmake), the access policies (no URL, local files only from the font
 * folder), the page frame every document shares (「第 N 页 共 M 页」 footer, the provisional
 * note as a header), the thin-bordered table layout of an official form, and small cell helpers.
 *
 * The builders (`pdf-*.ts`) only lay out what `./data` computed; nothing here recomputes a tier.
 */
import path from 'node:path';
import pdfmake from 'pdfmake';
import type {
  Content,
  ContentTable,
  CustomTableLayout,
  PageOrientation,
  Style,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import { chineseDate } from '../domain/dates';
import type { Tier } from '../domain/rules';
import layout from '../../templates/reports/layout.json';

export { layout };

/** The only font family of every report. */
export const FONT = 'NotoSansSC';

export type PaperSize = 'A4' | 'A3';

let fontFolder: string | undefined;

/** The folder of the Noto Sans SC package: the only local path the renderer may read. */
export function fontDir(): string {
  fontFolder ??= path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return fontFolder;
}

let ready = false;

function setup(): void {
  if (ready) return;
  const dir = fontDir();
  const regular = path.join(dir, '400Regular', 'NotoSansSC_400Regular.ttf');
  const bold = path.join(dir, '700Bold', 'NotoSansSC_700Bold.ttf');
  pdfmake.addFonts({ [FONT]: { normal: regular, bold, italics: regular, bolditalics: bold } });
  pdfmake.setUrlAccessPolicy(() => false);
  const root = path.resolve(dir) + path.sep;
  pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(root));
  ready = true;
}

/** Renders a document definition to `file` (fonts embedded as subsets). */
export async function writePdf(doc: TDocumentDefinitions, file: string): Promise<void> {
  setup();
  await pdfmake.createPdf(doc).write(file);
}

// ---------------------------------------------------------------------------------------------
// The page frame

export interface FrameOptions {
  title: string;
  size?: PaperSize;
  orientation?: PageOrientation;
  /** Page margins [left, top, right, bottom]. */
  margins?: [number, number, number, number];
  /** Printed at the top of every page (e.g. the provisional note). */
  headerNote?: string;
  /** Scales the footer (A3 notices). */
  scale?: number;
  styles?: Record<string, Style>;
}

export const BASE_STYLES: Record<string, Style> = {
  title: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
  subtitle: { fontSize: 10, alignment: 'center', margin: [0, 0, 0, 6] },
  meta: { fontSize: 9, margin: [0, 0, 0, 4] },
  section: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
  th: { bold: true, alignment: 'center' },
  note: { fontSize: 8, margin: [0, 4, 0, 0] },
};

/** A document with the shared frame around `content`. */
export function frame(content: Content[], o: FrameOptions): TDocumentDefinitions {
  const s = o.scale ?? 1;
  const margins = o.margins ?? (o.orientation === 'landscape' ? [30, 36, 30, 36] : [40, 40, 40, 40]);
  const doc: TDocumentDefinitions = {
    info: { title: o.title, creator: '矿安分级', producer: '矿安分级' },
    pageSize: o.size ?? 'A4',
    pageOrientation: o.orientation ?? 'portrait',
    pageMargins: margins,
    defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.15 },
    styles: { ...BASE_STYLES, ...o.styles },
    footer: (page: number, pages: number) => ({
      text: `第 ${page} 页 共 ${pages} 页`,
      alignment: 'center',
      fontSize: 8 * s,
      margin: [0, (margins[3] - 8 * s) / 2, 0, 0],
    }),
    content,
    // A section heading never stays alone at the foot of a page.
    pageBreakBefore: (node) => node.headlineLevel === 1 && (node.startPosition?.verticalRatio ?? 0) > 0.85,
  };
  if (o.headerNote !== undefined) {
    const note = o.headerNote;
    doc.header = () => ({
      text: note,
      alignment: 'center',
      bold: true,
      fontSize: 9 * s,
      margin: [margins[0], Math.max(6, (margins[1] - 10 * s) / 2), margins[2], 0],
    });
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Tables

/** Thin black borders, as on a printed government form. */
export function thinLayout(padding = 3): CustomTableLayout {
  return {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    hLineColor: () => '#000000',
    vLineColor: () => '#000000',
    paddingLeft: () => padding,
    paddingRight: () => padding,
    paddingTop: () => Math.max(1, padding - 1),
    paddingBottom: () => Math.max(1, padding - 1),
  };
}

/** No borders (title blocks, signature lines). */
export const noBorders: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

export interface GridOptions {
  widths: (number | '*' | 'auto')[];
  /** Header rows, repeated at the top of every page. */
  head: TableCell[][];
  body: TableCell[][];
  fontSize?: number;
  padding?: number;
  /**
   * Repeat the header rows on every page (default). Off for a small table inside an unbreakable
   * block: pdfmake mislays repeated header rows there.
   */
  repeatHead?: boolean;
}

/** A thin-bordered table whose header rows repeat on every page and whose rows never split. */
export function grid(o: GridOptions): ContentTable {
  const repeat = (o.repeatHead ?? true) && o.head.length > 0;
  return {
    table: {
      widths: o.widths,
      ...(repeat ? { headerRows: o.head.length, keepWithHeaderRows: 1 } : {}),
      dontBreakRows: true,
      body: [...o.head, ...o.body],
    },
    layout: thinLayout(o.padding ?? 3),
    fontSize: o.fontSize ?? 9,
  };
}

/** A header cell. */
export function th(text: string, extra: Record<string, unknown> = {}): TableCell {
  return { text, style: 'th', ...extra } as TableCell;
}

/** A centred cell. */
export function tc(text: string | number, extra: Record<string, unknown> = {}): TableCell {
  return { text: String(text), alignment: 'center', ...extra } as TableCell;
}

/** A cell spanning `n` columns, followed by the empty placeholders pdfmake wants. */
export function span(cell: object, n: number): TableCell[] {
  return [{ ...cell, colSpan: n } as TableCell, ...Array.from({ length: n - 1 }, () => ({}) as TableCell)];
}

// ---------------------------------------------------------------------------------------------
// Wording

/** 2024-03-20 → 2024年3月20日; '' stays ''. */
export function cnDate(date: string): string {
  return date === '' ? '' : chineseDate(date);
}

/** "D级" or "未定级". */
export function tierShort(t: Tier | null): string {
  return t === null ? '未定级' : `${t}级`;
}

export function tierColor(t: Tier | null): string {
  return layout.tierColors[t ?? 'none'];
}

/** A number as computed (D1: never rounded), '' for none. */
export function num(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n);
}

/** A title of `layout.json` with `{year}` filled in. */
export function titleOf(key: keyof typeof layout.titles, year?: number): string {
  return layout.titles[key].replace('{year}', String(year ?? ''));
}

/** The clause behind a tier, in words (lists). */
export function clauseText(clause: string): string {
  if (clause === '') return '';
  if (clause === 'R16') return '评分定级（R16）';
  if (clause === 'D6') return '人工定级（D6）';
  if (clause.startsWith('R17.')) return `直接判定D级（${clause}）`;
  if (clause === 'R18.1') return '动态升为D级（R18.1）';
  if (clause === 'R18.2' || clause === 'R18.3') return `重大事故隐患升级（${clause}）`;
  if (clause.startsWith('R18.')) return `动态评级（${clause}）`;
  return clause;
}

/** A numbered section heading (kept off the foot of a page). */
export function section(text: string): Content {
  return { text, style: 'section', headlineLevel: 1 };
}

/** A heading and a small table that move to the next page together. */
export function block(heading: string, ...body: Content[]): Content {
  // no headlineLevel inside: pdfmake's pageBreakBefore misplaces nodes of unbreakable blocks
  return { unbreakable: true, stack: [{ text: heading, style: 'section' }, ...body] };
}

/** The title block of a list document: title, then the bureau, the date it is as of and the generation date. */
export function listHeading(title: string, ctx: { bureau: string; on: string; generatedOn: string }, extra?: string, subtitle?: string): Content[] {
  return [
    { text: title, style: 'title' },
    ...(subtitle ? [{ text: subtitle, style: 'subtitle' } as Content] : []),
    {
      table: {
        widths: ['*', 'auto', '*'],
        body: [
          [
            { text: `填报单位：${ctx.bureau}`, alignment: 'left' },
            { text: `统计截止：${cnDate(ctx.on)}`, alignment: 'center' },
            { text: `生成日期：${cnDate(ctx.generatedOn)}`, alignment: 'right' },
          ],
        ],
      },
      layout: noBorders,
      style: 'meta',
    },
    ...(extra ? [{ text: extra, style: 'meta' } as Content] : []),
  ];
}
