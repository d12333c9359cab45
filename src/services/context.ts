/**
 * What every handler gets: the open database and a clock. The operator (who, for the audit log)
 * is the name configured in the bureau's settings.
 */
import dayjs from 'dayjs';
import type { Db } from '../../db/connection';
import { appendAudit, type AuditEntry } from '../../db/audit';
import { getMeta } from '../../db/meta';

export interface ServiceContext {
  db: Db;
  now: () => Date;
  /** Overrides the configured operator (the CLI's `--operator`). */
  operator?: string;
}

/** A use-case failure a user can act on (Chinese message, optional per-field issues). */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export function operatorOf(ctx: ServiceContext): string {
  return ctx.operator ?? getMeta(ctx.db, 'operator') ?? '未设置操作员';
}

export function nowIso(ctx: ServiceContext): string {
  return ctx.now().toISOString();
}

export function today(ctx: ServiceContext): string {
  return dayjs(ctx.now()).format('YYYY-MM-DD');
}

/** Runs a use case's writes in one transaction (BEGIN IMMEDIATE): all of it, or none. */
export function write<T>(ctx: ServiceContext, fn: () => T): T {
  return ctx.db.transaction(fn).immediate();
}

/** Appends an audit row for a change (inside the use case's transaction). */
export function audit(ctx: ServiceContext, e: Omit<AuditEntry, 'operator'>): void {
  appendAudit(ctx.db, { ...e, operator: operatorOf(ctx) }, nowIso(ctx));
}
