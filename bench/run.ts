/**
 * `npm run bench [-- --quick]`: each benchmark times the app's own code path and a bare baseline
 * doing the same work in the same run, on the same data; every figure is the median of 3 runs.
 * Prints one markdown table: name | app s | baseline s | ratio | note. Run by hand, never in `npm test`.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pdfmake from 'pdfmake';
import { openDatabase } from '../db/connection';
import { allTimelines } from '../db/records';
import { grade } from '../src/engine/grade';
import { parseSheet } from '../src/engine/sheet';
import { noticesData, reportContext, tierList } from '../src/reports/data';
import { noticeDocument, noticePdf } from '../src/reports/pdf-notice';
import { fontDir, FONT } from '../src/reports/pdf-base';
import { tierListXlsx } from '../src/reports/xlsx';
import { writeRegistryXlsx } from '../src/registry/xlsx';
import { REGISTRY_COLUMNS } from '../src/registry/unit';
import { createApi } from '../src/services/dispatch';
import { builtinRegistry } from '../src/tables/builtin';
import { initDatabase } from '../db/init';
import { generateProvince, gradingSheets } from './generate';
import { unitListUi } from './ui';

const quick = process.argv.includes('--quick');
const SCALE = quick ? 0.1 : 1;
const UNITS = Math.round(50_000 * SCALE);
const SHEETS = Math.round(100_000 * SCALE);
const NOTICES = Math.round(1_000 * SCALE);
const RUNS = 3;
const dir = path.join(os.tmpdir(), `kafj-bench-${quick ? 'quick' : 'full'}`);

interface Row {
  name: string;
  app: number;
  baseline: number | null;
  note: string;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function medianOf(fn: () => unknown | Promise<unknown>, before?: () => void): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    xs.push(await time(fn));
  }
  return median(xs);
}

function freshDb(file: string) {
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  return initDatabase(file, { bureau: '基准', level: 'city', operator: '基准', now: new Date('2025-12-31T00:00:00Z') });
}

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const rows: Row[] = [];
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(`生成合成省份数据：${UNITS} 个单位 …`);
  const t0 = performance.now();
  const province = generateProvince(path.join(dir, 'province.sqlite'), UNITS);
  log(`  ${province.assessments} 次评估、${province.events} 个事件，用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const xlsx = path.join(dir, 'registry.xlsx');
  await writeRegistryXlsx(province.units, xlsx);

  // registry-import: units-import of the xlsx vs exceljs streaming read + plain inserts in one transaction
  {
    log('registry-import …');
    const target = path.join(dir, 'import.sqlite');
    const app = await medianOf(
      async () => {
        const db = openDatabase(target);
        const r = await createApi({ db, now: () => new Date() })['units.import']({ file: xlsx });
        db.close();
        if (!r.ok) throw new Error(r.error.message);
      },
      () => freshDb(target).close(),
    );
    const base = await medianOf(
      async () => {
        const db = new Database(target);
        db.exec('CREATE TABLE t (' + REGISTRY_COLUMNS.map((_, i) => `c${i}`).join(', ') + ')');
        const ins = db.prepare(`INSERT INTO t VALUES (${REGISTRY_COLUMNS.map(() => '?').join(', ')})`);
        const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsx, {});
        const values: unknown[][] = [];
        for await (const ws of reader) {
          for await (const row of ws) {
            if (row.number === 1) continue;
            values.push(REGISTRY_COLUMNS.map((_, i) => {
              const v = row.getCell(i + 1).value;
              return v === null || v === undefined ? null : typeof v === 'object' ? String(v) : v;
            }));
          }
          break;
        }
        db.transaction(() => {
          for (const v of values) ins.run(...v);
        })();
        db.close();
      },
      () => {
        for (const s of ['', '-wal', '-shm']) rmSync(target + s, { force: true });
      },
    );
    rows.push({ name: 'registry-import', app, baseline: base, note: `${UNITS} 行` });
  }

  // grade: sheets per second
  {
    log('grade …');
    const tables = builtinRegistry();
    const sheets = gradingSheets(SHEETS);
    const app = await medianOf(() => {
      for (const s of sheets) grade(parseSheet(s, tables));
    });
    rows.push({ name: 'grade', app, baseline: null, note: `${SHEETS} 份，${Math.round(SHEETS / app).toLocaleString('en')} 份/秒` });
  }

  const db = openDatabase(province.dbFile);
  const ctx = reportContext(db, 2025, '2025-12-31');

  // timeline-all: tier, history and due of every unit vs one SELECT of the same rows
  {
    log('timeline-all …');
    const app = await medianOf(() => allTimelines(db, '2025-12-31'));
    const base = await medianOf(() => {
      db.prepare("SELECT unit_id, ref, assessed_on, tier, clause, manual_basis FROM assessments WHERE status = 'confirmed' ORDER BY seq").all();
      db.prepare('SELECT * FROM events ORDER BY seq').all();
      db.prepare('SELECT id, kind, pond_id FROM units').all();
    });
    rows.push({ name: 'timeline-all', app, baseline: base, note: `${UNITS} 个单位` });
  }

  // tier-list-xlsx: export tier-list vs exceljs streaming writer writing the same cells
  {
    log('tier-list-xlsx …');
    const out = path.join(dir, 'tiers.xlsx');
    const app = await medianOf(async () => tierListXlsx(tierList(db, ctx), out));
    const data = tierList(db, ctx);
    const cells = data.rows.map((r) => [r.id, r.enterprise, r.name, r.kindLabel, r.county, r.township, r.ownership, r.status, r.tier ?? '未定级', r.tier ?? '', r.since, r.clause, r.score, r.provisional ? '参考分值' : '正式', r.assessedByCity ? '市局' : '县局']);
    const base = await medianOf(async () => {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet('风险等级名单');
      for (const c of cells) ws.addRow(c).commit();
      ws.commit();
      await wb.commit();
    });
    rows.push({ name: 'tier-list-xlsx', app, baseline: base, note: `${data.rows.length} 行` });
  }

  // notices-pdf: 1,000 notice boards into one PDF vs pdfmake rendering the same document definition
  {
    log('notices-pdf …');
    const out = path.join(dir, 'notices.pdf');
    const ids = (db.prepare('SELECT id FROM units ORDER BY id LIMIT ?').all(NOTICES) as { id: string }[]).map((r) => r.id);
    const app = await medianOf(async () => noticePdf(noticesData(db, ids, ctx), out));
    // the same document definitions, built beforehand (pdfmake consumes the one it renders)
    const data = noticesData(db, ids, ctx);
    const docs = Array.from({ length: RUNS }, () => noticeDocument(data));
    const dirFonts = fontDir();
    pdfmake.addFonts({ [FONT]: { normal: path.join(dirFonts, '400Regular/NotoSansSC_400Regular.ttf'), bold: path.join(dirFonts, '700Bold/NotoSansSC_700Bold.ttf') } });
    const base = await medianOf(async () => pdfmake.createPdf(docs.pop() as NonNullable<(typeof docs)[number]>).write(out));
    rows.push({ name: 'notices-pdf', app, baseline: base, note: `${NOTICES} 张` });
  }
  db.close();

  // unit-list-ui: first paint of the registry list and filter-to-result, in Chromium
  {
    log('unit-list-ui …');
    const copy = path.join(dir, 'ui.sqlite');
    copyFileSync(province.dbFile, copy);
    if (existsSync('/usr/bin/chromium')) {
      try {
        const r = await unitListUi(copy, RUNS);
        rows.push({ name: 'unit-list-ui', app: r.firstPaint, baseline: null, note: uiNote(r, `${UNITS} 个单位`) });
      } catch (e) {
        rows.push({ name: 'unit-list-ui', app: NaN, baseline: null, note: `失败：${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
      }
    } else rows.push({ name: 'unit-list-ui', app: NaN, baseline: null, note: '未找到 /usr/bin/chromium' });
  }

  // issue 7: the registry list with 20,000 units (a large county or a small city)
  if (!quick && existsSync('/usr/bin/chromium')) {
    log('unit-list-ui-20k …');
    const p20 = generateProvince(path.join(dir, 'p20k', 'province.sqlite'), 20_000, 'bench-20k');
    try {
      const r = await unitListUi(p20.dbFile, RUNS);
      rows.push({ name: 'unit-list-ui-20k', app: r.firstPaint, baseline: null, note: uiNote(r, '20,000 个单位') });
    } catch (e) {
      rows.push({ name: 'unit-list-ui-20k', app: NaN, baseline: null, note: `失败：${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
  }

  const fmt = (x: number | null) => (x === null || Number.isNaN(x) ? '—' : x.toFixed(3));
  console.log(`\n基准测试（${quick ? '快速，1/10 数据' : '完整'}；每项取 ${RUNS} 次中位数；${os.cpus().length} 核，Node ${process.version}）\n`);
  console.log('| name | app s | baseline s | ratio | note |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${fmt(r.app)} | ${fmt(r.baseline)} | ${r.baseline ? (r.app / r.baseline).toFixed(2) : '—'} | ${r.note} |`);
  console.log('\n目标：registry-import ≤ 1.5；tier-list-xlsx ≤ 1.3；notices-pdf ≤ 1.2；timeline-all ≤ 2 s（5 万个单位）；grade ≥ 100,000 份/秒；unit-list-ui 首屏 ≤ 1 s、筛选 ≤ 100 ms');
}

function uiNote(r: { firstPaint: number; coldPaint: number; restartPaint: number; seen: number; filter: number; tiers: number; coldTiers: number }, what: string): string {
  const ms = (x: number) => `${Math.round(x * 1000)} ms`;
  return `首屏 ${ms(r.firstPaint)}（首次启动 ${ms(r.coldPaint)}；浏览器重启后 ${ms(r.restartPaint)}；Playwright 看到 ${ms(r.seen)}）；输入筛选到结果 ${ms(r.filter)}；风险等级填齐 ${ms(r.tiers)}，首次启动时 ${ms(r.coldTiers)}（${what}）`;
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
