/**
 * Crash safety: a child process (child.ts) is killed with SIGKILL in the middle of a large
 * registry import, and of a stream of assessment saves, 20 times each. After every kill the
 * database must open (WAL recovery), pass `PRAGMA integrity_check`, keep its audit chain, and
 * hold every use case wholly or not at all — and every save the child reported as committed.
 *
 * Timing the kills. A parent-side probe connection tries `BEGIN IMMEDIATE` (busy timeout 0) every
 * 2 ms: SQLITE_BUSY means the child holds the WAL write lock, i.e. is inside its write transaction.
 * better-sqlite3's page cache (16 MB) holds the whole import, so the `-wal` file only grows when the
 * transaction commits; it is polled too. Import runs are killed at a random moment either after
 * the write lock is seen (inside the transaction), after the WAL starts growing (inside the commit),
 * or from the start (anywhere). The probe is closed just before the kill, so the reopen after the
 * kill is the first connection and replays the WAL from scratch, as after a power cut.
 *
 * Caveat: SIGKILL kills the process, not the OS — the page cache survives, so this tests atomicity
 * and recovery, not the fsyncs that synchronous=FULL adds against power loss.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { verifyAudit } from '../../db/audit';
import { openDatabase, type Db } from '../../db/connection';
import type { KindLabel } from '../../src/registry/unit';
import { seededRandom } from '../../src/reports/data';
import { registryXlsx, tempDir, unitRecord } from '../db/fixtures';
import { freshDb, ok } from '../db/helpers';
import { openpitSheet } from './child';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const RUNS = 20;
const ROWS = 1500;
const UNITS = 3;
const POLL_MS = 2;
const RUN_TIMEOUT_MS = 40_000;
/** Children started ahead of the one being run. */
const AHEAD = Number(process.env.CRASH_AHEAD ?? 2);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);

/** Reproducible kill times for a given CRASH_SEED (the app's seeded generator, D10). */
const rng = (seed: number): (() => number) => seededRandom(`crash:${seed}`);

let work: string;
let template: string;
let xlsx: string;
let templateDir: string;
/** Rows per table in the template: the state with the import wholly absent. */
let absent: Record<string, number>;
const started = performance.now();
const summary: { import?: string; saves?: string } = {};

beforeAll(async () => {
  work = tempDir('kafj-crash-');
  const t = freshDb();
  templateDir = path.dirname(t.file);
  for (let i = 0; i < UNITS; i++) ok(await t.api['units.create'](unitRecord(`u-${i}`, '露天矿山', i + 1)));
  absent = tableCounts(t.db);
  t.db.close(); // checkpoints: the template is one self-contained file
  template = path.join(work, 'template.sqlite');
  copyFileSync(t.file, template);
  const labels: KindLabel[] = ['露天矿山', '地下矿山', '尾矿库', '地质勘探单位'];
  const records = Array.from({ length: ROWS }, (_, i) =>
    unitRecord(`imp-${String(i).padStart(5, '0')}`, labels[i % labels.length]!, 1000 + i, { miningLicence: `C1410002${String(i).padStart(6, '0')}`, miningLicenceUntil: '2027-01-01' }),
  );
  xlsx = await registryXlsx(records, work);
}, 60_000);

