/**
 * The command line (CLI.md): JSON on stdout; on bad input one Chinese line on stderr naming the
 * file, the JSON path and what is wrong, and exit code 2; never a stack trace.
 * `runCli` is the whole program minus `process`, so tests call it in-process.
 */
import { Command, CommanderError } from 'commander';
import { contractResult, grade } from '../engine/grade';
import { parsePlanCase, parseYear, plan } from '../engine/plan';
import { parseSheet } from '../engine/sheet';
import { parseTimelineCase, timeline } from '../engine/timeline';
import { FileInputError, parseJsonFile } from '../io/json-file';
import { builtinRegistry } from '../tables/builtin';
import { TableRegistry } from '../tables/registry';
import { ValidationError, formatIssue } from '../validation/issues';
import { DbError } from '../../db/errors';
import { addDbCommands } from './db-commands';
import { CliInputError, printJson } from './errors';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export { CliInputError };

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** `--tables FILE` replaces the built-in tables (CLI.md). */
export function loadTables(file: string | undefined): TableRegistry {
  return file === undefined ? builtinRegistry() : parseJsonFile(file, (d) => TableRegistry.fromJson(d));
}


function translateCommanderError(e: CommanderError): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const flag = quoted.split(/[ ,]/)[0] ?? quoted;
  switch (e.code) {
    case 'commander.missingMandatoryOptionValue':
      return `缺少必填参数 ${flag}`;
    case 'commander.optionMissingArgument':
      return `参数 ${flag} 缺少值`;
    case 'commander.unknownOption':
      return `未知参数 ${flag}`;
    case 'commander.unknownCommand':
      return `未知命令 ${flag}（用 --help 查看可用命令）`;
    case 'commander.excessArguments':
      return '多余的参数（用 --help 查看用法）';
    case 'commander.missingArgument':
      return `缺少参数 ${flag}`;
    default:
      return `命令行参数有误（用 --help 查看用法）`;
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('cli')
    .description('矿安分级 命令行：评分、动态评级与监督检查计划（临应急发〔2023〕50号）')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: () => undefined, outputError: () => undefined });

  program
    .command('grade')
    .description('按评分表对一份评分记录计分、定级（R16、R17）')
    .requiredOption('--sheet <file>', '评分记录 JSON 文件')
    .option('--tables <file>', '使用此评分表文件，而不用内置评分表')
    .option('--explain', '同时输出每一项的得分、扣分及封顶情况')
    .action((o: { sheet: string; tables?: string; explain?: boolean }) => {
      const tables = loadTables(o.tables);
      const result = parseJsonFile(o.sheet, (d) => grade(parseSheet(d, tables)));
      printJson(io, o.explain ? result : contractResult(result));
    });

  program
    .command('timeline')
    .description('由评估和事件推算单位的风险等级变化及到期的重新评估（R18、D2、D3、D9）')
    .requiredOption('--case <file>', '单位案例 JSON 文件（含 on 日期）')
    .option('--tables <file>', '使用此评分表文件，而不用内置评分表')
    .action((o: { case: string; tables?: string }) => {
      const tables = loadTables(o.tables);
      const { unitCase, on } = parseJsonFile(o.case, (d) => parseTimelineCase(d, tables));
      printJson(io, timeline(unitCase, on));
    });

  program
    .command('plan')
    .description('年度差异化监督检查要求（R20、D10）')
    .requiredOption('--case <file>', '多个单位的案例 JSON 文件')
    .requiredOption('--year <yyyy>', '年份')
    .option('--tables <file>', '使用此评分表文件，而不用内置评分表')
    .action((o: { case: string; year: string; tables?: string }) => {
      let year: number;
      try {
        year = parseYear(o.year);
      } catch (e) {
        throw new CliInputError([`--year ${(e as ValidationError).issues[0]?.message ?? ''}`]);
      }
      const tables = loadTables(o.tables);
      const units = parseJsonFile(o.case, (d) => parsePlanCase(d, tables));
      printJson(io, plan(units, year));
    });

  addDbCommands(program, io);
  return program;
}

/** One line per problem; CLI.md asks for one line, so further problems are counted on it. */
export function fileErrorLine(e: FileInputError): string {
  const [first, ...rest] = e.error.issues;
  const line = first ? formatIssue(first, e.file) : `${e.file}: 输入有误`;
  return rest.length > 0 ? `${line}（另有 ${rest.length} 处问题）` : line;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  if (argv.length === 0) {
    io.stderr(`${program.helpInformation()}`);
    return EXIT_BAD_INPUT;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') {
        return EXIT_OK;
      }
      io.stderr(`${translateCommanderError(e)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof FileInputError) {
      io.stderr(`${fileErrorLine(e)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof CliInputError) {
      if (e.lines.length > 0) io.stderr(`${e.lines.join('\n')}\n`);
      return e.exitCode;
    }
    if (e instanceof DbError) {
      io.stderr(`${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof ValidationError) {
      io.stderr(`${e.issues.map((i) => formatIssue(i)).join('\n')}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(`内部错误：${e instanceof Error ? e.message : String(e)}（请将此信息告知技术支持）\n`);
    return EXIT_INTERNAL;
  }
}
