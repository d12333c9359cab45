/**
 * The service channels the renderer may call, as a plain list of names: the preload imports it
 * (a sandboxed preload must stay one small bundle, so no zod and no contract here). It is the
 * contract's `CHANNELS` without the `MAIN_ONLY` ones (those take file paths); a test keeps the two
 * in step, and `satisfies` keeps every name a real channel.
 */
import type { Channel } from '../src/api/contract';

export const RENDERER_CHANNELS = [
  'bureau.get',
  'bureau.setOperator',
  'counties.list',
  'units.list',
  'units.rows',
  'units.head',
  'units.tiers',
  'units.get',
  'units.create',
  'units.update',
  'officials.assign',
  'tables.list',
  'tables.import',
  'tables.get',
  'units.preview',
  'assessments.saveDraft',
  'assessments.confirm',
  'assessments.recordManual',
  'events.record',
  'events.void',
  'inspections.record',
  'hazards.update',
  'cases.record',
  'dashboard.get',
  'audit.verify',
  'city.progress',
] as const satisfies readonly Channel[];

/** IPC channel names: `api:<channel>` for services, `host:<method>` for the host's methods. */
export const apiIpc = (channel: string): string => `api:${channel}`;
export const hostIpc = (method: string): string => `host:${method}`;
