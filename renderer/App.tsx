/** The window: a menu of the screens county staff work in, the bureau and operator, and the route. */
import {
  AppstoreOutlined,
  BarChartOutlined,
  CloudSyncOutlined,
  DashboardOutlined,
  FileTextOutlined,
  SettingOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { Layout, Menu, Spin, Tag, Typography } from 'antd';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { call } from './api';
import { Registry } from './screens/Registry';
import { bureauOf, useApp, type RouteName } from './store';

// Each screen is loaded when first shown (the charts' library alone is a quarter of the code), so
// the app starts sooner. 企业台账 is in the first bundle: the app may open on it (main.tsx).
const Dashboard = lazy(() => import('./screens/Dashboard').then((m) => ({ default: m.Dashboard })));
const Events = lazy(() => import('./screens/Events').then((m) => ({ default: m.Events })));
const Packages = lazy(() => import('./screens/Packages').then((m) => ({ default: m.Packages })));
const Reports = lazy(() => import('./screens/Reports').then((m) => ({ default: m.Reports })));
const ScoreSheet = lazy(() => import('./screens/ScoreSheet').then((m) => ({ default: m.ScoreSheet })));
const Settings = lazy(() => import('./screens/Settings').then((m) => ({ default: m.Settings })));
const Setup = lazy(() => import('./screens/Setup').then((m) => ({ default: m.Setup })));
const Tables = lazy(() => import('./screens/Tables').then((m) => ({ default: m.Tables })));
const UnitDetail = lazy(() => import('./screens/UnitDetail').then((m) => ({ default: m.UnitDetail })));

const MENU: { key: RouteName; label: string; icon: React.ReactNode }[] = [
  { key: 'dashboard', label: '工作台', icon: <DashboardOutlined /> },
  { key: 'units', label: '企业台账', icon: <TableOutlined /> },
  { key: 'reports', label: '报表', icon: <FileTextOutlined /> },
  { key: 'tables', label: '评分表', icon: <AppstoreOutlined /> },
  { key: 'packages', label: '数据包', icon: <CloudSyncOutlined /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

/** Which menu entry a route belongs to. */
const SECTION: Record<RouteName, RouteName> = {
  setup: 'setup',
  dashboard: 'dashboard',
  units: 'units',
  unit: 'units',
  score: 'units',
  events: 'units',
  reports: 'reports',
  tables: 'tables',
  packages: 'packages',
  settings: 'settings',
};

/**
 * `needsSetup`: the host's answer to whether set-up is needed, asked for as the page loads
 * (main.tsx), which also puts the bureau in the store when there is one. The bureau is asked for
 * after set-up and after every change.
 */
export function App({ needsSetup: setupFirst }: { needsSetup: boolean }) {
  const { route, bureau, go, setBureau, version } = useApp();
  const [needsSetup, setNeedsSetup] = useState(setupFirst);
  const haveBureau = useRef(bureau !== null);

  useEffect(() => {
    if (needsSetup) return;
    if (haveBureau.current) {
      haveBureau.current = false; // read at start (main.tsx): not asked again now
      return;
    }
    void call('bureau.get', {}).then((b) => setBureau(bureauOf(b)));
  }, [needsSetup, version, setBureau]);

  if (needsSetup) {
    return (
      <Suspense fallback={<Spin style={{ display: 'block', margin: 96 }} />}>
        <Setup onDone={() => setNeedsSetup(false)} />
      </Suspense>
    );
  }

  const p = route.params;
  let screen: React.ReactNode;
  switch (route.name) {
    case 'units':
      screen = <Registry />;
      break;
    case 'unit':
      screen = <UnitDetail id={p.id ?? ''} />;
      break;
    case 'score':
      screen = <ScoreSheet unitId={p.id ?? ''} draftRef={p.ref} />;
      break;
    case 'events':
      screen = <Events unitId={p.id ?? ''} />;
      break;
    case 'reports':
      screen = <Reports />;
      break;
    case 'tables':
      screen = <Tables />;
      break;
    case 'packages':
      screen = <Packages />;
      break;
    case 'settings':
      screen = <Settings />;
      break;
    default:
      screen = <Dashboard />;
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={184} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '18px 16px 12px', fontWeight: 700, fontSize: 18 }}>
          <BarChartOutlined style={{ color: '#E60012', marginRight: 8 }} />
          矿安分级
        </div>
        <Menu mode="inline" selectedKeys={[SECTION[route.name]]} items={MENU} onClick={(e) => go(e.key as RouteName)} style={{ borderInlineEnd: 0 }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #f0f0f0', padding: '0 24px', display: 'flex', alignItems: 'center', gap: 12 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {bureau?.bureau ?? ''}
          </Typography.Text>
          {bureau && <Tag>{bureau.level === 'city' ? '市级' : '县级'}</Tag>}
          <span style={{ flex: 1 }} />
          <Typography.Text type="secondary">操作员：{bureau?.operator || '未设置'}</Typography.Text>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{screen}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
