/** Settings of this installation: the bureau, its level, the operator's name. */
import { stmt } from './stmt';
import type { Db } from './connection';

export type MetaKey = 'bureau' | 'level' | 'operator' | 'created_at' | 'counties_fixed' | 'audit_head' | 'signing_key' | 'public_key';

export function getMeta(db: Db, key: MetaKey): string | undefined {
  return (stmt(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setMeta(db: Db, key: MetaKey, value: string): void {
  stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function listCounties(db: Db): string[] {
  return (stmt(db, 'SELECT name FROM counties ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}