afterAll(() => {
  if (summary.import !== undefined || summary.saves !== undefined) {
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`crash harness (seed ${SEED}, ${secs} s): import — ${summary.import ?? 'not run'}; saves — ${summary.saves ?? 'not run'}`);
  }
  if (work) rmSync(work, { recursive: true, force: true });
  if (templateDir) rmSync(templateDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- the child and its killer

interface Run {
  /** Lines the child wrote before it died, each with its time since `go`. */
  lines: { text: string; at: number }[];
  /** Time since `go` the write lock was first seen held by the child (undefined: never). */
  lockAt?: number;
  /** Time since `go` the -wal file first had content. */
  walAt?: number;
  /** Kill state: undefined when the child ended on its own. */
  kill?: { at: number; walBytes: number; lockSeen: boolean };
  code: number | null;
  stderr: string;
}

interface Control {
  /** Called every POLL_MS with the run so far; return a delay (ms) to schedule the kill. */
  poll?: (r: Run, now: number) => number | undefined;
  /** Called on every stdout line after `go`; return a delay (ms) to schedule the kill. */
  line?: (text: string, r: Run) => number | undefined;
  /** Kill this long after `go`. */
  after?: number;
}

function fileSize(f: string): number {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
}

/** The child's stderr for an error message, its stack frames defused (vitest would try to source-map them). */
function quote(stderr: string): string {
  return stderr.replace(/^\s*at /gm, '    @ ').trim().slice(0, 4000);
}

/** A child started and waiting, database open, for `go` (child.ts, CRASH_CHILD_WAIT). */
interface Warm {
  args: string[];
  dbFile: string;
  child: ChildProcess;
  ready: Promise<void>;
  closed: Promise<number | null>;
  stderr: () => string;
  /** Where stdout lines go once the run is driven. */
  onLine: (text: string) => void;
}

function warm(args: string[], dbFile: string): Warm {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CHILD, ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CRASH_CHILD_WAIT: '1' },
  });
  let stderr = '';
  let markReady: () => void = () => undefined;
  const w: Warm = {
    args,
    dbFile,
    child,
    ready: new Promise((resolve) => (markReady = resolve)),
    closed: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    }),
    stderr: () => stderr,
    onLine: () => undefined,
  };
  let buf = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const text = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (text === 'ready') markReady();
      else w.onLine(text);
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (stderr += d));
  child.stdin!.on('error', () => undefined); // EPIPE if it died before `go`: reported by `closed`
  void w.closed.then(markReady, markReady);
  return w;
}

/** Starts a warm child's work and kills it as `control` says; resolves once it is gone. */
async function drive(w: Warm, control: Control): Promise<Run> {
  await w.ready;
  const { child, dbFile } = w;
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`child failed before go (${child.exitCode}): ${quote(w.stderr())}`);
  const run: Run = { lines: [], code: null, stderr: '' };
  let probe: Database.Database | undefined = new Database(dbFile, { fileMustExist: true, timeout: 0 });
  let probeError: unknown;
  let scheduled = false;
  const timers: NodeJS.Timeout[] = [];
  const closeProbe = () => {
    probe?.close();
    probe = undefined;
  };
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  const kill = () => {
    clearInterval(poller);
    if (run.kill || child.exitCode !== null || child.signalCode !== null) return;
    const walBytes = fileSize(`${dbFile}-wal`);
    closeProbe(); // the reopen after the kill is then the first connection: full WAL recovery
    run.kill = { at: since(), walBytes, lockSeen: run.lockAt !== undefined };
    child.kill('SIGKILL');
  };
  const schedule = (delay: number | undefined) => {
    if (delay === undefined || scheduled) return;
    scheduled = true;
    if (delay <= 0) kill();
    else timers.push(setTimeout(kill, delay));
  };
  const poller = setInterval(() => {
    if (run.kill) return;
    const now = since();
    if (run.walAt === undefined && fileSize(`${dbFile}-wal`) > 0) run.walAt = now;
    if (run.lockAt === undefined && probe) {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_BUSY') run.lockAt = now;
        else probeError ??= e;
      }
    }
    if (control.poll) schedule(control.poll(run, now));
  }, POLL_MS);
  w.onLine = (text) => {
    run.lines.push({ text, at: since() });
    if (control.line && !run.kill) schedule(control.line(text, run));
  };
  child.stdin!.end('go\n');
  if (control.after !== undefined) schedule(control.after);
  let hung = false;
  timers.push(
    setTimeout(() => {
      hung = true;
      kill();
    }, RUN_TIMEOUT_MS),
  );
  try {
    run.code = await w.closed;
  } finally {
    clearInterval(poller);
    for (const t of timers) clearTimeout(t);
    closeProbe();
  }
  run.stderr = w.stderr();
  if (probeError) throw probeError instanceof Error ? probeError : new Error(String(probeError));
  if (hung) throw new Error(`child hung: ${w.args.join(' ')}\n${quote(run.stderr)}`);
  if (!run.kill && run.code !== 0) throw new Error(`child failed (${run.code}): ${quote(run.stderr)}`);
  return run;
}

