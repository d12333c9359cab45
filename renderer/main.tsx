/** Renderer entry: antd with the zh_CN locale (the UI kit Chinese government staff know). */
import { App as AntApp, ConfigProvider, Result } from 'antd';
import 'antd/dist/antd.css';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { call, host, unwrap } from './api';
import { prefetchRegistry } from './screens/Registry';
import { bureauOf, parseHash, useApp } from './store';
import { errorText } from './ui';

dayjs.locale('zh-cn');

// Asked for before React starts, in the order the host answers them: the host's status (first start
// or not), the bureau and, when the app opens on 企业台账, the registry — a city's takes a moment
// to read. The window is drawn once these first answers are in (a few milliseconds of the host's
// time): drawn whole, once, instead of a spinner first, then everything, then again with the
// bureau's name. public/start.js asked the first of them while this code was loading.
const started = window.__start;
const status = started?.status ?? host().status();
const bureau = (started ? started.bureau.then(unwrap) : call('bureau.get', {})).catch(() => null); // before set-up there is no bureau: the app asks after it
const registry = parseHash(location.hash).name === 'units' ? prefetchRegistry(started?.head?.then(unwrap)) : Promise.resolve();

void Promise.all([status, bureau, registry]).then(
  ([s, b]) => {
    if (b !== null) useApp.getState().setBureau(bureauOf(b));
    render(<App needsSetup={s.needsSetup} />);
  },
  (e: unknown) => render(<Result status="error" title="无法启动" subTitle={errorText(e)} />),
);

function render(node: React.ReactNode): void {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <ConfigProvider locale={zhCN} theme={{ zeroRuntime: true, token: { fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif' } }}>
      <AntApp>{node}</AntApp>
    </ConfigProvider>,
  );
}
