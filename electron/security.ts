/**
 * The security rules of the Electron shell, as plain functions over plain data: no `electron`
 * import, so each is tested in Node (tests/electron/security.test.ts). `main.ts` only wires them
 * to Electron's events.
 */
import { z } from 'zod';
import { CHANNELS, MAIN_ONLY, contract, type Channel, type Result } from '../src/api/contract';
import { HOST_METHODS, type HostApi } from '../src/api/host';
import { formatIssue, issuesFromZod, zhErrorMap } from '../src/validation/issues';
import { APP_INDEX, APP_ORIGIN } from './protocol';

export type ErrorResult = Extract<Result<never>, { ok: false }>;

const fail = (message: string, issues: ErrorResult['error']['issues'] = []): ErrorResult => ({ ok: false, error: { message, issues } });

// ---------------------------------------------------------------------------------------------
// The window

/** The web preferences of the one window, every security-relevant one set explicitly. */
export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  safeDialogs: true;
  /** Middle-click would otherwise ask for a new window (denied anyway by the window-open handler). */
  disableBlinkFeatures: 'Auxclick';
  devTools: boolean;
  preload: string;
}

export function webPreferences(preload: string, devTools = false): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    disableBlinkFeatures: 'Auxclick',
    devTools,
    preload,
  };
}

/**
 * The Content-Security-Policy of the renderer. renderer/index.html carries the same string in its
 * meta tag (a test keeps them equal); main also sends it as a response header with every file of
 * the app protocol and every response the session sees, so it holds even if the meta is lost.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function contentSecurityPolicy(): string {
  return CONTENT_SECURITY_POLICY;
}

/** Response headers without any CSP of their own: main adds the app's (see main.ts, onHeadersReceived). */
export function withoutCsp(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  return out;
}

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Whether `url` is on the app's own origin (`app://kafj`). Non-special schemes have an opaque
 * `origin` in WHATWG URLs, so scheme and host are compared. */
export function isAppUrl(url: unknown, appOrigin: string = APP_ORIGIN): boolean {
  const u = parse(url);
  const o = parse(appOrigin);
  if (!u || !o) return false;
  return u.protocol === o.protocol && u.host === o.host && u.host !== '' && u.username === '' && u.password === '';
}

/** Navigation is never allowed, except to the app's own index (with a `#/route`). */
export function shouldAllowNavigation(url: unknown): boolean {
  const u = parse(url);
  if (!u || !isAppUrl(url)) return false;
  return `${u.protocol}//${u.host}${u.pathname}` === APP_INDEX && u.search === '';
}

/** No request leaves the app: only the app's own files (and inline data/blob URLs) load. */
export function isAllowedRequest(url: unknown): boolean {
  if (isAppUrl(url)) return true;
  const u = parse(url);
  return u !== null && (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:');
}

/** A link the user may open in the system browser: a parsed http(s) URL without credentials. */
export function safeExternalUrl(raw: unknown): string | null {
  const u = parse(typeof raw === 'string' ? raw.trim() : raw);
  if (!u) return null;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username !== '' || u.password !== '' || u.hostname === '') return null;
  return u.href;
}

// ---------------------------------------------------------------------------------------------
// IPC

export interface SenderInfo {
  /** `event.senderFrame?.url` (undefined when the frame is gone). */
  frameUrl: string | undefined;
  /** Whether the sending frame is its page's main frame. */
  isMainFrame: boolean;
  /** `event.sender.id`. */
  senderId: number;
  /** The app window's `webContents.id` (undefined before the window exists). */
  windowId: number | undefined;
}

/** Only the app's own main frame, in the app's own window, may call main. */
export function isTrustedSender(s: SenderInfo): boolean {
  return s.windowId !== undefined && s.senderId === s.windowId && s.isMainFrame === true && isAppUrl(s.frameUrl);
}

export const UNTRUSTED_SENDER = '拒绝：请求不是来自本应用的窗口';

export type IpcCheck = { ok: true; channel: Channel; input: unknown } | { ok: false; result: ErrorResult };

const MAIN_ONLY_SET: ReadonlySet<string> = new Set(MAIN_ONLY);

/**
 * A service call from the renderer, checked before it reaches `Session.call`: the channel must be
 * a known one the renderer may call (never a MAIN_ONLY one, which takes file paths) and the
 * payload must pass the channel's zod schema. Never throws.
 */
export function validateIpc(channel: unknown, payload: unknown): IpcCheck {
  if (typeof channel !== 'string' || !(CHANNELS as string[]).includes(channel)) return { ok: false, result: fail(`未知的接口：${String(channel)}`) };
  if (MAIN_ONLY_SET.has(channel)) return { ok: false, result: fail(`接口 ${channel} 只能由主进程调用（文件路径不来自界面）`) };
  const c = channel as Channel;
  try {
    const input = payload === undefined || payload === null ? {} : payload;
    const parsed = contract[c].safeParse(input, { error: zhErrorMap });
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error);
      return { ok: false, result: fail(`输入有误：${issues[0] ? formatIssue(issues[0]) : ''}`, issues) };
    }
    return { ok: true, channel: c, input };
  } catch {
    return { ok: false, result: fail('请求内容不正确') };
  }
}

// The host methods' arguments (the same shapes the browser shell accepts, src/host/web.ts).
const reportRequest = z.object({
  report: z.string().min(1).max(100),
  format: z.enum(['xlsx', 'pdf']),
  year: z.int().min(2000).max(2100).optional(),
  unit: z.string().min(1).max(200).optional(),
  seed: z.string().min(1).max(200).optional(),
  rate: z.number().gt(0).max(1).optional(),
  size: z.enum(['A4', 'A3']).optional(),
});
const hostSetup = z.object({
  level: z.enum(['county', 'city']),
  bureau: z.string().max(200),
  operator: z.string().max(100),
  counties: z.array(z.string().max(100)).max(100).optional(),
});
const savedFile = z.object({ name: z.string().max(1000), location: z.string().max(4096), rows: z.number() });

const HOST_ARGS = {
  status: null,
  setup: hostSetup,
  importRegistry: null,
  importTableSet: null,
  importPackage: null,
  exportRegistry: null,
  exportReport: reportRequest,
  exportPackage: z.int().min(2000).max(2100),
  reveal: savedFile,
  listBackups: null,
  backupNow: null,
  restoreBackup: z.string().min(1).max(255),
} as const satisfies Record<keyof HostApi, z.ZodType | null>;

export type HostMethod = (typeof HOST_METHODS)[number];
type HostArg<M extends HostMethod> = (typeof HOST_ARGS)[M] extends z.ZodType ? z.output<(typeof HOST_ARGS)[M]> : undefined;
export type HostCheck = { [M in HostMethod]: { ok: true; method: M; arg: HostArg<M> } }[HostMethod] | { ok: false; result: ErrorResult };

/** A host call from the renderer: a known method, and its one argument checked (files never: main picks them). */
export function validateHostCall(method: unknown, args: unknown): HostCheck {
  if (typeof method !== 'string' || !(HOST_METHODS as readonly string[]).includes(method)) return { ok: false, result: fail(`未知的操作：${String(method)}`) };
  const m = method as HostMethod;
  const schema: z.ZodType | null = HOST_ARGS[m];
  if (schema === null) return { ok: true, method: m, arg: undefined } as HostCheck;
  const a = Array.isArray(args) ? (args as unknown[]) : [];
  const r = schema.safeParse(a[0]);
  if (!r.success) return { ok: false, result: fail('请求内容不正确') };
  return { ok: true, method: m, arg: r.data } as HostCheck;
}
