/**
 * Every table-set version ever used, kept byte for byte (D8), so an assessment is reprinted from
 * exactly the tables it was scored with, years later.
 */
import { createHash } from 'node:crypto';
import { TableRegistry } from '../src/tables/registry';
import { parseTableSet, type TableSet } from '../src/tables/schema';
import type { Db } from './connection';
import { DbError } from './errors';

export interface StoredTableSet {
  id: string;
  version: string;
  title: string;
  official: boolean;
  effectiveFrom: string;
  storedAt: string;
}

/** Canonical text of a table set: the same content always hashes the same. */
function canonical(data: unknown): string {
  return JSON.stringify(data);
}

/**
 * Stores a checked table set. The same id and version stored again with the same content is a
 * no-op (returns false); with other content it is refused (CLI.md `--tables`).
 */
export function storeTableSet(db: Db, raw: unknown, at: string): { set: TableSet; stored: boolean } {
  const set = parseTableSet(raw);
  const json = canonical(raw);
  const sha256 = createHash('sha256').update(json).digest('hex');
  const existing = db.prepare('SELECT sha256 FROM table_sets WHERE id = ? AND version = ?').get(set.id, set.version) as { sha256: string } | undefined;
  if (existing) {
    if (existing.sha256 !== sha256) {
      throw new DbError(`评分表 ${set.id} 版本 ${set.version} 已保存且内容不同：同一版本号不能有两种内容，请使用新的版本号（D8）`);
    }
    return { set, stored: false };
  }
  db.prepare('INSERT INTO table_sets (id, version, title, official, effective_from, json, sha256, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    set.id,
    set.version,
    set.title,
    set.official ? 1 : 0,
    set.effectiveFrom,
    json,
    sha256,
    at,
  );
  registries.delete(db);
  return { set, stored: true };
}

const registries = new WeakMap<Db, TableRegistry>();

/** All stored table sets, checked again on the way out. */
export function loadTableRegistry(db: Db): TableRegistry {
  const cached = registries.get(db);
  if (cached) return cached;
  const rows = db.prepare('SELECT json FROM table_sets ORDER BY stored_at, id, version').all() as { json: string }[];
  const reg = new TableRegistry(rows.map((r) => parseTableSet(JSON.parse(r.json))));
  registries.set(db, reg);
  return reg;
}

export function listTableSets(db: Db): StoredTableSet[] {
  return (
    db.prepare('SELECT id, version, title, official, effective_from, stored_at FROM table_sets ORDER BY effective_from, id, version').all() as {
      id: string;
      version: string;
      title: string;
      official: number;
      effective_from: string;
      stored_at: string;
    }[]
  ).map((r) => ({ id: r.id, version: r.version, title: r.title, official: r.official === 1, effectiveFrom: r.effective_from, storedAt: r.stored_at }));
}
