/**
 * `npm run start:browser`: the same renderer, served to the system Chromium on this machine only
 * (127.0.0.1), with `window.api` bridged over HTTP to the real services on a real database — for
 * machines where Electron cannot run, and for demonstrations. Not the production shell.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { assetCacheControl } from './assets';
import { Session } from './session';
import { handleWebCall, webBridgeScript } from './web';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json' };

export interface BrowserServerOptions {
  dataDir: string;
  rendererDir: string;
  port: number;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 300 * 1024 * 1024) throw new Error('请求过大');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBrowserServer(o: BrowserServerOptions) {
  const session = new Session(o.dataDir);
  await session.start();
  const bridge = webBridgeScript(
    "(kind, name, args) => fetch('/rpc', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, name, args }) }).then((r) => r.json())",
    "(saved) => { const a = document.createElement('a'); a.href = '/download/' + encodeURIComponent(saved.name); a.download = saved.name; document.body.appendChild(a); a.click(); a.remove(); }",
  );
  const send = (res: ServerResponse, status: number, type: string, data: string | Buffer, cache = 'no-store') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': cache, 'x-content-type-options': 'nosniff' });
    res.end(data);
  };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname === '/rpc') {
        let msg: { kind?: unknown; name?: unknown; args?: unknown };
        try {
          msg = JSON.parse(await body(req)) as typeof msg;
        } catch {
          return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { message: '请求格式不正确', issues: [] } }));
        }
        const result = await handleWebCall(session, 'browser', msg.kind, msg.name, msg.args);
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result ?? null));
      }
      if (url.pathname === '/bridge.js') return send(res, 200, TYPES['.js'] as string, bridge);
      if (url.pathname.startsWith('/download/')) {
        const name = path.basename(decodeURIComponent(url.pathname.slice('/download/'.length)));
        const file = path.join(session.outDir, name);
        if (!existsSync(file)) return send(res, 404, 'text/plain; charset=utf-8', '文件不存在');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` });
        return res.end(readFileSync(file));
      }
      const rel = url.pathname === '/' ? 'index.html' : path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
      const file = path.join(o.rendererDir, rel);
      if (!file.startsWith(o.rendererDir) || !existsSync(file) || statSync(file).isDirectory()) return send(res, 404, 'text/plain; charset=utf-8', '未找到');
      let data: string | Buffer = readFileSync(file);
      if (rel === 'index.html') data = data.toString('utf8').replace('<head>', '<head>\n    <script src="./bridge.js"></script>');
      return send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', data, assetCacheControl(rel));
    })().catch((e: unknown) => send(res, 500, 'text/plain; charset=utf-8', `内部错误：${e instanceof Error ? e.message : String(e)}`));
  });
  await new Promise<void>((resolve) => server.listen(o.port, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return { url: `http://127.0.0.1:${port}/`, server, session };
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const dataDir = path.resolve(arg('--data') ?? path.join(os.homedir(), '.kuangan-fenji'));
  const rendererDir = path.resolve(__dirname, '../../dist/renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.error('找不到已构建的界面（dist/renderer），请先运行 npm run build:renderer');
    process.exit(2);
  }
  void startBrowserServer({ dataDir, rendererDir, port: Number(arg('--port') ?? 5178) }).then(({ url }) => {
    console.log(`矿安分级（浏览器版）已启动：${url}\n数据文件夹：${dataDir}\n按 Ctrl+C 退出。`);
    if (!process.argv.includes('--no-open') && existsSync('/usr/bin/chromium')) {
      spawn('/usr/bin/chromium', [`--app=${url}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], { stdio: 'ignore', detached: true }).unref();
    }
  });
}
