/**
 * The preload of the sandboxed window: `window.api` with one method per service channel the
 * renderer may call (never a MAIN_ONLY one) and `window.api.host`, each a single
 * `ipcRenderer.invoke` on its own IPC channel. ipcRenderer itself is never exposed. A sandboxed
 * preload may only require `electron` (and a few built-ins), so build.mjs bundles this file and
 * the two name lists it imports into one file; no zod, no contract code.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { HOST_METHODS } from '../src/api/host';
import { RENDERER_CHANNELS, apiIpc, hostIpc } from './channels';

const api: Record<string, unknown> = {};
for (const channel of RENDERER_CHANNELS) {
  const ipc = apiIpc(channel);
  api[channel] = (input?: unknown) => ipcRenderer.invoke(ipc, input === undefined ? {} : input);
}

const host: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
for (const method of HOST_METHODS) {
  const ipc = hostIpc(method);
  host[method] = (...args: unknown[]) => ipcRenderer.invoke(ipc, ...args);
}
api.host = Object.freeze(host);

contextBridge.exposeInMainWorld('api', Object.freeze(api));
