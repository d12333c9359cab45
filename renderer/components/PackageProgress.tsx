/** The city's 汇总进度: per county bureau its last package and units by tier, what is overdue, who is silent, and credit-code conflicts. */
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { call } from '../api';
import { Loaded, TIER_COLORS, useLoad } from '../ui';
import { PackageTierChart, tiersByCounty } from './PackageTierChart';

type Tiers = Record<'A' | 'B' | 'C' | 'D' | 'none', number>;

interface BureauRow {
  bureau: string;
  counties: string[];
  lastPackage: { year: number; createdAt: string; importedAt: string };
  units: number;
  byTier: Tiers;
  overdue: string[];
}

const tierCol = (key: keyof Tiers, title: string, color?: string) => ({
  title: color ? <span style={{ color }}>{title}</span> : title,
  key,
  width: 64,
  align: 'right' as const,
  render: (_: unknown, r: BureauRow) => {
    const n = r.byTier[key];
    return n > 0 ? <span style={{ color: color ?? undefined, fontWeight: color ? 600 : undefined }}>{n}</span> : <span style={{ color: '#bfbfbf' }}>0</span>;
  },
});

const day = (iso: string) => iso.slice(0, 10);

export function PackageProgress() {
  const progress = useLoad(() => call('city.progress', {}), []);
  const units = useLoad(() => call('units.list', {}), []);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="汇总进度（各县局上报情况）" data-testid="city-progress">
        <Loaded state={progress}>
          {(p) => (
            <Space direction="vertical" size={12} style={{ display: 'flex', width: '100%' }}>
              <Table<BureauRow>
                data-testid="progress-table"
                size="middle"
                rowKey="bureau"
                dataSource={p.bureaus}
                pagination={false}
                locale={{ emptyText: '还没有导入任何县级数据包' }}
                columns={[
                  { title: '县级应急管理局', dataIndex: 'bureau', width: 160 },
                  { title: '覆盖县区', dataIndex: 'counties', width: 110, render: (c: string[]) => c.join('、') || '—' },
                  {
                    title: '最近数据包',
                    key: 'last',
                    width: 150,
                    render: (_, r) => (
                      <div>
                        <div>{r.lastPackage.year} 年度</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          生成 {day(r.lastPackage.createdAt)}
                          <br />
                          导入 {day(r.lastPackage.importedAt)}
                        </Typography.Text>
                      </div>
                    ),
                  },
                  { title: '单位数', dataIndex: 'units', width: 70, align: 'right' },
                  tierCol('D', 'D级', TIER_COLORS.D),
                  tierCol('C', 'C级', TIER_COLORS.C),
                  tierCol('B', 'B级', TIER_COLORS.B),
                  tierCol('A', 'A级', TIER_COLORS.A),
                  tierCol('none', '未定级'),
                  {
                    title: '逾期 / 缺报',
                    dataIndex: 'overdue',
                    render: (o: string[]) =>
                      o.length === 0 ? (
                        <Tag color="green">按时</Tag>
                      ) : (
                        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                          {o.map((m) => (
                            <li key={m}>
                              <Typography.Text type="danger">{m}</Typography.Text>
                            </li>
                          ))}
                        </ul>
                      ),
                  },
                ]}
              />
              {p.missing.length > 0 ? (
                <Alert
                  type="error"
                  showIcon
                  message={`尚未收到数据包的县（市、区）：${p.missing.map((m) => m.county).join('、')}`}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                      {p.missing.map((m) => (
                        <li key={m.county}>{m.message}</li>
                      ))}
                    </ul>
                  }
                />
              ) : (
                p.bureaus.length > 0 && <Alert type="success" showIcon message="所辖县（市、区）均已上报数据包。" />
              )}
              {p.conflicts.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  message={`${p.conflicts.length} 个统一社会信用代码同时出现在不同单位的数据中，需核实后由相关县局更正（不会自动合并）`}
                  description={
                    <Table
                      size="small"
                      rowKey="creditCode"
                      pagination={false}
                      dataSource={p.conflicts}
                      columns={[
                        { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200 },
                        { title: '涉及单位', dataIndex: 'units', render: (us: { id: string; origin: string }[]) => us.map((u) => `${u.id}（${u.origin}）`).join('；') },
                      ]}
                    />
                  }
                />
              )}
            </Space>
          )}
        </Loaded>
      </Card>
      <Card title="各县区单位风险等级分布">
        <Loaded state={units}>{(us) => (us.length === 0 ? <Empty description="还没有单位" /> : <PackageTierChart data={tiersByCounty(us)} />)}</Loaded>
      </Card>
    </Space>
  );
}
