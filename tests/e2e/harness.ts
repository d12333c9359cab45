/**
 * End-to-end harness: the built renderer (dist/renderer) in Debian's Chromium via playwright-core,
 * with `window.api` bridged by `exposeBinding` + `addInitScript` to the real service handlers on a
 * real temporary database. Screenshots go to tests/e2e/screenshots/ (looked at; some in the README).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBrowserServer } from '../../src/host/browser-server';
import type { Session } from '../../src/host/session';
import { handleWebCall, webBridgeScript } from '../../src/host/web';
import { ROOT } from '../helpers';
import { tempDir } from '../db/fixtures';

export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface E2E {
  browser: Browser;
  page: Page;
  session: Session;
  url: string;
  shot: (name: string) => Promise<void>;
  close: () => Promise<void>;
}

/** A fresh data folder, the renderer served on 127.0.0.1, and a page whose `window.api` reaches the real handlers. */
export async function openApp(now: () => Date = () => new Date('2025-06-16T09:00:00+08:00')): Promise<E2E> {
  const rendererDir = path.join(ROOT, 'dist/renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('dist/renderer is missing: run npm run build:renderer');
  const dataDir = tempDir('kafj-e2e-');
  const served = await startBrowserServer({ dataDir, rendererDir, port: 0 });
  // the page talks to its own session through the binding (the server's /rpc stays unused)
  served.session.close();
  const { Session: S } = await import('../../src/host/session');
  const session = new S(dataDir, now);
  await session.start();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', acceptDownloads: true });
  await context.exposeBinding('__kafj', (_source, kind: unknown, name: unknown, args: unknown) => handleWebCall(session, 'test', kind, name, args));
  await context.addInitScript({ content: webBridgeScript('window.__kafj') });
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.goto(served.url);
  return {
    browser,
    page,
    session,
    url: served.url,
    shot: async (name) => {
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    },
    close: async () => {
      await browser.close();
      session.close();
      await new Promise<void>((r) => served.server.close(() => r()));
    },
  };
}

/**
 * A context of its own on the same session whose service calls are recorded in `calls` (by channel
 * name, in order), a call to a channel of `hold` waiting until that gate opens.
 */
export async function gatedContext(app: E2E, calls: string[], hold: Record<string, Promise<void>>): Promise<BrowserContext> {
  const context = await app.browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
  await context.exposeBinding('__kafj', async (_source, kind: unknown, name: unknown, args: unknown) => {
    if (kind === 'call') {
      calls.push(String(name));
      await hold[String(name)];
    }
    return handleWebCall(app.session, 'test', kind, name, args);
  });
  await context.addInitScript({ content: webBridgeScript('window.__kafj') });
  return context;
}
