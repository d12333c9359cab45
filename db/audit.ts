/**
 * The audit log: who (the operator configured in the app), when, what, old and new value, for
 * every change. Rows are append-only (triggers) and chained: each row's hash covers its content
 * and the previous row's hash, so editing, deleting or inserting any row by hand breaks the
 * chain at that row. The head of the chain is also kept in `meta`, so cutting rows off the end
 * is noticed too.
 */
import { stmt } from './stmt';
import { hash } from 'node:crypto';
import type { Db } from './connection';

export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  operator: string;
  action: string;
  entity: string;
  entityId: string;
  old?: unknown;
  new?: unknown;
}

export interface AuditRow {
  seq: number;
  at: string;
  operator: string;
  action: string;
  entity: string;
  entity_id: string;
  old: string | null;
  new: string | null;
  prev_hash: string;
  hash: string;
}

function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const content = JSON.stringify([r.seq, r.at, r.operator, r.action, r.entity, r.entity_id, r.old, r.new, r.prev_hash]);
  // one-shot hash: the same digest as createHash().update().digest(), twice as fast for a row
  return hash('sha256', content, 'hex');
}

const asJson = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Appends one row; call inside the use case's transaction so the change and its audit row commit together. */
export function appendAudit(db: Db, e: AuditEntry, at: string): void {
  const last = stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at,
    operator: e.operator,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    old: asJson(e.old),
    new: asJson(e.new),
    prev_hash: last?.hash ?? GENESIS,
  };
  const hash = rowHash(row);
  stmt(db, 
    'INSERT INTO audit_log (seq, at, operator, action, entity, entity_id, old, new, prev_hash, hash) VALUES (@seq, @at, @operator, @action, @entity, @entity_id, @old, @new, @prev_hash, @hash)',
  ).run({ ...row, hash });
  stmt(db, "INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(`${row.seq}:${hash}`);
}

export type AuditVerdict = { ok: true; rows: number } | { ok: false; rows: number; seq: number; message: string };

/** Walks the chain from the first row; reports the first broken link. */
export function verifyAudit(db: Db): AuditVerdict {
  let prev = GENESIS;
  let expectedSeq = 1;
  let rows = 0;
  for (const r of stmt(db, 'SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    rows++;
    if (r.seq !== expectedSeq) {
      return { ok: false, rows, seq: expectedSeq, message: `第 ${expectedSeq} 条审计记录缺失（记录被删除或插入）` };
    }
    if (r.prev_hash !== prev) {
      return { ok: false, rows, seq: r.seq, message: `第 ${r.seq} 条审计记录与前一条的链接断开（前一条被改动、删除或插入）` };
    }
    if (rowHash(r) !== r.hash) {
      return { ok: false, rows, seq: r.seq, message: `第 ${r.seq} 条审计记录的内容被改动（哈希不符）` };
    }
    prev = r.hash;
    expectedSeq++;
  }
  const head = (stmt(db, "SELECT value FROM meta WHERE key = 'audit_head'").get() as { value: string } | undefined)?.value;
  const tail = rows === 0 ? undefined : `${expectedSeq - 1}:${prev}`;
  if (head !== tail) {
    return { ok: false, rows, seq: expectedSeq, message: `审计日志末尾的记录被删除（应到第 ${head?.split(':')[0] ?? 0} 条，实际只有 ${rows} 条）` };
  }
  return { ok: true, rows };
}
