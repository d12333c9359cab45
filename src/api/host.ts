/**
 * What the renderer asks of its host beyond the service channels: the first start, files the user
 * picks or saves, backups. Each host (Electron main + preload, the browser shell, the e2e bridge)
 * implements it; the renderer sees `window.api.host`. The renderer never sends a file path: it
 * sends the bytes of a file the user picked, or lets the host choose where to save.
 */
import type { Result } from './contract';

export interface HostSetup {
  level: 'county' | 'city';
  bureau: string;
  operator: string;
  counties?: string[];
}

export interface UploadedFile {
  name: string;
  base64: string;
}

export interface SavedFile {
  name: string;
  /** Where the host saved it (shown to the user; only the host acts on it). */
  location: string;
  rows: number;
}

export interface ReportRequest {
  report: string;
  format: 'xlsx' | 'pdf';
  year?: number;
  unit?: string;
  seed?: string;
  rate?: number;
  size?: 'A4' | 'A3';
}

export interface BackupEntry {
  file: string;
  date: string;
  bytes: number;
}

/** The host methods; each returns null when the user cancelled a file dialog. */
export interface HostApi {
  status(): Promise<{ needsSetup: boolean; shell: 'electron' | 'browser' | 'test' }>;
  setup(s: HostSetup): Promise<Result<{ bureau: string }>>;
  importRegistry(): Promise<Result<{ created: number; updated: number; unchanged: number; ignoredColumns: string[] }> | null>;
  importTableSet(): Promise<Result<{ id: string; version: string; stored: boolean }> | null>;
  importPackage(): Promise<Result<{ county: string; units: number; replaced: number; conflicts: { creditCode: string; units: { id: string; origin: string }[] }[]; skipped: string[]; newTables: string[] }> | null>;
  exportRegistry(): Promise<Result<SavedFile> | null>;
  exportReport(r: ReportRequest): Promise<Result<SavedFile> | null>;
  exportPackage(year: number): Promise<Result<SavedFile> | null>;
  /** Shows a saved file in its folder (Electron) or downloads it (browser). */
  reveal(saved: SavedFile): Promise<void>;
  listBackups(): Promise<BackupEntry[]>;
  backupNow(): Promise<Result<{ file: string | null }>>;
  restoreBackup(file: string): Promise<Result<{ restored: string }>>;
}

export const HOST_METHODS = [
  'status',
  'setup',
  'importRegistry',
  'importTableSet',
  'importPackage',
  'exportRegistry',
  'exportReport',
  'exportPackage',
  'reveal',
  'listBackups',
  'backupNow',
  'restoreBackup',
] as const satisfies readonly (keyof HostApi)[];
