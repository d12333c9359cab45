/**
 * 企业台账: every unit of the registry with its tier — 新增单位, 导入台账 (every error listed, nothing
 * imported), 导出台账. The rows come from one plain query ('units.rows') and are shown at once; the
 * tiers, which take every unit's history to compute, come from a second call ('units.tiers') and
 * fill the 风险等级 and 待评估 columns when ready. Search, filters, sorting and paging all work on
 * the loaded rows in the page (a city's registry has tens of thousands), and the table only ever
 * renders one page.
 */
import { DownloadOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Input, List, Select, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { Suspense, lazy, memo, startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { KIND_IDS, KIND_NAMES, TIERS, TIER_NAMES, tierRank, type Tier } from '../../src/domain/rules';
import { STATUSES } from '../../src/registry/vocabulary';
import type { HandlerResult } from '../../src/services/dispatch';
import { call, host, unitRow } from '../api';
import { useApp, type RouteName } from '../store';
import { CellText, Loaded, TierTag, errorText } from '../ui';

// The form of a new unit, loaded when first asked for: it brings the record's schema (zod), which
// the list does not need to open.
const UnitForm = lazy(() => import('../components/UnitForm').then((m) => ({ default: m.UnitForm })));

type Row = HandlerResult<'units.rows'>[number];
type Tiers = HandlerResult<'units.tiers'>['tiers'];
/** A row as the table shows it: `tier` and `due` are undefined while the tiers are being computed. */
type ShownRow = ReturnType<typeof unitRow> & { tier: Tier | null | undefined; due: number | undefined };

// the fields of a row (`UnitRowTuple`)
const ID = 0;
const NAME = 1;
const ENTERPRISE = 2;
const CREDIT_CODE = 3;
const KIND = 4;
const KIND_LABEL = 5;
const COUNTY = 6;
const TOWNSHIP = 7;
const STATUS = 8;

interface Filters {
  county?: string;
  kind?: string;
  tier?: string;
  status?: string;
}

type SortKey = 'id' | 'name' | 'tier' | 'enterprise' | 'kindLabel' | 'county' | 'status' | 'due';
interface Sort {
  key: SortKey;
  order: 'ascend' | 'descend';
}
const TEXT_SORT = { name: NAME, enterprise: ENTERPRISE, kindLabel: KIND_LABEL, county: COUNTY } as const;

type Head = HandlerResult<'units.head'>;

/**
 * The registry as loaded: the first page ('units.head') of a large registry while every row is on
 * its way, then every row ('units.rows'), then the tiers (`null` until they come, or if they failed).
 */
interface Registry {
  /** Every row; null while only `head` is here. */
  rows: Row[] | null;
  head: Head | null;
  tiers: Tiers | null;
  tiersError: string | null;
}

/**
 * A registry up to this size (a county's) waits for its tiers — a fraction of a second — before it
 * is shown, up to `SMALL_WAIT_MS`, so it appears whole instead of flashing a loading hint; a larger
 * one (the city's) shows its rows at once.
 */
const SMALL_REGISTRY = 3000;
const SMALL_WAIT_MS = 1000;

// Created when first needed: loading the Chinese collation takes ~20 ms, not wanted before the list shows.
let zhCollator: Intl.Collator | undefined;
const byPinyin = (a: string, b: string): number => (zhCollator ??= new Intl.Collator('zh-CN')).compare(a, b);
const PAGE_SIZES = [20, 50, 100, 200];

const pending = (
  <CellText type="secondary" small>
    计算中…
  </CellText>
);

function column(key: SortKey | 'township' | 'official', title: string, width: number, extra: Partial<ColumnsType<ShownRow>[number]> = {}): ColumnsType<ShownRow>[number] {
  return { key, dataIndex: key, title, width, ellipsis: true, ...extra };
}

const COLUMNS: ColumnsType<ShownRow> = [
  column('id', '单位编号', 104, { sorter: true }),
  column('name', '矿山（尾矿库）名称', 168, { sorter: true }),
  column('tier', '风险等级', 96, { sorter: true, ellipsis: false, render: (t: Tier | null | undefined) => (t === undefined ? pending : <TierTag tier={t} />) }),
  column('enterprise', '企业名称', 156, { sorter: true }),
  column('kindLabel', '类型', 112, { sorter: true }),
  column('county', '所属县区', 96, { sorter: true }),
  column('township', '乡镇', 72),
  column('status', '生产状态', 96, { sorter: true, ellipsis: false }),
  column('official', '包保责任人', 88, { render: (v: string) => v || <CellText type="secondary">—</CellText> }),
  column('due', '待评估', 84, {
    sorter: true,
    ellipsis: false,
    render: (n: number | undefined) => (n === undefined ? pending : n > 0 ? <CellText type="warning">{n} 项</CellText> : ''),
  }),
];
const TABLE_WIDTH = COLUMNS.reduce((s, c) => s + (typeof c.width === 'number' ? c.width : 100), 0);

/** A call made while the app starts, with its value once it has come (read at the first render). */
interface Early<T> {
  promise: Promise<T>;
  settled?: { value: T };
}

function early<T>(promise: Promise<T>): Early<T> {
  const e: Early<T> = { promise };
  promise.then(
    (value) => (e.settled = { value }),
    () => undefined,
  );
  return e;
}

const askRows = (): Promise<Row[]> => call('units.rows', {});
const askTiers = (): Promise<Tiers> => call('units.tiers', {}).then((t) => t.tiers);
/** The answer to a call made at start, or (without one, or if it failed) a new call. */
const orAsk = <T,>(made: Early<T> | undefined, ask: () => Promise<T>): Promise<T> => (made ? made.promise.catch(ask) : ask());

/** Rows of the first page asked for at start: enough for the largest page size. */
const HEAD_ROWS = 200;

let prefetched: { head: Early<Head>; rows: Early<Row[]>; tiers: Early<Tiers> } | null = null;

/**
 * Asks for the registry while the app is still starting, when it opens on 企业台账 (main.tsx): the
 * first page, every row and the tiers, in that order (the host answers in order, and the tiers take
 * longest). `asked`: the first page, when public/start.js asked for it (with HEAD_ROWS rows).
 * Taken once by the first registry screen; a failure (e.g. before set-up) only means the
 * screen asks again. Resolves (never rejects) when the screen has something to show: a city's
 * first page, or a county's rows and tiers — or after `WINDOW_WAIT_MS` whatever has come.
 */
export function prefetchRegistry(asked?: Promise<Head>): Promise<void> {
  const head = asked ?? call('units.head', { limit: HEAD_ROWS });
  const rows = askRows();
  // a county's tiers are asked for at once; a city's once its rows have come, so that computing
  // them does not hold up sending the rows (a host answers one call at a time)
  const tiers = head.then((h) => (h.total <= SMALL_REGISTRY ? undefined : rows.then(() => undefined, () => undefined))).then(askTiers);
  prefetched = { head: early(head), rows: early(rows), tiers: early(tiers) };
  const shown = head.then((h) => (h.total <= SMALL_REGISTRY ? Promise.all([rows, tiers]) : undefined));
  return Promise.race([shown, new Promise((resolve) => setTimeout(resolve, WINDOW_WAIT_MS))]).then(
    () => undefined,
    () => undefined,
  );
}

/** How long the window waits for a county's rows and tiers before it is drawn without them. */
const WINDOW_WAIT_MS = 300;

/** What a registry screen shows first: what has come of the calls made at start, if anything. */
function firstData(start: typeof prefetched): Registry | undefined {
  if (start === null) return undefined;
  const rows = start.rows.settled?.value;
  const tiers = start.tiers.settled?.value ?? null;
  if (rows !== undefined && (rows.length > SMALL_REGISTRY || tiers !== null)) return { rows, head: null, tiers, tiersError: null };
  const head = start.head.settled?.value;
  if (rows === undefined && head !== undefined && head.total > SMALL_REGISTRY) return { rows: null, head, tiers: null, tiersError: null };
  return undefined;
}

/** Loads the rows, then the tiers; reloads after any change. Old data stays shown while new data loads. */
function useRegistry(): { data: Registry | undefined; error: string | null } {
  const version = useApp((s) => s.version);
  const [start] = useState(() => {
    const p = prefetched;
    prefetched = null;
    return { calls: p, used: false };
  });
  const [state, setState] = useState<{ data: Registry | undefined; error: string | null }>(() => ({ data: firstData(start.calls), error: null }));
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = (data: Registry) => {
      if (live) setState({ data, error: null });
    };
    const calls = start.used ? null : start.calls;
    start.used = true;
    let rowsCame = false;
    // a large registry shows its first page while every row is on its way
    calls?.head.promise.then(
      (head) => {
        if (!rowsCame && head.total > SMALL_REGISTRY) show({ rows: null, head, tiers: null, tiersError: null });
      },
      () => undefined,
    );
    orAsk(calls?.rows, askRows).then(
      (rows) => {
        rowsCame = true;
        performance.mark('registry:rows'); // marks for profiling (DevTools' timeline shows them)
        if (!live) return;
        // asked for only now, unless asked at start: a host answers in order, and they take a while
        const tiers = orAsk(calls?.tiers, askTiers);
        let shown = false;
        const showRows = () => {
          if (shown) return;
          shown = true;
          show({ rows, head: null, tiers: null, tiersError: null });
        };
        if (rows.length <= SMALL_REGISTRY) timer = setTimeout(showRows, SMALL_WAIT_MS);
        else showRows();
        tiers.then(
          (t) => {
            performance.mark('registry:tiers');
            shown = true;
            // filling in the tiers gives way to typing and clicking (it redraws the page)
            startTransition(() => show({ rows, head: null, tiers: t, tiersError: null }));
          },
          (e: unknown) => {
            shown = true;
            show({ rows, head: null, tiers: null, tiersError: errorText(e) });
          },
        );
      },
      (e: unknown) => live && setState({ data: undefined, error: errorText(e) }),
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [version, start]);
  return state;
}

const NOTHING_YET: Registry = { rows: [], head: null, tiers: null, tiersError: null };
const NO_ROWS: Row[] = [];

/** The screen is drawn at once, the table showing it is loading; the rows fill it when they come. */
export function Registry() {
  const { data, error } = useRegistry();
  return (
    <Loaded state={{ data: data ?? NOTHING_YET, error, loading: data === undefined }}>
      {(registry) => <RegistryView registry={registry} loading={data === undefined} />}
    </Loaded>
  );
}

/** Row indices in the order of `sort` (the rows come sorted by id). */
function sortedOrder(rows: Row[], tiers: Tiers | null, sort: Sort): number[] {
  const idx = rows.map((_, i) => i);
  const { key } = sort;
  if (key !== 'id') {
    let rank: number[];
    if (key === 'tier' || key === 'due') {
      rank = rows.map((r) => {
        const t = tiers?.[r[ID]];
        if (key === 'due') return t?.[1] ?? -1;
        return t?.[0] ? tierRank(t[0]) : -1;
      });
    } else if (key === 'status') {
      rank = rows.map((r) => STATUSES.indexOf(r[STATUS]));
    } else {
      // rank the distinct values once (a few dozen counties and kinds; names are mostly distinct)
      const f = TEXT_SORT[key];
      const values = [...new Set(rows.map((r) => r[f]))].sort(byPinyin);
      const rankOf = new Map(values.map((v, i) => [v, i]));
      rank = rows.map((r) => rankOf.get(r[f]) as number);
    }
    idx.sort((a, b) => (rank[a] as number) - (rank[b] as number) || a - b); // ties keep id order
  }
  if (sort.order === 'descend') idx.reverse();
  return idx;
}

function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** Whether `field` contains `q` (lower-cased), ignoring case — without lower-casing every field (Chinese has no case). */
function has(field: string, q: string): boolean {
  return (hasUpper(field) ? field.toLowerCase() : field).includes(q);
}

/** The search: the fields the 'units.list' search covers. No index: a scan of 50,000 rows takes a few tens of milliseconds. */
function found(r: Row, q: string): boolean {
  return has(r[ID], q) || has(r[NAME], q) || has(r[ENTERPRISE], q) || has(r[CREDIT_CODE], q) || has(r[TOWNSHIP], q);
}

const RegistryTable = memo(function RegistryTable({
  rows,
  total,
  page,
  pageSize,
  sort,
  loading,
  emptyText,
  onChange,
  go,
}: {
  rows: ShownRow[];
  total: number;
  page: number;
  pageSize: number;
  sort: Sort | null;
  loading: boolean;
  emptyText: string;
  onChange: (p: TablePaginationConfig, s: SorterResult<ShownRow> | SorterResult<ShownRow>[]) => void;
  go: (name: RouteName, params?: Record<string, string>) => void;
}) {
  const columns = useMemo(() => COLUMNS.map((c) => ({ ...c, sortOrder: sort !== null && c.key === sort.key ? sort.order : null })), [sort]);
  // A narrow window scrolls the table sideways by CSS (overflow on the wrapper, a minimum width on
  // the table), not by the table's own `scroll.x`: that measures every column's width after each
  // render, forcing the page's layout again (~0.2 s when the list first appears).
  return (
    <div style={{ overflowX: 'auto' }}>
    <Table<ShownRow>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={{ current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, size: 'small' }}
      tableLayout="fixed"
      style={{ minWidth: TABLE_WIDTH }}
      showSorterTooltip={false}
      onChange={(p, _f, s) => onChange(p, s)}
      onRow={(r) => ({ onClick: () => go('unit', { id: r.id }), style: { cursor: 'pointer' } })}
      locale={{ emptyText }}
    />
    </div>
  );
});

function RegistryView({ registry, loading }: { registry: Registry; loading: boolean }) {
  const { tiers, tiersError } = registry;
  // until every row has come, the first page of a large registry ('units.head')
  const complete = registry.rows !== null;
  const rows = registry.rows ?? registry.head?.rows ?? NO_ROWS;
  const unitCount = registry.rows?.length ?? registry.head?.total ?? 0;
  const { modal, message } = AntApp.useApp();
  const go = useApp((s) => s.go);
  const changed = useApp((s) => s.changed);
  const bureau = useApp((s) => s.bureau);
  const [typed, setTyped] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<Sort | null>({ key: 'id', order: 'ascend' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0] as number);
  const [creating, setCreating] = useState(false);
  // mounted from the first 新增单位 on, so that closing it animates as before
  const [formWanted, setFormWanted] = useState(false);
  const [busy, setBusy] = useState<'import' | 'export' | null>(null);

  // filtered as typed, without deferring: a scan of 50,000 rows and one page to draw take well under 100 ms
  const search = typed.trim().toLowerCase();

  const rowCounties = useMemo(() => {
    const set = new Set<string>();
    for (const r of rows) set.add(r[COUNTY]);
    return set;
  }, [rows]);
  // the county list, in pinyin order, is made when it is first opened (a county is chosen from it)
  const [countyListWanted, setCountyListWanted] = useState(false);
  const counties = useMemo(
    () => (countyListWanted ? [...new Set([...(bureau?.counties ?? []), ...rowCounties])].sort(byPinyin) : []),
    [countyListWanted, rowCounties, bureau],
  );

  // the tiers only matter to the order and the filter when sorting or filtering by them
  const sortTiers = sort !== null && (sort.key === 'tier' || sort.key === 'due') ? tiers : null;
  const order = useMemo(() => sortedOrder(rows, sortTiers, sort ?? { key: 'id', order: 'ascend' }), [rows, sortTiers, sort]);

  const filterTiers = filters.tier !== undefined ? tiers : null;
  const waiting = filters.tier !== undefined && tiers === null; // filtering by tier waits for the tiers
  const shown = useMemo(() => {
    const f = filters;
    if (f.tier !== undefined && filterTiers === null) return [];
    if (search === '' && f.county === undefined && f.kind === undefined && f.status === undefined && f.tier === undefined) return order;
    const out: number[] = [];
    for (const i of order) {
      const r = rows[i] as Row;
      if (f.county !== undefined && r[COUNTY] !== f.county) continue;
      if (f.kind !== undefined && r[KIND] !== f.kind) continue;
      if (f.status !== undefined && r[STATUS] !== f.status) continue;
      if (f.tier !== undefined) {
        const t = filterTiers?.[r[ID]]?.[0] ?? null;
        if (f.tier === 'none' ? t !== null : t !== f.tier) continue;
      }
      if (search !== '' && !found(r, search)) continue;
      out.push(i);
    }
    return out;
  }, [rows, order, search, filters, filterTiers]);

  const filtering = search !== '' || Object.values(filters).some((v) => v !== undefined);
  const listed = complete ? shown.length : unitCount;
  const pages = Math.max(1, Math.ceil(listed / pageSize));
  const current = Math.min(page, pages);
  // with only the first page here, anything but that page in id order waits for every row
  const needAll = !complete && (filtering || sort === null || sort.key !== 'id' || sort.order !== 'ascend' || current * pageSize > rows.length);
  const pageRows = useMemo<ShownRow[]>(
    () =>
      (needAll ? [] : shown.slice((current - 1) * pageSize, current * pageSize)).map((i) => {
        const r = unitRow(rows[i] as Row);
        const t = tiers?.[r.id];
        return { ...r, tier: tiers === null ? undefined : (t?.[0] ?? null), due: tiers === null ? undefined : (t?.[1] ?? 0) };
      }),
    [needAll, shown, current, pageSize, rows, tiers],
  );

  const setFilter = (k: keyof Filters) => (v: string | undefined) => {
    setFilters((f) => ({ ...f, [k]: v ?? undefined }));
    setPage(1);
  };
  const onTableChange = useCallback((p: TablePaginationConfig, s: SorterResult<ShownRow> | SorterResult<ShownRow>[]) => {
    const one = Array.isArray(s) ? s[0] : s;
    const key = one?.columnKey as SortKey | undefined;
    setSort(one?.order && key ? { key, order: one.order } : null);
    setPage(p.current ?? 1);
    setPageSize(p.pageSize ?? PAGE_SIZES[0] as number);
  }, []);

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
      title={
        <Space size={16}>
          企业台账
          {!loading && tiers === null && tiersError === null && (
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }} data-testid="tiers-loading">
              <Spin size="small" style={{ marginRight: 6 }} />
              正在计算风险等级…
            </Typography.Text>
          )}
          {tiersError !== null && (
            <Typography.Text type="danger" style={{ fontSize: 13, fontWeight: 'normal' }}>
              无法计算风险等级：{tiersError}
            </Typography.Text>
          )}
        </Space>
      }
      variant="borderless"
      extra={
        <Space>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setFormWanted(true);
              setCreating(true);
            }}
          >
            新增单位
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => void doImport()} loading={busy === 'import'}>
            导入台账
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void doExport()} loading={busy === 'export'} disabled={loading || unitCount === 0}>
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
          onChange={(e) => {
            setTyped(e.target.value);
            setPage(1);
          }}
          aria-label="搜索单位"
        />
        <Select allowClear placeholder="所属县区" style={{ width: 130 }} value={filters.county} onChange={setFilter('county')} options={counties.map((c) => ({ value: c, label: c }))} onOpenChange={(open) => open && setCountyListWanted(true)} aria-label="所属县区" />
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
              setPage(1);
            }}
          >
            清除条件
          </Button>
        )}
        {loading ? (
          <Typography.Text type="secondary">正在读取台账…</Typography.Text>
        ) : !complete ? (
          <Typography.Text type="secondary" data-testid="registry-count" data-complete="false">
            共 {unitCount} 个单位，正在读取全部单位…
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="registry-count" data-complete="true">
            共 {rows.length} 个单位{filtering ? (waiting ? '，正在按风险等级筛选…' : `，符合条件 ${shown.length} 个`) : ''}
          </Typography.Text>
        )}
      </Space>
      <RegistryTable
        rows={pageRows}
        total={listed}
        page={current}
        pageSize={pageSize}
        sort={sort}
        loading={loading || waiting || needAll}
        emptyText={loading || needAll ? ' ' : rows.length === 0 ? '台账中还没有单位：请“导入台账”或“新增单位”' : waiting ? '正在计算风险等级…' : '没有符合条件的单位'}
        onChange={onTableChange}
        go={go}
      />
      {formWanted && (
        <Suspense fallback={null}>
          <UnitForm
            open={creating}
            onClose={() => setCreating(false)}
            onSaved={(id) => {
              setCreating(false);
              changed();
              go('unit', { id });
            }}
          />
        </Suspense>
      )}
    </Card>
  );
}
