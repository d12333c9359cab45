/**
 * Validation problems as data: a JSON path and a message in Chinese.
 *
 * Every input the app accepts (table sets, score sheets, timeline cases, service calls) is
 * checked into a list of `Issue`s; a caller shows them as `file: path message`, one per line
 * (CLI.md: "one line in Chinese … that names the file, the JSON path and what is wrong").
 * Pure module: no I/O.
 */
import { z } from 'zod';

export type PathSegment = string | number;

export interface Issue {
  path: PathSegment[];
  message: string;
}

/** Thrown by the `parse…` functions of the core; carries every problem found. */
export class ValidationError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map((i) => formatIssue(i)).join('\n'));
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `kinds.underground.dimensions[0].items[2]`, `answers["ug-inh-depth"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `file: path message`; parts that are empty are left out. */
export function formatIssue(issue: Issue, file?: string): string {
  const where = formatPath(issue.path);
  const head = [file ? `${file}:` : '', where].filter((s) => s !== '').join(' ');
  return head === '' ? issue.message : `${head} ${issue.message}`;
}

/** A short rendering of a value for messages: `"深"`, `12`, `null`, `[…]`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return '空';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return '数组';
  if (typeof v === 'object' && v !== null) return '对象';
  return String(v);
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '数组',
  object: '对象',
  record: '对象',
  null: 'null',
  date: '日期',
};

/** Zod error map that speaks Chinese and says what it got. */
export const zhErrorMap: z.core.$ZodErrorMap = (iss) => {
  const input = iss.input;
  switch (iss.code) {
    case 'invalid_type':
      if (input === undefined) return '缺少此项';
      if (input === null) return `应为${TYPE_NAMES[iss.expected] ?? iss.expected}，不能为 null`;
      return `应为${TYPE_NAMES[iss.expected] ?? iss.expected}，实际为 ${describeValue(input)}`;
    case 'too_small':
      if (iss.origin === 'string') return '不能为空';
      if (iss.origin === 'array') return `至少应有 ${String(iss.minimum)} 项`;
      return `${iss.inclusive ? '应不小于' : '应大于'} ${String(iss.minimum)}，实际为 ${describeValue(input)}`;
    case 'too_big':
      if (iss.origin === 'string') return `不能超过 ${String(iss.maximum)} 个字符`;
      if (iss.origin === 'array') return `最多 ${String(iss.maximum)} 项`;
      return `${iss.inclusive ? '应不大于' : '应小于'} ${String(iss.maximum)}，实际为 ${describeValue(input)}`;
    case 'invalid_value':
      return `应为 ${iss.values.map((v) => JSON.stringify(v)).join('、')} 之一，实际为 ${describeValue(input)}`;
    case 'invalid_format':
      return `格式不正确，实际为 ${describeValue(input)}`;
    case 'not_multiple_of':
      return `应为 ${String(iss.divisor)} 的整数倍，实际为 ${describeValue(input)}`;
    case 'unrecognized_keys':
      return `不认识的字段：${iss.keys.join('、')}`;
    case 'invalid_union':
      return `格式不正确，实际为 ${describeValue(input)}`;
    case 'invalid_key':
      return `键名不正确：${describeValue(input)}`;
    case 'invalid_element':
      return `元素不正确：${describeValue(input)}`;
    default:
      return undefined;
  }
};

export function issuesFromZod(error: z.ZodError, prefix: readonly PathSegment[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));
}

/** Parses with Chinese messages; throws `ValidationError` naming every problem. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  prefix: readonly PathSegment[] = [],
): z.output<S> {
  const r = schema.safeParse(data, { error: zhErrorMap });
  if (!r.success) throw new ValidationError(issuesFromZod(r.error, prefix));
  return r.data;
}

/** Collects issues while a checker walks a structure. */
export class IssueList {
  readonly items: Issue[] = [];
  add(path: readonly PathSegment[], message: string): void {
    this.items.push({ path: [...path], message });
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
  throwIfAny(): void {
    if (!this.empty) throw new ValidationError(this.items);
  }
}
