/** The unit's recorded events (void a mistaken one, with a reason) and its inspections with hazards (R17.3). */
import { Alert, App as AntApp, Button, Card, DatePicker, Empty, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { EVENT_NAMES } from '../../src/domain/rules';
import type { HandlerResult } from '../../src/services/dispatch';
import { call } from '../api';
import { useApp } from '../store';
import { errorText } from '../ui';

type UnitInfo = HandlerResult<'units.get'>;
type EventRow = UnitInfo['events'][number];
type InspectionRow = UnitInfo['inspections'][number];
type HazardRow = InspectionRow['hazards'][number];

function eventDetail(e: EventRow): string {
  if (e.type === 'major-hazard') return `${e.count ?? 1} 条`;
  if (e.type === 'standardization') return e.grade ?? '';
  return '';
}

export function EventList({ info, locked }: { info: UnitInfo; locked: boolean }) {
  const { message } = AntApp.useApp();
  const changed = useApp((s) => s.changed);
  const [voiding, setVoiding] = useState<EventRow | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rows = [...info.events].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.seq - a.seq));
  const submit = async () => {
    if (!voiding) return;
    setBusy(true);
    setError(null);
    try {
      await call('events.void', { unitId: info.unit.id, seq: voiding.seq, reason });
      message.success('事件已作废，等级已按其余记录重新推算');
      setVoiding(null);
      setReason('');
      changed();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Table
        size="small"
        rowKey="seq"
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: <Empty description="尚无事件" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 104 },
          {
            title: '事件',
            key: 'type',
            render: (_: unknown, e: EventRow) => (
              <span style={e.voidedAt ? { textDecoration: 'line-through', color: '#999' } : undefined}>
                {EVENT_NAMES[e.type]}
                {eventDetail(e) && <Tag style={{ marginLeft: 6 }}>{eventDetail(e)}</Tag>}
              </span>
            ),
          },
          { title: '说明', dataIndex: 'note', render: (n: string) => <Typography.Text type="secondary">{n}</Typography.Text> },
          {
            title: '状态',
            key: 'status',
            width: 180,
            render: (_: unknown, e: EventRow) =>
              e.voidedAt ? (
                <span>
                  <Tag color="default">已作废</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.voidReason}
                  </Typography.Text>
                </span>
              ) : locked ? (
                <Tag color="blue">有效</Tag>
              ) : (
                <Button size="small" danger onClick={() => setVoiding(e)}>
                  作废
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={voiding !== null}
        title="作废事件"
        okText="作废"
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: busy }}
        cancelText="取消"
        onOk={() => void submit()}
        onCancel={() => {
          setVoiding(null);
          setError(null);
        }}
      >
        {voiding && (
          <Typography.Paragraph>
            {voiding.date} {EVENT_NAMES[voiding.type]} {eventDetail(voiding)}：作废后不再计入动态评级，记录本身保留并记入审计日志。
          </Typography.Paragraph>
        )}
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="作废原因（必填），如：误录、日期填错" aria-label="作废原因" />
        {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} />}
      </Modal>
    </>
  );
}

function hazardStatus(h: HazardRow, today: string) {
  if (h.closedOn) return <Tag color="green">已销号</Tag>;
  if (h.rectifiedOn) return <Tag color="blue">已整改，待销号</Tag>;
  if (h.rectifyBy && h.rectifyBy < today) return <Tag color="red">逾期未整改</Tag>;
  return <Tag color="orange">整改中</Tag>;
}

export function InspectionList({ info, locked }: { info: UnitInfo; locked: boolean }) {
  const { message } = AntApp.useApp();
  const changed = useApp((s) => s.changed);
  const today = dayjs().format('YYYY-MM-DD');
  const update = async (h: HazardRow, field: 'rectifiedOn' | 'closedOn', d: dayjs.Dayjs | null) => {
    if (!d) return;
    try {
      await call('hazards.update', { hazardId: h.id, [field]: d.format('YYYY-MM-DD') });
      message.success(field === 'closedOn' ? '已登记销号' : '已登记整改');
      changed();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const list = [...info.inspections].reverse();
  if (list.length === 0) return <Empty description="尚无检查记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Space orientation="vertical" style={{ display: 'flex' }} size={12}>
      {list.map((i) => (
        <Card
          key={i.id}
          size="small"
          title={
            <span>
              {i.date} <Tag color={i.kind === '日常检查' ? 'default' : 'geekblue'}>{i.kind}</Tag>
              <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                检查人员：{i.inspectors.join('、')}
              </Typography.Text>
            </span>
          }
        >
          {i.findings && <Typography.Paragraph style={{ marginBottom: 8 }}>{i.findings}</Typography.Paragraph>}
          {i.hazards.length === 0 ? (
            <Typography.Text type="secondary">未发现重大事故隐患。</Typography.Text>
          ) : (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={i.hazards}
              columns={[
                { title: '重大事故隐患', dataIndex: 'description' },
                { title: '整改期限', dataIndex: 'rectifyBy', width: 104, render: (d: string | null) => d ?? '—' },
                {
                  title: '整改完成',
                  key: 'rectifiedOn',
                  width: 140,
                  render: (_: unknown, h: HazardRow) =>
                    h.rectifiedOn ?? (locked ? '—' : <DatePicker size="small" placeholder="登记整改日期" format="YYYY-MM-DD" onChange={(d) => void update(h, 'rectifiedOn', d)} aria-label={`隐患${h.id}整改日期`} />),
                },
                {
                  title: '销号',
                  key: 'closedOn',
                  width: 140,
                  render: (_: unknown, h: HazardRow) =>
                    h.closedOn ?? (locked || !h.rectifiedOn ? '—' : <DatePicker size="small" placeholder="登记销号日期" format="YYYY-MM-DD" onChange={(d) => void update(h, 'closedOn', d)} aria-label={`隐患${h.id}销号日期`} />),
                },
                { title: '状态', key: 'status', width: 120, render: (_: unknown, h: HazardRow) => hazardStatus(h, today) },
              ]}
            />
          )}
        </Card>
      ))}
    </Space>
  );
}
