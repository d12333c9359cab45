/**
 * A new bureau database (CLI `db-init`, and the desktop app's first start): the bureau, its level,
 * the operator, the counties if given, and the built-in table set stored (D8). Refuses an existing file.
 */
import { existsSync } from 'node:fs';
import { builtinTableSets } from '../src/tables/builtin';
import reference from '../templates/scoring/linfen-2023-ref-1.json';
import { appendAudit } from './audit';
import { openDatabase, type Db } from './connection';
import { DbError } from './errors';
import { setMeta } from './meta';
import { storeTableSet } from './tables';

export interface InitOptions {
  bureau: string;
  level: 'county' | 'city';
  operator: string;
  counties?: string[];
  now: Date;
}

export function initDatabase(file: string, o: InitOptions): Db {
  if (o.bureau.trim() === '') throw new DbError('监管部门名称不能为空');
  if (existsSync(file)) throw new DbError(`${file}: 文件已存在，不能覆盖；请另选文件名`);
  const db = openDatabase(file, { create: true });
  try {
    const at = o.now.toISOString();
    db.transaction(() => {
      setMeta(db, 'bureau', o.bureau.trim());
      setMeta(db, 'level', o.level);
      setMeta(db, 'created_at', at);
      setMeta(db, 'operator', o.operator);
      for (const c of o.counties ?? []) db.prepare('INSERT OR IGNORE INTO counties (name) VALUES (?)').run(c);
      if (o.counties?.length) setMeta(db, 'counties_fixed', '1');
      if (builtinTableSets().length > 0) storeTableSet(db, reference, at);
      appendAudit(db, { operator: o.operator, action: '新建数据库', entity: 'settings', entityId: 'bureau', new: { bureau: o.bureau, level: o.level, counties: o.counties ?? [] } }, at);
    }).immediate();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
