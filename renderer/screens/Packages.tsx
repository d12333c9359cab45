/**
 * 数据包: a county sends its record to the city (上报市局) and takes in the city's package; the
 * city takes in the counties' packages one after another (汇总) and sees who has reported.
 */
import { CloudDownloadOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { SavedFile } from '../../src/api/host';
import { host, unwrap } from '../api';
import { PackageImportResult, type PackageImported } from '../components/PackageImportResult';
import { PackageProgress } from '../components/PackageProgress';
import { ReportBusy, ReportSaved } from '../components/ReportSaved';
import { useApp } from '../store';
import { errorText } from '../ui';

/** N2: until March the package reports the year just ended. */
const defaultYear = () => (dayjs().month() < 3 ? dayjs().year() - 1 : dayjs().year());

export function Packages() {
  const level = useApp((s) => s.bureau?.level);
  if (level === undefined) return null;
  return level === 'city' ? <CityPackages /> : <CountyPackages />;
}

function ExportPackage({ title, about }: { title: string; about: React.ReactNode }) {
  const [year, setYear] = useState(defaultYear);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const r = await host().exportPackage(year);
      if (r !== null) setSaved(unwrap(r));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={title} data-testid="package-export">
      <Typography.Paragraph type="secondary">{about}</Typography.Paragraph>
      <Space wrap>
        <Typography.Text>年度</Typography.Text>
        <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} disabled={busy} aria-label="数据包年度" />
        <Button type="primary" icon={<CloudUploadOutlined />} loading={busy} onClick={() => void run()}>
          导出数据包
        </Button>
      </Space>
      <div style={{ marginTop: 12, display: 'flex', flexDirection: 'column', gap: 8 }}>
        {busy && <ReportBusy text="正在打包并签名" />}
        {error && <Alert type="error" showIcon message="导出失败" description={error} />}
        {saved && <ReportSaved saved={saved} unit="个单位" />}
      </div>
    </Card>
  );
}

/** Picks a package file and imports it; returns the result, or null when cancelled. */
async function importOne(): Promise<PackageImported | null> {
  const r = await host().importPackage();
  return r === null ? null : unwrap(r);
}

function CountyPackages() {
  const changed = useApp((s) => s.changed);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PackageImported | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await importOne();
      if (r) {
        setResult(r);
        changed();
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ExportPackage
        title="上报市局"
        about={
          <>
            把本局全部单位（登记信息、包保责任人、已确认的评估、事件、检查及隐患整改）打包成一个签名的数据包（.zip），用U盘或电子邮件交市局。
            N2：每年3月10日前上报上一年度的等级调整情况。数据包任何一处被改动，市局导入时都会整包拒绝。
          </>
        }
      />
      <Card title="导入市局数据包" data-testid="package-import">
        <Typography.Paragraph type="secondary">
          市局下发的数据包包含市局直接评定的中央、省、市属企业（本机只读，D11）和市局的评分表版本。只导入本县（市、区）的单位；本机已有评估或事件记录的单位保持不变并列为“跳过”。
        </Typography.Paragraph>
        <Button icon={<CloudDownloadOutlined />} loading={busy} onClick={() => void run()}>
          选择数据包并导入
        </Button>
        <div style={{ marginTop: 12 }}>
          {busy && <ReportBusy text="正在校验并导入" />}
          {error && <Alert type="error" showIcon message="数据包未导入" description={error} />}
          {result && !busy && <PackageImportResult r={result} level="county" />}
        </div>
      </Card>
    </Space>
  );
}

interface LogRow {
  n: number;
  at: string;
  result?: PackageImported;
  error?: string;
}

function CityPackages() {
  const { go, changed } = useApp();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [log, setLog] = useState<LogRow[]>([]);
  const run = async () => {
    setBusy(true);
    const at = dayjs().format('HH:mm:ss');
    try {
      const r = await importOne();
      if (r) {
        setLog((l) => [{ n: l.length + 1, at, result: r }, ...l]);
        message.success(`已导入 ${r.county} 的数据包：${r.units} 个单位`);
        changed();
      }
    } catch (e) {
      setLog((l) => [{ n: l.length + 1, at, error: errorText(e) }, ...l]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="汇总：导入县级数据包"
        data-testid="package-import"
        extra={
          <Button type="primary" icon={<CloudDownloadOutlined />} loading={busy} onClick={() => void run()}>
            导入县级数据包
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          逐个导入各县（市、区）应急管理局上报的数据包。同一县局的新数据包替换其此前上报的全部单位；签名、校验或历史核对不符的数据包整包拒绝，本机数据不变。县局上报的单位在本机只读。
        </Typography.Paragraph>
        {busy && <ReportBusy text="正在校验并导入" />}
        {log.length > 0 && (
          <Table<LogRow>
            data-testid="package-log"
            size="small"
            rowKey="n"
            pagination={false}
            dataSource={log}
            columns={[
              { title: '序', dataIndex: 'n', width: 48 },
              { title: '时间', dataIndex: 'at', width: 90 },
              { title: '来源', key: 'county', render: (_, r) => r.result?.county ?? '—' },
              { title: '单位', key: 'units', width: 70, align: 'right', render: (_, r) => (r.result ? r.result.units : '—') },
              { title: '替换', key: 'replaced', width: 70, align: 'right', render: (_, r) => (r.result ? r.result.replaced : '—') },
              {
                title: '结果',
                key: 'status',
                render: (_, r) =>
                  r.error ? (
                    <Typography.Text type="danger">{r.error}</Typography.Text>
                  ) : r.result && r.result.conflicts.length > 0 ? (
                    <Typography.Text type="warning">已导入；{r.result.conflicts.length} 个信用代码冲突待核实</Typography.Text>
                  ) : (
                    <Tag color="green">已导入</Tag>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <PackageProgress />
      <Alert
        type="info"
        showIcon
        message="市级报表"
        description={
          <>
            “报表”中的年度风险等级名单、等级调整情况、附表7、分县分类统计等涵盖全市：本机评定的单位和各县局上报的单位都计入。N2：市局于每年3月底前集中公告上一年度的等级调整情况并报省厅。{' '}
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => go('reports')}>
              前往报表
            </Button>
          </>
        }
      />
      <ExportPackage title="下发县局" about="把市局直接评定的单位（中央、省、市属企业，R3）及其评估和市局的评分表版本打包，下发各县局；县局导入后这些单位只读显示（D11）。" />
    </Space>
  );
}
