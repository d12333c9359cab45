/**
 * What the desktop app does with its database on start-up: open (migrating if needed, refusing a
 * database from a newer version), then take the day's backup if none was taken yet (keeping 30).
 */
import { backupIfDue } from './backup';
import { openDatabase, type Db } from './connection';

export interface Opened {
  db: Db;
  /** The backup made now, or null when today's already existed. */
  backup: { file: string } | null;
}

export async function openForApp(file: string, backupDir: string, now: Date): Promise<Opened> {
  const db = openDatabase(file, { create: true });
  try {
    return { db, backup: await backupIfDue(db, backupDir, now) };
  } catch (e) {
    db.close();
    throw e;
  }
}
