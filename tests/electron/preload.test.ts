import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_METHODS } from '../../src/api/host';
import { RENDERER_CHANNELS } from '../../electron/channels';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn((..._args: unknown[]) => Promise.resolve('ok'));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args), send: () => {}, on: () => {} },
}));

describe('preload', () => {
  beforeAll(async () => {
    await import('../../electron/preload');
  });

  it('exposes only window.api: one method per renderer channel, plus host', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...RENDERER_CHANNELS, 'host'].sort());
    expect(api['units.import']).toBeUndefined();
    expect(api['reports.export']).toBeUndefined();
    for (const v of Object.values(api)) expect(v).not.toHaveProperty('invoke');
    expect(Object.keys(api.host as object).sort()).toEqual([...HOST_METHODS].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('each method is one invoke on its own channel', async () => {
    const api = exposed.api as Record<string, (...a: unknown[]) => Promise<unknown>> & { host: Record<string, (...a: unknown[]) => Promise<unknown>> };
    await api['units.get']!({ id: 'u1' });
    expect(invoke).toHaveBeenLastCalledWith('api:units.get', { id: 'u1' });
    await api['bureau.get']!();
    expect(invoke).toHaveBeenLastCalledWith('api:bureau.get', {});
    await api.host.exportReport!({ report: 'tier-list', format: 'pdf' });
    expect(invoke).toHaveBeenLastCalledWith('host:exportReport', { report: 'tier-list', format: 'pdf' });
    await api.host.importRegistry!();
    expect(invoke).toHaveBeenLastCalledWith('host:importRegistry');
  });
});
