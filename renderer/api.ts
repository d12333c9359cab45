/**
 * `window.api`: the service channels (typed from the shared contract) plus the host's file and
 * backup methods. The renderer talks to nothing else.
 */
import type { HostApi } from '../src/api/host';
import type { Result } from '../src/api/contract';
import type { Api, HandlerResult } from '../src/services/dispatch';
import type { UnitRowTuple } from '../src/services/handlers';
import type { Channel, ChannelInput } from '../src/api/contract';

export type WindowApi = Api & { host: HostApi };

/** The calls public/start.js makes before the bundle has loaded (their raw results). */
export interface StartCalls {
  status: ReturnType<HostApi['status']>;
  bureau: Promise<Result<HandlerResult<'bureau.get'>>>;
  head: Promise<Result<HandlerResult<'units.head'>>> | undefined;
}

declare global {
  interface Window {
    api: WindowApi;
    __start?: StartCalls;
  }
}

/** A failed call: the Chinese message, and per-field issues for forms. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
  ) {
    super(message);
  }
}

export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new ApiError(r.error.message, r.error.issues);
}

/** Calls a channel and returns its value, or throws `ApiError` with the Chinese message. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<HandlerResult<C>> {
  const fn = window.api[channel] as unknown as (i: unknown) => Promise<Result<HandlerResult<C>>>;
  return unwrap(await fn(input));
}

export const host = (): HostApi => window.api.host;

/** A row of 'units.rows' (sent as an array, compact for a city's tens of thousands of units) with its fields named. */
export function unitRow(t: UnitRowTuple) {
  const [id, name, enterprise, creditCode, kind, kindLabel, county, township, status, official] = t;
  return { id, name, enterprise, creditCode, kind, kindLabel, county, township, status, official };
}
