/** One report of the 报表 screen: what it is, its options, 导出, and what came of it. */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, InputNumber, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ReportRequest, SavedFile } from '../../src/api/host';
import { host, unwrap } from '../api';
import { errorText } from '../ui';
import { ReportBusy, ReportSaved } from './ReportSaved';

export type ReportId = 'tier-list' | 'adjustments' | 'assessment-report' | 'plan' | 'officials' | 'registry' | 'statistics' | 'notice' | 'assessment-record';

export interface ReportSpec {
  id: ReportId;
  name: string;
  formats: readonly ('xlsx' | 'pdf')[];
  /** What the report is for, with its clause. */
  about: string;
  /** Extra inputs. */
  unit?: 'required' | 'optional';
  plan?: boolean;
  size?: boolean;
}

export interface UnitOption {
  id: string;
  name: string;
  county: string;
}

const FORMAT_LABEL = { xlsx: 'Excel（.xlsx）', pdf: 'PDF' } as const;

export function ReportCard({ spec, year, units }: { spec: ReportSpec; year: number; units: UnitOption[] | undefined }) {
  const [format, setFormat] = useState<'xlsx' | 'pdf'>(spec.formats[0] ?? 'xlsx');
  const [scope, setScope] = useState<'all' | 'one'>(spec.unit === 'required' ? 'one' : 'all');
  const [unit, setUnit] = useState<string | undefined>();
  const [seed, setSeed] = useState<string | null>(null);
  const [rate, setRate] = useState<number | null>(10);
  const [size, setSize] = useState<'A4' | 'A3'>('A4');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [error, setError] = useState<string | null>(null);

  const needsUnit = spec.unit === 'required' || (spec.unit === 'optional' && scope === 'one');
  const seedValue = seed ?? String(year);

  const run = async () => {
    setError(null);
    setSaved(null);
    if (needsUnit && !unit) {
      setError('请先选择单位');
      return;
    }
    if (spec.plan && (!seedValue.trim() || rate === null)) {
      setError('请填写随机种子和抽查比例');
      return;
    }
    const req: ReportRequest = { report: spec.id, format, year };
    if (needsUnit && unit) req.unit = unit;
    if (spec.plan) {
      req.seed = seedValue.trim();
      req.rate = (rate ?? 10) / 100;
    }
    if (spec.size) req.size = size;
    setBusy(true);
    try {
      const r = await host().exportReport(req);
      if (r !== null) setSaved(unwrap(r));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const unitOptions = (units ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.id}，${u.county}）` }));

  return (
    <Card
      data-testid={`report-${spec.id}`}
      size="small"
      title={spec.name}
      extra={
        <Space size={4}>
          {spec.formats.map((f) => (
            <Tag key={f} color={f === 'pdf' ? 'volcano' : 'green'} style={{ marginInlineEnd: 0 }}>
              {f.toUpperCase()}
            </Tag>
          ))}
        </Space>
      }
      style={{ height: '100%' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 10 } }}
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
        {spec.about}
      </Typography.Paragraph>
      <Form layout="inline" size="small" disabled={busy} style={{ rowGap: 8 }}>
        {spec.formats.length > 1 && (
          <Form.Item label="格式">
            <Radio.Group value={format} onChange={(e) => setFormat(e.target.value as 'xlsx' | 'pdf')} optionType="button" options={spec.formats.map((f) => ({ value: f, label: FORMAT_LABEL[f] }))} />
          </Form.Item>
        )}
        {spec.unit === 'optional' && (
          <Form.Item label="范围">
            <Radio.Group
              value={scope}
              onChange={(e) => setScope(e.target.value as 'all' | 'one')}
              optionType="button"
              options={[
                { value: 'all', label: '全部单位（合成一个PDF）' },
                { value: 'one', label: '单个单位' },
              ]}
            />
          </Form.Item>
        )}
        {spec.size && (
          <Form.Item label="纸张">
            <Radio.Group value={size} onChange={(e) => setSize(e.target.value as 'A4' | 'A3')} optionType="button" options={['A4', 'A3']} />
          </Form.Item>
        )}
        {needsUnit && (
          <Form.Item label="单位" style={{ width: '100%' }} required>
            <Select
              data-testid={`unit-picker-${spec.id}`}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={units === undefined ? '正在读取台账…' : units.length === 0 ? '台账中还没有单位' : '输入名称或编号搜索'}
              loading={units === undefined}
              value={unit}
              onChange={setUnit}
              options={unitOptions}
              style={{ width: '100%', minWidth: 260 }}
              notFoundContent="没有匹配的单位"
            />
          </Form.Item>
        )}
        {spec.plan && (
          <>
            <Form.Item label="随机种子" tooltip="抽查名单由种子决定：同一种子、同一台账，抽出的单位相同，可复核（D10）。默认为年度。">
              <Input value={seedValue} onChange={(e) => setSeed(e.target.value)} style={{ width: 120 }} aria-label="随机种子" />
            </Form.Item>
            <Form.Item label="A、B级抽查比例">
              <InputNumber value={rate} onChange={(v) => setRate(v)} min={1} max={100} precision={0} suffix="%" style={{ width: 96 }} aria-label="抽查比例" />
            </Form.Item>
          </>
        )}
      </Form>
      <div style={{ flex: 1 }} />
      <Space>
        <Button type="primary" icon={<DownloadOutlined />} loading={busy} onClick={() => void run()}>
          {busy ? '正在导出' : '导出'}
        </Button>
      </Space>
      {busy && <ReportBusy />}
      {error && <Alert type="error" showIcon message="导出失败" description={error} />}
      {saved && <ReportSaved saved={saved} unit={spec.id === 'notice' ? '个单位' : '行'} />}
    </Card>
  );
}
