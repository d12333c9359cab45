/**
 * One running app on one machine: the bureau's database in its data folder, its daily backups,
 * and what a host (Electron main, the browser shell, the e2e bridge) does with files. Paths are
 * chosen here or by the host's own dialogs — never sent by the renderer, which only ever sends
 * the bytes of a file the user picked.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listBackups, restoreBackup, backupIfDue, type BackupInfo } from '../../db/backup';
import { openDatabase, type Db } from '../../db/connection';
import { DbError } from '../../db/errors';
import { initDatabase } from '../../db/init';
import { openForApp } from '../../db/startup';
import type { Channel, Result } from '../api/contract';
import type { HostSetup, SavedFile, UploadedFile, ReportRequest } from '../api/host';
import { createApi, dispatch, errorResult, type Api, type HandlerResult } from '../services/dispatch';
import { REPORTS, isReportName } from '../reports/export';

export class Session {
  readonly dbFile: string;
  readonly backupDir: string;
  readonly outDir: string;
  private readonly tmpDir: string;
  private db: Db | undefined;

  constructor(
    readonly dataDir: string,
    readonly now: () => Date = () => new Date(),
  ) {
    this.dbFile = path.join(dataDir, '矿安分级.sqlite');
    this.backupDir = path.join(dataDir, '备份');
    this.outDir = path.join(dataDir, '导出');
    this.tmpDir = path.join(dataDir, 'tmp');
    mkdirSync(dataDir, { recursive: true });
  }

  get ready(): boolean {
    return this.db !== undefined;
  }

  /** Opens the database if there is one, taking the day's backup. Returns whether set-up is needed. */
  async start(): Promise<{ needsSetup: boolean; backup: string | null }> {
    if (!existsSync(this.dbFile)) return { needsSetup: true, backup: null };
    const o = await openForApp(this.dbFile, this.backupDir, this.now());
    this.db = o.db;
    return { needsSetup: false, backup: o.backup?.file ?? null };
  }

  /** First start: county or city bureau, its name, the operator. */
  async setup(s: HostSetup): Promise<Result<{ bureau: string }>> {
    try {
      if (this.db) throw new DbError('已经设置过，不能重复设置');
      if (!s.bureau.trim()) throw new DbError('请填写监管部门名称');
      if (!s.operator.trim()) throw new DbError('请填写操作员姓名');
      initDatabase(this.dbFile, { bureau: s.bureau, level: s.level, operator: s.operator.trim(), counties: s.counties ?? [], now: this.now() }).close();
      await this.start();
      return { ok: true, value: { bureau: s.bureau.trim() } };
    } catch (e) {
      return errorResult(e);
    }
  }

  private requireDb(): Db {
    if (!this.db) throw new DbError('尚未设置监管部门，请先完成首次设置');
    return this.db;
  }

  api(): Api {
    return createApi({ db: this.requireDb(), now: this.now });
  }

  /** A service call by channel name (input unchecked: `dispatch` checks it). */
  async call<C extends Channel>(channel: C, input: unknown): Promise<Result<HandlerResult<C>>> {
    if (!this.db) return errorResult(new DbError('尚未设置监管部门，请先完成首次设置'));
    return dispatch({ db: this.db, now: this.now }, channel, input);
  }

  /** Runs a file channel on bytes the user picked: written to a private temp file, removed after. */
  async withUpload<T>(file: UploadedFile, fn: (p: string) => Promise<Result<T>>): Promise<Result<T>> {
    mkdirSync(this.tmpDir, { recursive: true });
    const safe = path.basename(file.name).replace(/[^\p{L}\p{N}._-]/gu, '_') || 'upload';
    const p = path.join(this.tmpDir, `${Date.now()}-${safe}`);
    try {
      writeFileSync(p, Buffer.from(file.base64, 'base64'));
      return await fn(p);
    } catch (e) {
      return errorResult(e);
    } finally {
      rmSync(p, { force: true });
    }
  }

  importRegistry(file: UploadedFile) {
    return this.withUpload(file, (p) => this.call('units.import', { file: p }));
  }

  importPackage(file: UploadedFile) {
    return this.withUpload(file, (p) => this.call('packages.import', { file: p }));
  }

  async importTableSet(file: UploadedFile) {
    try {
      const data: unknown = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8'));
      return await this.call('tables.import', { tableSet: data });
    } catch (e) {
      return e instanceof SyntaxError ? errorResult(new DbError(`${file.name}：不是有效的 JSON 评分表文件`)) : errorResult(e);
    }
  }

  /** A default file name for an export, in the session's export folder (hosts with dialogs choose their own). */
  defaultExportPath(kind: string, ext: string): string {
    mkdirSync(this.outDir, { recursive: true });
    const stamp = this.now().toISOString().slice(0, 19).replace(/[-:T]/g, '');
    return path.join(this.outDir, `${kind}-${stamp}.${ext}`);
  }

  async exportReport(r: ReportRequest, file?: string): Promise<Result<SavedFile>> {
    if (!isReportName(r.report)) return errorResult(new DbError(`未知的报表 ${r.report}`));
    const out = file ?? this.defaultExportPath(REPORTS[r.report].name, r.format);
    const res = await this.call('reports.export', {
      report: r.report,
      file: out,
      ...(r.year !== undefined ? { year: r.year } : {}),
      ...(r.unit !== undefined ? { unit: r.unit } : {}),
      ...(r.seed !== undefined ? { seed: r.seed } : {}),
      ...(r.rate !== undefined ? { rate: r.rate } : {}),
      ...(r.size !== undefined ? { size: r.size } : {}),
    });
    return res.ok ? { ok: true, value: { name: path.basename(out), location: out, rows: res.value.rows } } : res;
  }

  async exportRegistry(file?: string): Promise<Result<SavedFile>> {
    const out = file ?? this.defaultExportPath('企业台账', 'xlsx');
    const res = await this.call('units.export', { file: out });
    return res.ok ? { ok: true, value: { name: path.basename(out), location: out, rows: res.value.rows } } : res;
  }

  async exportPackage(year: number, file?: string): Promise<Result<SavedFile>> {
    const out = file ?? this.defaultExportPath('数据包', 'zip');
    const res = await this.call('packages.export', { file: out, year });
    return res.ok ? { ok: true, value: { name: path.basename(out), location: out, rows: res.value.units } } : res;
  }

  listBackups(): BackupInfo[] {
    return listBackups(this.backupDir);
  }

  /** 设置 → 立即备份: today's backup, made now if none exists yet. */
  async backupNow(): Promise<Result<{ file: string | null }>> {
    try {
      const b = await backupIfDue(this.requireDb(), this.backupDir, this.now());
      return { ok: true, value: { file: b?.file ?? null } };
    } catch (e) {
      return errorResult(e);
    }
  }

  /** Restores a listed backup: closes the database, replaces it (integrity-checked), reopens it. */
  async restore(fileName: string): Promise<Result<{ restored: string }>> {
    const b = this.listBackups().find((x) => path.basename(x.file) === path.basename(fileName));
    if (!b) return errorResult(new DbError(`没有名为 ${fileName} 的备份`));
    this.db?.close();
    this.db = undefined;
    try {
      restoreBackup(b.file, this.dbFile);
      return { ok: true, value: { restored: path.basename(b.file) } };
    } catch (e) {
      return errorResult(e);
    } finally {
      this.db = openDatabase(this.dbFile);
    }
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
