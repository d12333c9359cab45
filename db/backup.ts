/**
 * Daily backups of the bureau's record, and restoring one of them.
 *
 * A county's whole record is one SQLite file on an office PC that may lose power at any moment, so:
 * - `backupIfDue` runs at start-up: at most one backup per calendar day (local date), taken with
 *   SQLite's online backup API (better-sqlite3 `db.backup`), into `<dir>/备份-YYYY-MM-DD.sqlite`
 *   (names sort by date). It is written under a temporary name, switched to a self-contained
 *   rollback-journal file, checked, fsynced and only then renamed: a crash mid-backup never leaves a
 *   file that looks like a backup. The newest 30 backups are kept; no other file in `dir` is touched.
 * - `checkBackup` tells whether a file is a sound backup this version of the app can read.
 * - `restoreBackup` replaces the database with a backup, atomically, keeping the replaced database
 *   as `<target>.before-restore-<timestamp>` so that a wrong restore can itself be undone.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { DbError } from './errors';
import { SCHEMA_VERSION } from './migrate';

export const BACKUP_PREFIX = '备份';
export const BACKUPS_KEPT = 30;
/** Tables every database of this app has; a file without them is not one of our backups. */
const REQUIRED_TABLES = ['meta', 'counties', 'units', 'audit_log'];

const BACKUP_NAME = new RegExp(`^${BACKUP_PREFIX}-(\\d{4}-\\d{2}-\\d{2})\\.sqlite$`);
/** An unfinished backup: never listed, removed by the next backup. */
const PARTIAL_SUFFIX = '.partial';
const PARTIAL_NAME = new RegExp(`^${BACKUP_PREFIX}-\\d{4}-\\d{2}-\\d{2}\\.sqlite\\${PARTIAL_SUFFIX}(-journal|-wal|-shm)?$`);

export interface BackupInfo {
  file: string;
  /** YYYY-MM-DD, the local date the backup was taken. */
  date: string;
  bytes: number;
}

export type BackupCheck = { ok: true; schemaVersion: number } | { ok: false; message: string };

/**
 * Backs `db` up into `dir` unless today's (local date of `now`) backup already exists; then keeps
 * only the newest 30 backups. Returns the new backup, or null when there was nothing to do.
 */
export async function backupIfDue(db: Database.Database, dir: string, now: Date): Promise<{ file: string } | null> {
  const file = path.join(dir, `${BACKUP_PREFIX}-${localDate(now)}.sqlite`);
  if (existsSync(file)) return null;
  mkdirSync(dir, { recursive: true });
  removePartials(dir);

  const tmp = file + PARTIAL_SUFFIX;
  try {
    await db.backup(tmp);
    // The copy keeps the live database's WAL mode; switch it to a rollback journal so the backup is
    // one self-contained file that can be opened read-only without leaving -wal/-shm files beside it.
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = checkBackup(tmp);
    if (!check.ok) throw new DbError(`${file}: 备份未能完成（${check.message}）`);
    fsyncFile(tmp);
    renameSync(tmp, file);
    fsyncDir(dir);
  } catch (e) {
    removePartials(dir);
    if (e instanceof DbError) throw e;
    throw new DbError(`${file}: 备份失败（${(e as Error).message}）`);
  }

  for (const old of listBackups(dir).slice(BACKUPS_KEPT)) unlinkSync(old.file);
  return { file };
}

/** The backups in `dir`, newest first; files of any other name (unfinished backups included) are ignored. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  const backups: BackupInfo[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const date = BACKUP_NAME.exec(entry.name)?.[1];
    if (!entry.isFile() || date === undefined) continue;
    const file = path.join(dir, entry.name);
    backups.push({ file, date, bytes: statSync(file).size });
  }
  return backups.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/**
 * Whether `file` is a sound backup this version can restore: SQLite's integrity check passes, its
 * schema version is one this app knows, and it has the app's tables. Opens the file read-only.
 */
export function checkBackup(file: string): BackupCheck {
  if (!existsSync(file)) return { ok: false, message: '备份文件不存在' };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return { ok: false, message: `无法打开备份文件（${(e as Error).message}）` };
  }
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') {
      return { ok: false, message: '备份文件已损坏（SQLite 完整性检查未通过）' };
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      return {
        ok: false,
        message: `此备份由更新版本的软件写入（数据结构版本 ${version}，本软件只支持到 ${SCHEMA_VERSION}），请升级软件后再恢复`,
      };
    }
    if (version < 1) return { ok: false, message: '不是本软件的数据库备份（没有数据结构版本）' };
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) return { ok: false, message: `不是本软件的数据库备份（缺少数据表：${missing.join('、')}）` };
    return { ok: true, schemaVersion: version };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') return { ok: false, message: '不是 SQLite 数据库文件' };
    if (code?.startsWith('SQLITE_CORRUPT')) return { ok: false, message: '备份文件已损坏（数据库结构损坏）' };
    return { ok: false, message: `无法读取备份文件（${(e as Error).message}）` };
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `targetFile` with `backupFile`. Throws `DbError` (naming the backup) and
 * leaves the target untouched when the backup fails `checkBackup`.
 *
 * The caller MUST have closed every connection to `targetFile` first (and reopen it afterwards with
 * `openDatabase`): a connection left open would keep writing to the replaced file.
 *
 * Steps: copy the backup to a temporary file beside the target and fsync it; keep the current
 * target (and its -wal, which may hold committed transactions) as `<target>.before-restore-<timestamp>`;
 * remove the target's -wal and -shm (they belong to the old file and must never be replayed onto the
 * restored one); rename the temporary file over the target. A crash at any point leaves either the
 * old database or the restored one at `targetFile`.
 */
export function restoreBackup(backupFile: string, targetFile: string): void {
  if (path.resolve(backupFile) === path.resolve(targetFile)) {
    throw new DbError(`${backupFile}: 备份文件就是当前数据库，无需恢复`);
  }
  const check = checkBackup(backupFile);
  if (!check.ok) throw new DbError(`${backupFile}: 不能用此备份恢复——${check.message}`);

  const dir = path.dirname(path.resolve(targetFile));
  const tmp = `${targetFile}.restore-tmp`;
  try {
    copyFileSync(backupFile, tmp);
    fsyncFile(tmp);
    if (existsSync(targetFile)) {
      const kept = keptName(targetFile);
      copyFileSync(targetFile, kept);
      fsyncFile(kept);
      if (existsSync(`${targetFile}-wal`)) {
        copyFileSync(`${targetFile}-wal`, `${kept}-wal`);
        fsyncFile(`${kept}-wal`);
      }
    }
    rmSync(`${targetFile}-wal`, { force: true });
    rmSync(`${targetFile}-shm`, { force: true });
    renameSync(tmp, targetFile);
    fsyncDir(dir);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new DbError(`${targetFile}: 恢复备份失败（${(e as Error).message}）。请确认已关闭本软件的其他窗口后重试`);
  }
}

/** YYYY-MM-DD in local time. */
function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `<target>.before-restore-YYYYMMDD-HHMMSS`, with a counter should that name be taken. */
function keptName(targetFile: string): string {
  const d = new Date();
  const base = `${targetFile}.before-restore-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  let name = base;
  for (let i = 2; existsSync(name); i++) name = `${base}-${i}`;
  return name;
}

/** Leftovers of backups interrupted by a crash (only our own temporary names). */
function removePartials(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (PARTIAL_NAME.test(name)) rmSync(path.join(dir, name), { force: true });
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable. Windows cannot open a directory: there NTFS journals the rename itself. */
function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // best effort: some file systems refuse fsync on a directory
  } finally {
    closeSync(fd);
  }
}
