/**
 * The process the crash harness (crash.test.ts) kills with SIGKILL. Run as
 *   node --import tsx tests/crash/child.ts import <db> <xlsx>
 *   node --import tsx tests/crash/child.ts saves <db> <n> [units]
 * and reports on stdout, one line per step, what has durably committed: `ready` once the database
 * is open; `done …` after the import returns; `committed r-<i>` after each confirm returns. On
 * Linux, writes to a pipe are synchronous, so a line the parent reads was written after the commit.
 */
import { openDatabase } from '../../db/connection';
import { createApi } from '../../src/services/dispatch';

/** The sheet of an open-pit assessment that grades (tests/db/services.test.ts). */
export function openpitSheet(i: number) {
  return {
    kind: 'openpit',
    table: { id: 'linfen-2023', version: 'ref-1' },
    assessedOn: '2024-03-01',
    answers: { 'op-eq-loading': 1 + (i % 3) },
  };
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/**
 * With CRASH_CHILD_WAIT=1 the child waits, once ready, for a line on stdin: the harness starts the
 * next child while the current one runs, so that Node's start-up is not on the clock.
 */
function goSignal(): Promise<void> {
  return new Promise((resolve) => {
    let got = '';
    const onData = (d: Buffer) => {
      got += d.toString('utf8');
      if (!got.includes('\n')) return;
      process.stdin.off('data', onData);
      process.stdin.off('end', onEnd);
      process.stdin.destroy();
      resolve();
    };
    const onEnd = () => fail('stdin closed before go');
    process.stdin.on('data', onData);
    process.stdin.once('end', onEnd);
  });
}

async function main(argv: string[]): Promise<void> {
  const [mode, dbFile, arg, unitsArg] = argv;
  if (dbFile === undefined || arg === undefined) fail('usage: child.ts import <db> <xlsx> | saves <db> <n> [units]');
  const db = openDatabase(dbFile);
  const api = createApi({ db, now: () => new Date() });
  say('ready');
  if (process.env.CRASH_CHILD_WAIT === '1') await goSignal();
  if (mode === 'import') {
    const r = await api['units.import']({ file: arg });
    if (!r.ok) fail(`import failed: ${r.error.message}`);
    say(`done ${r.value.created} ${r.value.updated}`);
  } else if (mode === 'saves') {
    const n = Number(arg);
    const units = Number(unitsArg ?? '3');
    for (let i = 0; i < n; i++) {
      const unitId = `u-${i % units}`;
      const ref = `r-${i}`;
      const saved = await api['assessments.saveDraft']({ unitId, ref, sheet: openpitSheet(i), assessors: ['王涛'] });
      if (!saved.ok) fail(`saveDraft ${ref} failed: ${saved.error.message}`);
      const confirmed = await api['assessments.confirm']({ unitId, ref });
      if (!confirmed.ok) fail(`confirm ${ref} failed: ${confirmed.error.message}`);
      say(`committed ${ref}`);
    }
    say('done');
  } else {
    fail(`unknown mode ${String(mode)}`);
  }
  db.close();
}

// Run only as a script, not when the test imports `openpitSheet`.
if (process.argv[1] !== undefined && /child\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).catch((e: unknown) => fail(`child crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
}
