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
import { useEffect, useState } from 'react';
import { call, host } from './api';
import { Dashboard } from './screens/Dashboard';
import { Events } from './screens/Events';
import { Packages } from './screens/Packages';
import { Registry } from './screens/Registry';
import { Reports } from './screens/Reports';
import { ScoreSheet } from './screens/ScoreSheet';
import { Settings } from './screens/Settings';
import { Setup } from './screens/Setup';
import { Tables } from './screens/Tables';
import { UnitDetail } from './screens/UnitDetail';
import { useApp, type RouteName } from './store';

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

export function App() {
  const { route, bureau, go, setBureau, version } = useApp();
  const [needsSetup, setNeedsSetup] = useState<boolean | null>(null);

  useEffect(() => {
    void host()
      .status()
      .then((s) => setNeedsSetup(s.needsSetup));
  }, []);

  useEffect(() => {
    if (needsSetup !== false) return;
    void call('bureau.get', {}).then((b) => setBureau({ bureau: b.bureau, level: b.level, operator: b.operator, counties: b.counties }));
  }, [needsSetup, version, setBureau]);

  if (needsSetup === null) return <Spin style={{ display: 'block', margin: 96 }} />;
  if (needsSetup) return <Setup onDone={() => setNeedsSetup(false)} />;

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
        <Layout.Content style={{ padding: 24 }}>{screen}</Layout.Content>
      </Layout>
    </Layout>
  );
}
