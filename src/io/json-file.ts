/**
 * Reading the JSON files the CLI is given, with Chinese messages that name the file (and the
 * line and column of a syntax error). Node-only.
 */
import { readFileSync } from 'node:fs';
import { ValidationError } from '../validation/issues';

/** A problem with one input file: every issue is printed as `file: path message`. */
export class FileInputError extends Error {
  constructor(
    readonly file: string,
    readonly error: ValidationError,
  ) {
    super(error.message);
    this.name = 'FileInputError';
  }
}

function fail(file: string, message: string): never {
  throw new FileInputError(file, new ValidationError([{ path: [], message }]));
}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(file, code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹，不是文件' : `无法读取文件（${code ?? '未知错误'}）`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    if (m) {
      const pos = Number(m[1]);
      if (pos >= text.trimEnd().length) fail(file, '不是有效的 JSON：内容在文件末尾中断，不完整');
      const before = text.slice(0, pos).split('\n');
      fail(file, `不是有效的 JSON：第 ${before.length} 行第 ${(before[before.length - 1]?.length ?? 0) + 1} 列附近有语法错误`);
    }
    if (text.trim() === '') fail(file, '文件是空的，不是有效的 JSON');
    if (/end of JSON input/.test((e as Error).message)) fail(file, '不是有效的 JSON：内容在文件末尾中断，不完整');
    const token = /Unexpected token '(.+?)'/.exec((e as Error).message)?.[1];
    fail(file, token ? `不是有效的 JSON：出现了意外的字符 ${token}` : '不是有效的 JSON');
  }
}

/** Runs `parse` on the file's JSON; validation problems are reported against the file. */
export function parseJsonFile<T>(file: string, parse: (data: unknown) => T): T {
  const data = readJsonFile(file);
  try {
    return parse(data);
  } catch (e) {
    if (e instanceof ValidationError) throw new FileInputError(file, e);
    throw e;
  }
}
