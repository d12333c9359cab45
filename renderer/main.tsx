/** Renderer entry: antd with the zh_CN locale (the UI kit Chinese government staff know). */
import { App as AntApp, ConfigProvider } from 'antd';
import 'antd/dist/antd.css';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { host } from './api';
import { prefetchRegistry } from './screens/Registry';
import { parseHash } from './store';

dayjs.locale('zh-cn');

// Asked for before React starts: the host's status (first start or not) and, when the app opens on
// 企业台账, the registry's rows — a city's take a moment to read, while the window is drawn.
const status = host().status();
if (parseHash(location.hash).name === 'units') prefetchRegistry();

createRoot(document.getElementById('root') as HTMLElement).render(
  <ConfigProvider locale={zhCN} theme={{ zeroRuntime: true, token: { fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif' } }}>
    <AntApp>
      <App status={status} />
    </AntApp>
  </ConfigProvider>,
);