/**
 * Runs `RUNS` children one after the other, keeping `AHEAD` more started and waiting: Node's
 * start-up (about a second with tsx) is most of a run, and is not what is being timed.
 */
async function pipeline(args: (file: string) => string[], name: string, each: (i: number, w: Warm) => Promise<void>): Promise<void> {
  const queue: Warm[] = [];
  let started = 0;
  const topUp = () => {
    while (queue.length <= AHEAD && started < RUNS) {
      const file = freshCopy(`${name}-${started++}`);
      queue.push(warm(args(file), file));
    }
  };
  for (let i = 0; i < RUNS; i++) {
    topUp();
    const cur = queue.shift()!;
    try {
      await each(i, cur);
    } catch (e) {
      for (const w of [cur, ...queue]) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await Promise.all(queue.map((w) => w.closed.catch(() => undefined)));
      throw e;
    }
    rmSync(path.dirname(cur.dbFile), { recursive: true, force: true });
  }
}

/** A fresh copy of the template, with no -wal or -shm beside it. */
function freshCopy(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  const file = path.join(dir, 'county.sqlite');
  copyFileSync(template, file);
  return file;
}

// ---------------------------------------------------------------- checks after a kill

function tableCounts(db: Db): Record<string, number> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

/** Opens the killed database as the app would (recovering the WAL) and checks what holds for any use case. */
function reopen(file: string, expect: ExpectStatic, label: string): Db {
  const db = openDatabase(file);
  expect(db.pragma('integrity_check', { simple: true }), `${label}: integrity_check`).toBe('ok');
  expect(db.pragma('foreign_key_check'), `${label}: foreign_key_check`).toEqual([]);
  expect(verifyAudit(db), `${label}: audit chain`).toMatchObject({ ok: true });
  return db;
}

const countOf = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

// ---------------------------------------------------------------- the tests

type ImportPlan = 'from-start' | 'in-transaction' | 'in-commit';
type ImportLanding = 'before the transaction' | 'in the transaction (in memory)' | 'in the commit (WAL partly written)' | 'committed, not yet reported' | 'finished before the kill';

/**
 * Where a saves kill landed, read from the database: after a draft's commit record but before its
 * confirm's; after a confirm's commit record but before the child said so (during the fsync);
 * or neither (a draft lost before its commit record, or between saves).
 */
const SAVE_LANDINGS = ['draft committed, confirm lost', 'confirm committed, not yet reported', 'no save half-done'] as const;
type SaveLanding = (typeof SAVE_LANDINGS)[number];

