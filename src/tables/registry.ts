/**
 * Table sets loaded side by side, keyed by id and version (D8: every version ever used stays
 * loadable so that old assessments reprint exactly).
 */
import { ValidationError } from '../validation/issues';
import { parseTableSet, type TableSet } from './schema';

export function tableKey(id: string, version: string): string {
  return `${id}@${version}`;
}

export class TableRegistry {
  private readonly sets = new Map<string, TableSet>();
  /** The last set asked for: grading a batch asks for the same one sheet after sheet. */
  private last: TableSet | undefined;

  constructor(sets: readonly TableSet[] = []) {
    for (const s of sets) this.add(s);
  }

  /** Adds a checked table set; the same id and version twice is refused. */
  add(ts: TableSet): void {
    const key = tableKey(ts.id, ts.version);
    if (this.sets.has(key)) {
      throw new ValidationError([{ path: ['version'], message: `评分表 ${ts.id} 版本 ${ts.version} 已加载，不能重复加载` }]);
    }
    this.sets.set(key, ts);
  }

  get(id: string, version: string): TableSet | undefined {
    const last = this.last;
    if (last !== undefined && last.id === id && last.version === version) return last;
    const ts = this.sets.get(tableKey(id, version));
    if (ts !== undefined) this.last = ts;
    return ts;
  }

  list(): TableSet[] {
    return [...this.sets.values()];
  }

  /** Parses raw JSON (one table set, or an array of them) into a new registry. */
  static fromJson(data: unknown): TableRegistry {
    const list = Array.isArray(data) ? data : [data];
    const reg = new TableRegistry();
    list.forEach((d, i) => {
      try {
        reg.add(parseTableSet(d));
      } catch (e) {
        if (e instanceof ValidationError && Array.isArray(data)) {
          throw new ValidationError(e.issues.map((is) => ({ ...is, path: [i, ...is.path] })));
        }
        throw e;
      }
    });
    return reg;
  }
}
