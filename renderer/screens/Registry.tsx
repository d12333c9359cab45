/**
 * 企业台账: every unit of the registry with its tier — searched and filtered on the loaded list
 * (a virtual table, so 20,000 units stay smooth), 新增单位, 导入台账 (every error listed, nothing
 * imported), 导出台账.
 */
import { DownloadOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Input, List, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { KIND_IDS, KIND_NAMES, TIERS, TIER_NAMES, compareIds, tierRank, type Tier } from '../../src/domain/rules';
import { STATUSES } from '../../src/registry/unit';
import type { HandlerResult } from '../../src/services/dispatch';
import { call, host } from '../api';
import { UnitForm } from '../components/UnitForm';
import { useApp } from '../store';
import { Loaded, TierTag, errorText, useLoad } from '../ui';

type Row = HandlerResult<'units.list'>[number];
type IndexedRow = Row & { hay: string };

interface Filters {
  county?: string;
  kind?: string;
  tier?: string;
  status?: string;
}

const byText = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
const tierOrder = (t: Tier | null) => (t === null ? -1 : tierRank(t));

const COLUMNS: ColumnsType<IndexedRow> = [
  { title: '单位编号', dataIndex: 'id', width: 104, sorter: (a, b) => compareIds(a.id, b.id), defaultSortOrder: 'ascend', ellipsis: true },
  { title: '矿山（尾矿库）名称', dataIndex: 'name', width: 168, sorter: (a, b) => byText(a.name, b.name), ellipsis: true },
  {
    title: '风险等级',
    dataIndex: 'tier',
    width: 96,
    sorter: (a, b) => tierOrder(a.tier) - tierOrder(b.tier),
    render: (t: Tier | null) => <TierTag tier={t} />,
  },
  { title: '企业名称', dataIndex: 'enterprise', width: 156, sorter: (a, b) => byText(a.enterprise, b.enterprise), ellipsis: true },
  { title: '类型', dataIndex: 'kindLabel', width: 112, sorter: (a, b) => byText(a.kindLabel, b.kindLabel), ellipsis: true },
  { title: '所属县区', dataIndex: 'county', width: 96, sorter: (a, b) => byText(a.county, b.county), ellipsis: true },
  { title: '乡镇', dataIndex: 'township', width: 72, ellipsis: true },
  { title: '生产状态', dataIndex: 'status', width: 96, sorter: (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) },
  { title: '包保责任人', dataIndex: 'official', width: 88, ellipsis: true, render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text> },
  {
    title: '待评估',
    dataIndex: 'due',
    width: 84,
    sorter: (a, b) => a.due - b.due,
    render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n} 项</Typography.Text> : ''),
  },
];
const TABLE_WIDTH = COLUMNS.reduce((s, c) => s + (typeof c.width === 'number' ? c.width : 100), 0);