describe('SIGKILL mid-write: every use case is wholly there or wholly absent', () => {
  it.concurrent(
    `a ${ROWS}-row registry import, killed ${RUNS} times`,
    async ({ expect }) => {
      const random = rng(SEED);
      // Calibration: one import to the end, giving the "wholly there" state and the phases' lengths.
      const calFile = freshCopy('import-calibration');
      const cal = await drive(warm(['import', calFile, xlsx], calFile), {});
      const done = cal.lines.find((l) => l.text.startsWith('done'));
      expect(done?.text).toBe(`done ${ROWS} 0`);
      expect(cal.lockAt, 'the probe sees the write transaction').toBeDefined();
      // The transaction's length (write lock seen → done), shortened by any quicker run since: the
      // machine is shared with the saves test and the next child starting up.
      let tx = done!.at - cal.lockAt!;
      const commit = done!.at - (cal.walAt ?? done!.at);
      const whole = (() => {
        const db = reopen(calFile, expect, 'calibration');
        const c = tableCounts(db);
        expect(countOf(db, "SELECT count(*) AS n FROM audit_log WHERE action = '导入新增单位'")).toBe(ROWS);
        db.close();
        return c;
      })();
      expect(whole.units).toBe(UNITS + ROWS);

      const landed = new Map<ImportLanding, number>();
      const byPlan: Record<ImportPlan, ImportLanding[]> = { 'from-start': [], 'in-transaction': [], 'in-commit': [] };
      await pipeline(
        (file) => ['import', file, xlsx],
        'import',
        async (i, w) => {
          const plan: ImportPlan = i % 5 === 0 ? 'from-start' : i % 5 === 1 || i % 5 === 3 ? 'in-commit' : 'in-transaction';
          const control: Control =
            plan === 'from-start'
              ? { after: random() * done!.at }
              : plan === 'in-transaction'
                ? { poll: (r) => (r.lockAt !== undefined ? random() * 0.8 * tx : undefined) }
                : { poll: (r) => (r.walAt !== undefined ? Math.max(0, random() * Math.min(5, commit) - 1) : undefined) };
          const run = await drive(w, control);
          const label = `import run ${i} (${plan}, killed at ${run.kill?.at.toFixed(0)} ms)`;
          const db = reopen(w.dbFile, expect, label);
          const counts = tableCounts(db);
          const imported = countOf(db, "SELECT count(*) AS n FROM audit_log WHERE action = '导入新增单位'");
          db.close();
          const present = counts.units === whole.units;
          expect(counts, `${label}: every table as before the import or as after it`).toEqual(present ? whole : absent);
          expect(imported, `${label}: import audit rows`).toBe(present ? ROWS : 0);
          const reported = run.lines.find((l) => l.text.startsWith('done'));
          if (reported && run.lockAt !== undefined) tx = Math.min(tx, reported.at - run.lockAt);
          if (reported) expect(present, `${label}: reported done, so it is there`).toBe(true);
          const where: ImportLanding =
            !run.kill || reported
              ? 'finished before the kill'
              : present
                ? 'committed, not yet reported'
                : run.kill.walBytes > 0
                  ? 'in the commit (WAL partly written)'
                  : run.kill.lockSeen
                    ? 'in the transaction (in memory)'
                    : 'before the transaction';
          landed.set(where, (landed.get(where) ?? 0) + 1);
          byPlan[plan].push(where);
        },
      );
      const uncommitted = (landed.get('in the transaction (in memory)') ?? 0) + (landed.get('in the commit (WAL partly written)') ?? 0);
      summary.import = `${[...landed].map(([k, v]) => `${k} ${v}`).join(', ')} (transaction ≥ ${tx.toFixed(0)} ms, commit ${commit.toFixed(0)} ms)`;
      if (process.env.CRASH_VERBOSE) console.log(byPlan);
      // Not vacuous: a good share of the kills hit an open write transaction, and some its commit.
      expect(uncommitted, summary.import).toBeGreaterThanOrEqual(8);
      expect(landed.get('in the commit (WAL partly written)') ?? 0, summary.import).toBeGreaterThanOrEqual(1);
    },
    150_000,
  );

  it.concurrent(
    `a stream of assessment saves, killed ${RUNS} times`,
    async ({ expect }) => {
      const random = rng(SEED + 1);
      const landed = new Map<SaveLanding, number>(SAVE_LANDINGS.map((l) => [l, 0]));
      let checked = 0;
      await pipeline((file) => ['saves', file, '100000', String(UNITS)], 'saves', async (i, w) => {
        const after = 2 + Math.floor(random() * 5);
        const delay = random() * 250;
        let seen = 0;
        const run = await drive(w, {
          line: (text) => (text.startsWith('committed') && ++seen === after ? delay : undefined),
        });
        const label = `saves run ${i} (killed at ${run.kill?.at.toFixed(0)} ms)`;
        expect(run.kill, `${label}: killed`).toBeDefined();
        const committed = run.lines.filter((l) => l.text.startsWith('committed ')).map((l) => l.text.slice('committed '.length));
        expect(committed, `${label}: reported in order`).toEqual(committed.map((_, k) => `r-${k}`));

        const db = reopen(w.dbFile, expect, label);
        const rows = db.prepare('SELECT unit_id, ref, status, sheet, result, tier, clause, confirmed_at FROM assessments ORDER BY seq').all() as {
          unit_id: string;
          ref: string;
          status: string;
          sheet: string;
          result: string | null;
          tier: string | null;
          clause: string | null;
          confirmed_at: string | null;
        }[];
        const audits = db.prepare("SELECT seq, action, entity_id FROM audit_log WHERE entity = 'assessment' ORDER BY seq").all() as { seq: number; action: string; entity_id: string }[];
        db.close();

        // The saves are sequential: r-0 … r-m, all confirmed but perhaps the last.
        expect(rows.map((r) => r.ref), `${label}: saves in order`).toEqual(rows.map((_, k) => `r-${k}`));
        rows.forEach((r, k) => {
          const at = `${label}: ${r.ref}`;
          expect(r.unit_id, at).toBe(`u-${k % UNITS}`);
          const sheet = JSON.parse(r.sheet) as ReturnType<typeof openpitSheet>;
          expect(sheet.answers, at).toEqual(openpitSheet(k).answers);
          if (k < rows.length - 1) expect(r.status, `${at}: confirmed before the next save began`).toBe('confirmed');
          const drafts = audits.filter((a) => a.entity_id === `${r.unit_id}/${r.ref}` && a.action === '保存评估草稿');
          const confirms = audits.filter((a) => a.entity_id === `${r.unit_id}/${r.ref}` && a.action === '确认评估');
          expect(drafts.length, `${at}: its draft audit row`).toBe(1);
          if (r.status === 'confirmed') {
            expect(r.tier, at).toMatch(/^[ABCD]$/);
            expect(r.clause, at).toBeTruthy();
            expect(r.confirmed_at, at).toBeTruthy();
            expect((JSON.parse(r.result ?? 'null') as { tier?: string } | null)?.tier, `${at}: result`).toBe(r.tier);
            expect(confirms.length, `${at}: its confirm audit row`).toBe(1);
            expect(confirms[0]!.seq, at).toBeGreaterThan(drafts[0]!.seq);
          } else {
            expect(r.status, at).toBe('draft');
            expect([r.result, r.tier, r.confirmed_at], at).toEqual([null, null, null]);
            expect(confirms.length, `${at}: no confirm audit row`).toBe(0);
          }
        });
        const known = new Set(rows.map((r) => `${r.unit_id}/${r.ref}`));
        expect(audits.filter((a) => !known.has(a.entity_id)), `${label}: no audit row without its assessment`).toEqual([]);
        expect(audits.length, `${label}: only the draft and confirm rows`).toBe(rows.length + rows.filter((r) => r.status === 'confirmed').length);

        // Durability: everything reported as committed is there, confirmed.
        const confirmed = rows.filter((r) => r.status === 'confirmed').map((r) => r.ref);
        for (const ref of committed) expect(confirmed, `${label}: ${ref} was reported committed`).toContain(ref);
        expect(confirmed.length - committed.length, `${label}: at most one confirm not yet reported`).toBeLessThanOrEqual(1);
        checked += confirmed.length;

        const last = rows[rows.length - 1];
        const where: SaveLanding =
          last?.status === 'draft' ? 'draft committed, confirm lost' : confirmed.length > committed.length ? 'confirm committed, not yet reported' : 'no save half-done';
        landed.set(where, (landed.get(where) ?? 0) + 1);
      });
      summary.saves = `${[...landed].map(([k, v]) => `${k} ${v}`).join(', ')} (${checked} confirmed saves checked)`;
    },
    150_000,
  );
});
