/**
 * CLI.md "Commands on a database": the same handlers the desktop app calls, on any database file.
 * Every write is one transaction; bad input prints Chinese lines on stderr and exits 2.
 */
import type { Command } from 'commander';
import { openDatabase, type Db } from '../../db/connection';
import { initDatabase } from '../../db/init';
import type { Result } from '../api/contract';
import { isIsoDate } from '../domain/dates';
import { readJsonFile } from '../io/json-file';
import { createApi } from '../services/dispatch';
import { REPORTS } from '../reports/export';
import type { CliIo } from './program';
import { CliInputError, printJson } from './errors';

interface DbOptions {
  db: string;
  tables?: string;
  operator?: string;
}


/** The value of a handler's result, or exit 2 with its message(s), each prefixed by `prefix`. */
function valueOf<T>(r: Result<T>, prefix = ''): T {
  if (r.ok) return r.value;
  const lines = r.error.issues.length > 0 && r.error.issues.every((i) => i.path.length === 0) ? r.error.issues.map((i) => i.message) : [r.error.message];
  throw new CliInputError(lines.map((l) => `${prefix}${l}`));
}

/** Opens the database, stores `--tables` in it (once, D8), and runs `fn` with the API. */
async function withDb<T>(o: DbOptions, fn: (api: ReturnType<typeof createApi>, db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(o.db);
  try {
    const api = createApi({ db, now: () => new Date(), ...(o.operator ? { operator: o.operator } : {}) });
    if (o.tables !== undefined) {
      const data = readJsonFile(o.tables);
      const sets = Array.isArray(data) ? data : [data];
      for (const s of sets) valueOf(await api['tables.import']({ tableSet: s }), `${o.tables}: `);
    }
    return await fn(api, db);
  } finally {
    db.close();
  }
}

export function addDbCommands(program: Command, io: CliIo): void {
  const common = (c: Command): Command =>
    c
      .requiredOption('--db <file>', '数据库文件')
      .option('--tables <file>', '把此评分表存入数据库（同一版本只存一次）')
      .option('--operator <name>', '操作员姓名（写入审计日志）');

  program
    .command('db-init')
    .description('为县级（默认）或市级应急管理局新建数据库；已有文件时拒绝')
    .requiredOption('--db <file>', '新数据库文件')
    .requiredOption('--bureau <name>', '监管部门名称，如 尧都区应急管理局')
    .option('--level <level>', 'county（县级，默认）或 city（市级）', 'county')
    .option('--county <name...>', '辖区内的县级行政区（给出后导入台账时逐行核对）')
    .option('--operator <name>', '操作员姓名', '系统初始化')
    .action((o: { db: string; bureau: string; level: string; county?: string[]; operator: string }) => {
      if (o.level !== 'county' && o.level !== 'city') throw new CliInputError([`--level 应为 county 或 city，实际为 ${JSON.stringify(o.level)}`]);
      initDatabase(o.db, { bureau: o.bureau, level: o.level, operator: o.operator, counties: o.county ?? [], now: new Date() }).close();
      printJson(io, { db: o.db });
    });

  common(program.command('units-import').description('从 .xlsx 导入企业台账（全部导入或全部不导入）'))
    .requiredOption('--xlsx <file>', '台账文件（.xlsx）')
    .action(async (o: DbOptions & { xlsx: string }) => {
      const v = await withDb(o, async (api) => valueOf(await api['units.import']({ file: o.xlsx }), ''));
      printJson(io, { created: v.created, updated: v.updated });
    });

  common(program.command('record').description('把案例中的评估（已确认）和事件存入数据库'))
    .requiredOption('--case <file>', '单位案例 JSON 文件（timeline 格式）')
    .action(async (o: DbOptions & { case: string }) => {
      const data = readJsonFile(o.case);
      const v = await withDb(o, async (api) => valueOf(await api['cases.record']({ unitCase: data }), `${o.case}: `));
      printJson(io, v);
    });

  common(program.command('tier').description('由数据库中的记录推算单位在某日的风险等级、历史和到期的重新评估'))
    .requiredOption('--unit <id>', '单位编号')
    .requiredOption('--on <date>', '日期 YYYY-MM-DD')
    .action(async (o: DbOptions & { unit: string; on: string }) => {
      if (!isIsoDate(o.on)) throw new CliInputError([`--on 应为 YYYY-MM-DD 格式的日期，实际为 ${JSON.stringify(o.on)}`]);
      const v = await withDb(o, async (api) => valueOf(await api['units.get']({ id: o.unit, on: o.on })));
      printJson(io, v.timeline);
    });

  common(program.command('export').description('导出报表（按 --out 的扩展名生成 .xlsx 或 .pdf）'))
    .requiredOption('--report <name>', `报表：${Object.keys(REPORTS).join('、')}`)
    .requiredOption('--out <file>', '输出文件（.xlsx 或 .pdf）')
    .option('--year <yyyy>', '年度（名单截至该年12月31日；不填则截至今天）')
    .option('--unit <id>', '单位编号（notice、assessment-record）')
    .option('--seed <text>', 'plan：随机抽查的种子（默认为年份）')
    .option('--rate <ratio>', 'plan：随机抽查比例，0–1（默认 0.1）')
    .option('--size <size>', 'notice：纸张 A4（默认）或 A3')
    .action(async (o: DbOptions & { report: string; out: string; year?: string; unit?: string; seed?: string; rate?: string; size?: string }) => {
      const year = o.year === undefined ? undefined : /^\d{4}$/.test(o.year) ? Number(o.year) : NaN;
      if (Number.isNaN(year)) throw new CliInputError([`--year 年份应为四位数字，如 2024，实际为 ${JSON.stringify(o.year)}`]);
      const rate = o.rate === undefined ? undefined : Number(o.rate);
      if (rate !== undefined && !(rate > 0 && rate <= 1)) throw new CliInputError([`--rate 抽查比例应为 0 到 1 之间的数，实际为 ${JSON.stringify(o.rate)}`]);
      if (o.size !== undefined && o.size !== 'A4' && o.size !== 'A3') throw new CliInputError([`--size 应为 A4 或 A3，实际为 ${JSON.stringify(o.size)}`]);
      const v = await withDb(o, async (api) =>
        valueOf(
          await api['reports.export']({
            report: o.report,
            file: o.out,
            ...(year !== undefined ? { year } : {}),
            ...(o.unit !== undefined ? { unit: o.unit } : {}),
            ...(o.seed !== undefined ? { seed: o.seed } : {}),
            ...(rate !== undefined ? { rate } : {}),
            ...(o.size !== undefined ? { size: o.size as 'A4' | 'A3' } : {}),
          }),
        ),
      );
      printJson(io, v);
    });

  common(program.command('package-export').description('导出数据包：县级上报市局，或市局下发县级（由数据库级别决定）'))
    .requiredOption('--out <file>', '数据包文件（.zip）')
    .requiredOption('--year <yyyy>', '年度')
    .action(async (o: DbOptions & { out: string; year: string }) => {
      if (!/^\d{4}$/.test(o.year)) throw new CliInputError([`--year 年份应为四位数字，如 2024，实际为 ${JSON.stringify(o.year)}`]);
      const v = await withDb(o, async (api) => valueOf(await api['packages.export']({ file: o.out, year: Number(o.year) })));
      printJson(io, { out: v.out, units: v.units });
    });

  common(program.command('package-import').description('导入数据包；校验不通过的数据包整体拒绝'))
    .requiredOption('--in <file>', '数据包文件（.zip）')
    .action(async (o: DbOptions & { in: string }) => {
      const v = await withDb(o, async (api) => valueOf(await api['packages.import']({ file: o.in }), `${o.in}: `));
      for (const c of v.conflicts) io.stderr(`注意：统一社会信用代码 ${c.creditCode} 同时见于 ${c.units.map((u) => `${u.origin}「${u.id}」`).join('、')}，请核实处理\n`);
      printJson(io, { county: v.county, units: v.units });
    });

  common(program.command('audit-verify').description('核验审计日志的哈希链，报告第一处断裂'))
    .action(async (o: DbOptions) => {
      const v = await withDb(o, async (api) => valueOf(await api['audit.verify']({})));
      printJson(io, v);
      if (!v.ok) {
        io.stderr(`${o.db}: ${v.message}\n`);
        throw new CliInputError([], 1);
      }
    });
}
