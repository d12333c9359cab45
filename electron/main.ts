/**
 * The Electron main process, thin: one sandboxed window on the app's own protocol, the bureau's
 * database (a `Session`) in the user-data folder, and IPC handlers that check every message's
 * sender and payload (electron/security.ts) before a service runs. File paths never come from the
 * renderer: main opens the open/save dialogs itself. Nothing remote is ever loaded.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session as electronSession,
  shell,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Result } from '../src/api/contract';
import { HOST_METHODS, type SavedFile, type UploadedFile } from '../src/api/host';
import { assetCacheControl } from '../src/host/assets';
import { Session } from '../src/host/session';
import { REPORTS, isReportName } from '../src/reports/export';
import { ServiceError } from '../src/services/context';
import { errorResult } from '../src/services/dispatch';
import { RENDERER_CHANNELS, apiIpc, hostIpc } from './channels';
import { APP_INDEX, APP_SCHEME, mimeType, resolveAppFile } from './protocol';
import {
  CONTENT_SECURITY_POLICY,
  UNTRUSTED_SENDER,
  isAllowedRequest,
  isTrustedSender,
  safeExternalUrl,
  shouldAllowNavigation,
  validateHostCall,
  validateIpc,
  webPreferences,
  withoutCsp,
  type HostCheck,
} from './security';

const APP_NAME = '矿安分级';
const BASIS = '临应急发〔2023〕50号';
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.js');
const MAX_UPLOAD = 200 * 1024 * 1024;

let win: BrowserWindow | null = null;
let db: Session | null = null;
/** Files main itself saved in this run: the only paths `reveal` will show. */
const savedThisSession = new Set<string>();

// Before `ready`: the app's scheme is standard (relative URLs, an origin) and secure (like https).
protocol.registerSchemesAsPrivileged([
  // codeCache: lets Chromium keep the bundle's compiled code between starts (with the assets' cache
  // header below); not measured here (no Electron binary). In the browser shell Chromium 156 reads
  // it back only with BackgroundResourceFetch disabled (bench/RESULTS.md)
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
]);

const denied = (message: string): Result<never> => ({ ok: false, error: { message, issues: [] } });

// ---------------------------------------------------------------------------------------------
// Hardening of every web contents and of the session

app.on('web-contents-created', (_event, contents: WebContents) => {
  contents.on('will-navigate', (event) => {
    if (!shouldAllowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!shouldAllowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external !== null) void shell.openExternal(external);
    return { action: 'deny' };
  });
});

