/**
 * Security check of the Electron shell (CI): @doyensec/electronegativity over electron/ through
 * its programmatic API, offline. Fails on any finding of severity MEDIUM or above with confidence
 * FIRM or above, unless it is a reviewed one listed, with its reason, in
 * electron/electronegativity-allow.json (entries: { check, file, reason }).
 *
 *   npx tsx scripts/electronegativity.ts [dir]      exit 0: passed, 1: findings, 2: the check could not run
 *
 * Offline: the AvailableSecurityFixesGlobalCheck (which downloads Electron's release list) is
 * excluded, the Electron version is read from node_modules/electron instead of being guessed, and
 * the translations electronegativity fetches at start are answered locally (its `got` is replaced by an offline stand-in)
 * so nothing ever goes to the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_DIR = path.join(ROOT, 'electron');
export const ALLOW_FILE = 'electronegativity-allow.json';
/** Needs the network (Electron's release list): never run here. */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 } as const;
const CONFIDENCE = { TENTATIVE: 0, FIRM: 1, CERTAIN: 2 } as const;

export interface Finding {
  id: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  description: string;
  manualReview: boolean;
}

export interface AllowEntry {
  check: string;
  file: string;
  reason: string;
}

export interface CheckReport {
  electronVersion: string;
  checks: number;
  /** Every finding at or above the threshold. */
  findings: Finding[];
  /** Those not on the allow-list: the check fails when there is any. */
  failures: Finding[];
  /** Findings on the allow-list, with the reason. */
  allowed: (Finding & { reason: string })[];
  /** Allow-list entries that matched nothing (stale). */
  unused: AllowEntry[];
  /** Files electronegativity could not parse (a failure too: an unparsed file is unchecked). */
  errors: { file: string; message: string }[];
  passed: boolean;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { value: number; name: string };
  confidence: { value: number; name: string };
  description: string;
  manualReview?: boolean;
}

interface RunResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}

type Run = (options: Record<string, unknown>, forCli?: boolean) => Promise<RunResult>;

const here = createRequire(__filename);

/** The runner, with its network access cut off: `got` answers every request with a failure. */
function loadRunner(): Run {
  const req = createRequire(here.resolve('@doyensec/electronegativity'));
  const gotPath = req.resolve('got');
  if (!require.cache[gotPath]?.loaded || !(require.cache[gotPath]?.exports as { offline?: boolean }).offline) {
    const offline = () => Promise.reject(new Error('offline: electronegativity may not use the network'));
    const standIn = Object.assign(offline, { head: offline, get: offline, offline: true });
    const m = new Module(gotPath);
    m.filename = gotPath;
    m.loaded = true;
    m.exports = standIn;
    require.cache[gotPath] = m;
  }
  const mod = req('@doyensec/electronegativity') as Run | { default: Run };
  return typeof mod === 'function' ? mod : mod.default;
}

function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(here.resolve('electron/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function readAllowList(file: string): AllowEntry[] {
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8')) as { allow?: unknown };
  const list = Array.isArray(data.allow) ? (data.allow as unknown[]) : [];
  return list.map((e, i) => {
    const x = e as Partial<AllowEntry>;
    if (typeof x.check !== 'string' || typeof x.file !== 'string' || typeof x.reason !== 'string' || x.reason.trim().length < 10) {
      throw new Error(`${path.basename(file)}: entry ${i} needs check, file and a reason / 第 ${i} 项须写明 check、file 和理由`);
    }
    return { check: x.check, file: x.file, reason: x.reason };
  });
}

const posix = (p: string) => p.split(path.sep).join('/');

/** Runs the check on `dir` (electron/ by default) against the allow-list in that folder. */
export async function checkElectron(dir: string = DEFAULT_DIR, allowFile: string = path.join(dir, ALLOW_FILE)): Promise<CheckReport> {
  const input = path.resolve(dir);
  const allow = readAllowList(allowFile);
  const run = loadRunner();
  const version = electronVersion();
  // The runner prints a line when its (offline) translation download fails: not news offline.
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Could not retrieve updated translations')) return;
    log(...args);
  };
  let result: RunResult;
  try {
    result = await run(
      {
        input,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS,
        severitySet: 'INFORMATIONAL',
        confidenceSet: 'TENTATIVE',
        isRelative: true,
        isVerbose: false,
        electronUpgrade: undefined,
        electronVersionOverride: version,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
  }
  const findings: Finding[] = result.issues
    .filter((i) => i.severity.value >= SEVERITY.MEDIUM && i.confidence.value >= CONFIDENCE.FIRM)
    .map((i) => ({
      id: i.id,
      file: i.file === 'N/A' ? 'N/A' : posix(path.isAbsolute(i.file) ? path.relative(input, i.file) : i.file),
      line: i.location.line,
      column: i.location.column,
      severity: i.severity.name,
      confidence: i.confidence.name,
      description: i.description,
      manualReview: i.manualReview === true,
    }));
  const used = new Set<AllowEntry>();
  const failures: Finding[] = [];
  const allowed: (Finding & { reason: string })[] = [];
  for (const f of findings) {
    const entry = allow.find((a) => a.check === f.id && a.file === f.file);
    if (entry) {
      used.add(entry);
      allowed.push({ ...f, reason: entry.reason });
    } else failures.push(f);
  }
  const errors = result.errors.filter((e) => !e.tolerable).map((e) => ({ file: posix(path.relative(input, e.file)), message: e.message }));
  return {
    electronVersion: version,
    checks: result.globalChecks + result.atomicChecks,
    findings,
    failures,
    allowed,
    unused: allow.filter((a) => !used.has(a)),
    errors,
    passed: failures.length === 0 && errors.length === 0,
  };
}

export function formatReport(r: CheckReport, dir: string): string {
  const lines: string[] = [];
  lines.push(`electronegativity：${dir}（Electron ${r.electronVersion}，${r.checks} 项检查，离线；阈值 严重度≥MEDIUM 且 置信度≥FIRM）`);
  for (const f of r.allowed) lines.push(`  已复核放行 / allowed: ${f.id} ${f.file}:${f.line}:${f.column} — ${f.reason}`);
  for (const a of r.unused) lines.push(`  提示：放行清单中未用到的条目 / unused allow-list entry: ${a.check} ${a.file}`);
  for (const e of r.errors) lines.push(`  无法解析 / could not parse: ${e.file}: ${e.message}`);
  for (const f of r.failures) lines.push(`  ✗ ${f.id} [${f.severity}/${f.confidence}] ${f.file}:${f.line}:${f.column} — ${f.description}`);
  lines.push(
    r.passed
      ? `通过：没有未放行的 MEDIUM 及以上问题。Passed: no unreviewed finding of severity MEDIUM+ and confidence FIRM+.`
      : `未通过：${r.failures.length} 个安全问题未放行${r.errors.length ? `，${r.errors.length} 个文件无法解析` : ''}。Failed: ${r.failures.length} unreviewed finding(s)${r.errors.length ? `, ${r.errors.length} unparsable file(s)` : ''}.`,
  );
  return lines.join('\n');
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? DEFAULT_DIR);
  checkElectron(dir)
    .then((r) => {
      console.log(formatReport(r, path.relative(process.cwd(), dir) || '.'));
      process.exit(r.passed ? 0 : 1);
    })
    .catch((e: unknown) => {
      console.error(`安全检查无法运行 / the security check could not run: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    });
}