/** The table's height: the window less the header, toolbar and pagination-free footer. */
function useTableHeight(): number {
  const calc = () => Math.max(260, window.innerHeight - 330);
  const [h, setH] = useState(calc);
  useEffect(() => {
    const on = () => setH(calc());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

export function Registry() {
  const state = useLoad(() => call('units.list', {}), []);
  return (
    <Loaded state={state}>
      {(rows) => <RegistryView rows={rows} />}
    </Loaded>
  );
}

function RegistryView({ rows }: { rows: Row[] }) {
  const { modal, message } = AntApp.useApp();
  const { go, changed, bureau } = useApp();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<'import' | 'export' | null>(null);
  const height = useTableHeight();

  // light debounce: a burst of keystrokes filters once
  useEffect(() => {
    const t = setTimeout(() => setSearch(typed.trim().toLowerCase()), 60);
    return () => clearTimeout(t);
  }, [typed]);

  const indexed = useMemo<IndexedRow[]>(
    () => rows.map((r) => ({ ...r, hay: [r.id, r.name, r.enterprise, r.creditCode, r.township].join('\u0001').toLowerCase() })),
    [rows],
  );
  const counties = useMemo(() => [...new Set([...(bureau?.counties ?? []), ...rows.map((r) => r.county)])].sort(byText), [rows, bureau]);

  const query = useDeferredValue({ search, filters });
  const shown = useMemo(() => {
    const { search: s, filters: f } = query;
    return indexed.filter(
      (r) =>
        (f.county === undefined || r.county === f.county) &&
        (f.kind === undefined || r.kind === f.kind) &&
        (f.status === undefined || r.status === f.status) &&
        (f.tier === undefined || (f.tier === 'none' ? r.tier === null : r.tier === f.tier)) &&
        (s === '' || r.hay.includes(s)),
    );
  }, [indexed, query]);

  const setFilter = (k: keyof Filters) => (v: string | undefined) => setFilters((f) => ({ ...f, [k]: v ?? undefined }));
  const filtering = typed.trim() !== '' || Object.values(filters).some((v) => v !== undefined);

  const doImport = async () => {
    setBusy('import');
    try {
      const r = await host().importRegistry();
      if (r === null) return;
      if (r.ok) {
        const v = r.value;
        modal.success({
          title: '台账导入完成',
          width: 480,
          content: (
            <div>
              <p style={{ margin: '8px 0' }}>
                新增 <b>{v.created}</b> 个单位，更新 <b>{v.updated}</b> 个，未变化 <b>{v.unchanged}</b> 个。
              </p>
              {v.ignoredColumns.length > 0 && <p style={{ margin: 0, color: '#8c8c8c' }}>以下列不属于台账模板，已忽略：{v.ignoredColumns.join('、')}</p>}
            </div>
          ),
        });
        changed();
      } else {
        const lines = r.error.issues.map((i) => i.message);
        modal.error({
          title: '台账文件有错误，未导入任何单位',
          width: 720,
          content: (
            <div>
              <p style={{ margin: '8px 0' }}>
                共 <b>{lines.length || 1}</b> 处错误。文件中的单位<b>一个也没有导入</b>；请在 Excel 中逐条更正后重新导入。
              </p>
              <List
                size="small"
                bordered
                data-testid="import-errors"
                style={{ maxHeight: 360, overflow: 'auto' }}
                dataSource={lines.length > 0 ? lines : [r.error.message]}
                renderItem={(l) => <List.Item style={{ padding: '4px 12px' }}>{l}</List.Item>}
              />
            </div>
          ),
        });
      }
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const doExport = async () => {
    setBusy('export');
    try {
      const r = await host().exportRegistry();
      if (r === null) return;
      if (!r.ok) {
        modal.error({ title: '导出失败', content: r.error.message });
        return;
      }
      const saved = r.value;
      const m = modal.success({
        title: '台账已导出',
        width: 520,
        content: (
          <div>
            <p style={{ margin: '8px 0' }}>
              共 {saved.rows} 个单位，已保存为「{saved.name}」。
            </p>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
              {saved.location}
            </Typography.Text>
            <div style={{ marginTop: 12 }}>
              <Button
                onClick={() => {
                  void host().reveal(saved);
                  m.destroy();
                }}
              >
                打开所在文件夹
              </Button>
            </div>
          </div>
        ),
        okText: '关闭',
      });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title="企业台账"
      variant="borderless"
      extra={
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增单位
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => void doImport()} loading={busy === 'import'}>
            导入台账
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void doExport()} loading={busy === 'export'} disabled={rows.length === 0}>
            导出台账
          </Button>
        </Space>
      }
      styles={{ body: { paddingTop: 12 } }}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder="单位编号、名称、企业、信用代码、乡镇"
          style={{ width: 330 }}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-label="搜索单位"
        />
        <Select allowClear placeholder="所属县区" style={{ width: 130 }} value={filters.county} onChange={setFilter('county')} options={counties.map((c) => ({ value: c, label: c }))} aria-label="所属县区" />
        <Select
          allowClear
          placeholder="类型"
          style={{ width: 200 }}
          value={filters.kind}
          onChange={setFilter('kind')}
          options={KIND_IDS.map((k) => ({ value: k, label: KIND_NAMES[k] }))}
          aria-label="类型"
          popupMatchSelectWidth={false}
        />
        <Select
          allowClear
          placeholder="风险等级"
          style={{ width: 150 }}
          value={filters.tier}
          onChange={setFilter('tier')}
          options={[...[...TIERS].reverse().map((t) => ({ value: t, label: `${t}级 ${TIER_NAMES[t]}` })), { value: 'none', label: '未定级' }]}
          aria-label="风险等级"
        />
        <Select allowClear placeholder="生产状态" style={{ width: 110 }} value={filters.status} onChange={setFilter('status')} options={STATUSES.map((s) => ({ value: s, label: s }))} aria-label="生产状态" />
        {filtering && (
          <Button
            type="link"
            onClick={() => {
              setTyped('');
              setFilters({});
            }}
          >
            清除条件
          </Button>
        )}
        <Typography.Text type="secondary" data-testid="registry-count">
          共 {rows.length} 个单位{filtering ? `，符合条件 ${shown.length} 个` : ''}
        </Typography.Text>
      </Space>
      <Table<IndexedRow>
        virtual
        size="small"
        rowKey="id"
        columns={COLUMNS}
        dataSource={shown}
        pagination={false}
        scroll={{ x: TABLE_WIDTH, y: height }}
        showSorterTooltip={false}
        onRow={(r) => ({ onClick: () => go('unit', { id: r.id }), style: { cursor: 'pointer' } })}
        locale={{ emptyText: rows.length === 0 ? '台账中还没有单位：请“导入台账”或“新增单位”' : '没有符合条件的单位' }}
      />
      <UnitForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          setCreating(false);
          changed();
          go('unit', { id });
        }}
      />
    </Card>
  );
}
