/**
 * The table sets built into the app (templates/scoring/): today the provisional reference set
 * linfen-2023 / ref-1, marked `official: false` (参考分值，非正式评分标准). Imported as data so the
 * core stays free of file I/O and the renderer can score live with the same tables.
 */
import reference from '../../templates/scoring/linfen-2023-ref-1.json';
import { TableRegistry } from './registry';
import { parseTableSet, type TableSet } from './schema';

let cached: TableSet[] | undefined;

export function builtinTableSets(): TableSet[] {
  cached ??= [parseTableSet(reference)];
  return cached;
}

export function builtinRegistry(): TableRegistry {
  return new TableRegistry(builtinTableSets());
}
