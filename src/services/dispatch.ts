/**
 * Calls a handler by channel name with unchecked input, as the IPC bridge, the CLI and the tests
 * do: the input is checked with the contract's schema, and every failure comes back as data with
 * a Chinese message — never an exception, never a stack trace in front of a user.
 */
import { DbError } from '../../db/errors';
import { contract, type Channel, type ChannelInput, type Result } from '../api/contract';
import { ValidationError, formatIssue, issuesFromZod, zhErrorMap } from '../validation/issues';
import { ServiceError, type ServiceContext } from './context';
import { handlers } from './handlers';

export type HandlerResult<C extends Channel> = Awaited<ReturnType<(typeof handlers)[C]>>;

/** The whole API, typed per channel: what `window.api` is in the renderer. */
export type Api = { [C in Channel]: (input: ChannelInput<C>) => Promise<Result<HandlerResult<C>>> };

export function errorResult(e: unknown): Extract<Result<never>, { ok: false }> {
  if (e instanceof ServiceError) return { ok: false, error: { message: e.message, issues: e.issues } };
  if (e instanceof ValidationError) {
    const first = e.issues[0];
    return { ok: false, error: { message: first ? formatIssue(first) : '输入有误', issues: e.issues } };
  }
  if (e instanceof DbError) return { ok: false, error: { message: e.message, issues: [] } };
  const code = (e as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    // Triggers raise Chinese messages (已确认的评估不能修改…); other constraints are explained plainly.
    const msg = (e as Error).message;
    const chinese = /[\u4e00-\u9fff]/.test(msg);
    return { ok: false, error: { message: chinese ? msg : `数据不符合约束，未保存（${code}）`, issues: [] } };
  }
  return { ok: false, error: { message: `内部错误：${e instanceof Error ? e.message : String(e)}（未保存任何改动）`, issues: [] } };
}

export async function dispatch<C extends Channel>(ctx: ServiceContext, channel: C, input: unknown): Promise<Result<HandlerResult<C>>> {
  const schema = contract[channel];
  if (schema === undefined) return { ok: false, error: { message: `未知的接口：${String(channel)}`, issues: [] } };
  const parsed = schema.safeParse(input ?? {}, { error: zhErrorMap });
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    return { ok: false, error: { message: `输入有误：${issues[0] ? formatIssue(issues[0]) : ''}`, issues } };
  }
  try {
    const handler = handlers[channel] as (ctx: ServiceContext, input: unknown) => unknown;
    const value = (await handler(ctx, parsed.data)) as HandlerResult<C>;
    return { ok: true, value };
  } catch (e) {
    return errorResult(e);
  }
}

/** The API bound to one context: `api['units.get']({ id })`. */
export function createApi(ctx: ServiceContext): Api {
  const api = {} as Record<Channel, (input: unknown) => Promise<unknown>>;
  for (const c of Object.keys(contract) as Channel[]) api[c] = (input) => dispatch(ctx, c, input);
  return api as Api;
}