function hardenSession(): void {
  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // No remote content: anything but the app's own files is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...withoutCsp(details.responseHeaders), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const notFound = () => new Response('未找到', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const file = request.method === 'GET' ? resolveAppFile(request.url, RENDERER_DIR) : null;
    if (file === null) return notFound();
    try {
      const data = await readFile(file);
      return new Response(new Uint8Array(data), {
        headers: {
          'content-type': mimeType(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': assetCacheControl(path.relative(RENDERER_DIR, file)),
        },
      });
    } catch {
      return notFound();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Files: main picks them

function requireSession(): Session {
  if (!db) throw new ServiceError('应用尚未启动完成');
  return db;
}

async function pickFile(title: string, filter: { name: string; extensions: string[] }): Promise<UploadedFile | null> {
  const options = { title, properties: ['openFile' as const], filters: [filter] };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const file = r.canceled ? undefined : r.filePaths[0];
  if (file === undefined) return null;
  if ((await stat(file)).size > MAX_UPLOAD) throw new ServiceError(`${path.basename(file)}：文件过大（超过 200 MB）`);
  return { name: path.basename(file), base64: (await readFile(file)).toString('base64') };
}

async function pickSavePath(title: string, kind: string, ext: string, filterName: string): Promise<string | null> {
  const name = path.basename(requireSession().defaultExportPath(kind, ext));
  const options = {
    title,
    defaultPath: path.join(app.getPath('documents'), name),
    filters: [{ name: filterName, extensions: [ext] }],
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (r.canceled || !r.filePath) return null;
  return path.extname(r.filePath).toLowerCase() === `.${ext}` ? r.filePath : `${r.filePath}.${ext}`;
}

function remember(r: Result<SavedFile>): Result<SavedFile> {
  if (r.ok) savedThisSession.add(r.value.location);
  return r;
}

const FILTERS = {
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  json: { name: '评分表（JSON）', extensions: ['json'] },
  zip: { name: '数据包（ZIP）', extensions: ['zip'] },
  pdf: { name: 'PDF 文档', extensions: ['pdf'] },
};

const NOT_SET_UP = '尚未设置监管部门，请先完成首次设置';

async function importRegistry() {
  if (!requireSession().ready) return errorResult(new ServiceError(NOT_SET_UP));
  const f = await pickFile('导入企业台账', FILTERS.xlsx);
  return f ? requireSession().importRegistry(f) : null;
}

async function exportRegistry() {
  if (!requireSession().ready) return errorResult(new ServiceError(NOT_SET_UP));
  const out = await pickSavePath('导出企业台账', '企业台账', 'xlsx', FILTERS.xlsx.name);
  return out ? remember(await requireSession().exportRegistry(out)) : null;
}

// ---------------------------------------------------------------------------------------------
// IPC

function senderIsTrusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender({
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame.parent === null,
    senderId: event.sender.id,
    windowId: win && !win.isDestroyed() ? win.webContents.id : undefined,
  });
}

async function host(c: Exclude<HostCheck, { ok: false }>): Promise<unknown> {
  const s = requireSession();
  switch (c.method) {
    case 'status':
      return { needsSetup: !s.ready, shell: 'electron' };
    case 'setup':
      return s.setup(c.arg);
    case 'importRegistry':
      return importRegistry();
    case 'importTableSet': {
      const f = await pickFile('导入评分表', FILTERS.json);
      return f ? s.importTableSet(f) : null;
    }
    case 'importPackage': {
      const f = await pickFile('导入数据包', FILTERS.zip);
      return f ? s.importPackage(f) : null;
    }
    case 'exportRegistry':
      return exportRegistry();
    case 'exportReport': {
      const r = c.arg;
      if (!isReportName(r.report)) return errorResult(new ServiceError(`未知的报表 ${r.report}`));
      const out = await pickSavePath('导出报表', REPORTS[r.report].name, r.format, FILTERS[r.format].name);
      return out ? remember(await s.exportReport(r, out)) : null;
    }
    case 'exportPackage': {
      const out = await pickSavePath('导出数据包', `数据包-${c.arg}`, 'zip', FILTERS.zip.name);
      return out ? remember(await s.exportPackage(c.arg, out)) : null;
    }
    case 'reveal':
      if (savedThisSession.has(c.arg.location)) shell.showItemInFolder(c.arg.location);
      return null;
    case 'listBackups':
      return s.listBackups().map((b) => ({ ...b, file: path.basename(b.file) }));
    case 'backupNow': {
      const r = await s.backupNow();
      return r.ok ? { ok: true, value: { file: r.value.file ? path.basename(r.value.file) : null } } : r;
    }
    case 'restoreBackup':
      return s.restore(c.arg);
  }
}

function registerIpc(): void {
  for (const channel of RENDERER_CHANNELS) {
    ipcMain.handle(apiIpc(channel), async (event, input: unknown) => {
      if (!senderIsTrusted(event)) return denied(UNTRUSTED_SENDER);
      const v = validateIpc(channel, input);
      if (!v.ok) return v.result;
      return requireSession().call(v.channel, v.input);
    });
  }
  for (const method of HOST_METHODS) {
    ipcMain.handle(hostIpc(method), async (event, ...args: unknown[]) => {
      if (!senderIsTrusted(event)) return denied(UNTRUSTED_SENDER);
      const c = validateHostCall(method, args);
      if (!c.ok) return c.result;
      try {
        return await host(c);
      } catch (e) {
        return errorResult(e);
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Menu

async function report(title: string, r: Result<unknown> | null, done: (v: unknown) => string): Promise<boolean> {
  if (r === null) return false;
  const options = r.ok
    ? { type: 'info' as const, title, message: done(r.value) }
    : { type: 'error' as const, title, message: r.error.message };
  if (win) await dialog.showMessageBox(win, options);
  else await dialog.showMessageBox(options);
  return r.ok;
}

function menu(): Menu {
  const run = (fn: () => Promise<unknown>) => () => {
    fn().catch((e: unknown) => dialog.showErrorBox(APP_NAME, errorResult(e).error.message));
  };
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        {
          label: '导入企业台账…',
          click: run(async () => {
            const r = await importRegistry();
            const v = (x: unknown) => x as { created: number; updated: number; unchanged: number };
            const ok = await report('导入企业台账', r, (x) => `导入完成：新增 ${v(x).created} 家，更新 ${v(x).updated} 家，未变 ${v(x).unchanged} 家。`);
            if (ok) win?.webContents.reload();
          }),
        },
        {
          label: '导出企业台账…',
          click: run(async () => {
            const r = await exportRegistry();
            if (r?.ok) {
              const box = { type: 'info' as const, title: '导出企业台账', message: `已导出 ${r.value.rows} 家企业到\n${r.value.location}`, buttons: ['在文件夹中显示', '关闭'], defaultId: 1, cancelId: 1 };
              const { response } = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box);
              if (response === 0) shell.showItemInFolder(r.value.location);
            } else await report('导出企业台账', r, () => '');
          }),
        },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新加载', role: 'reload' },
        { type: 'separator' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于矿安分级',
          click: run(async () => {
            const box = {
              type: 'info' as const,
              title: '关于矿安分级',
              message: `${APP_NAME} ${app.getVersion()}`,
              detail: `非煤矿山安全风险分级监管（离线桌面应用）\n依据：${BASIS}\n数据文件夹：${app.getPath('userData')}`,
            };
            if (win) await dialog.showMessageBox(win, box);
            else await dialog.showMessageBox(box);
          }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

// ---------------------------------------------------------------------------------------------
// The window and the app's life

function createWindow(): void {
  win = new BrowserWindow({
    title: APP_NAME,
    width: 1440,
    height: 900,
    minWidth: 1200,
    minHeight: 760,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      ...webPreferences(PRELOAD, !app.isPackaged),
      // Repeated literally: the issue asks for them set explicitly, and electronegativity reads them here.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      preload: PRELOAD,
    },
  });
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  void win.loadURL(APP_INDEX);
}

function fatal(e: unknown): void {
  dialog.showErrorBox(`${APP_NAME}无法启动`, errorResult(e).error.message);
  app.exit(1);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  db = new Session(dataDir);
  await db.start(); // opens the database if there is one, taking the day's backup
  hardenSession();
  registerIpc();
  Menu.setApplicationMenu(menu());
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    db?.close();
    db = null;
  });
  app.whenReady().then(start).catch(fatal);
}
