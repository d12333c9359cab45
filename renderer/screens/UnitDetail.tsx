/**
 * 单位详情 (一矿一档): the unit's registry record by kind, its tier and how it came about (D3),
 * what is due (R18.4–10), the flags (R17, R18.7, R22, licences), 包保责任人 with history (R21, R22),
 * assessments, events and inspections. City-assessed units are read-only here (D11).
 */
import { ArrowLeftOutlined, EditOutlined, FileSearchOutlined, FormOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { DescriptionsProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { chineseDate } from '../../src/domain/dates';
import { EVENT_NAMES, KIND_NAMES, TIER_NAMES } from '../../src/domain/rules';
import { KIND_SPECIFIC_FIELDS, PHONE_PATTERN, assessedByCity, columnOfField, type UnitField, type UnitRecord } from '../../src/registry/unit';
import type { HandlerResult } from '../../src/services/dispatch';
import { ApiError, call } from '../api';
import { UnitForm } from '../components/UnitForm';
import { clauseWords, dateText, dueWords, sourceWords } from '../components/UnitClauses';
import { useApp } from '../store';
import { Loaded, TIER_COLORS, TierTag, errorText, useLoad } from '../ui';

type Data = HandlerResult<'units.get'>;

export function UnitDetail({ id }: { id: string }) {
  const state = useLoad(() => call('units.get', { id }), [id]);
  const go = useApp((s) => s.go);
  if (state.error) {
    return (
      <Card>
        <Alert type="error" showIcon title="无法打开单位" description={state.error} />
        <Button style={{ marginTop: 12 }} icon={<ArrowLeftOutlined />} onClick={() => go('units')}>
          返回企业台账
        </Button>
      </Card>
    );
  }
  return <Loaded state={state}>{(d) => <UnitView d={d} />}</Loaded>;
}

const label = (f: UnitField) => columnOfField(f)?.header ?? f;
const dash = <Typography.Text type="secondary">—</Typography.Text>;
const show = (v: unknown): ReactNode => (v === undefined || v === null || v === '' ? dash : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
const applies = (f: UnitField, u: UnitRecord) => {
  const k = KIND_SPECIFIC_FIELDS[f];
  return k === undefined || k.includes(u.kind);
};

function descItems(u: UnitRecord, fields: UnitField[], render: Partial<Record<UnitField, ReactNode>> = {}): DescriptionsProps['items'] {
  return fields.filter((f) => applies(f, u)).map((f) => ({ key: f, label: label(f), children: f in render ? render[f] : show(u[f]) }));
}

function UnitView({ d }: { d: Data }) {
  const { go, changed, bureau } = useApp();
  const [editing, setEditing] = useState(false);
  const u = d.unit;
  const tier = d.timeline.tier;
  const ro = d.readOnly;
  const licenceFlag = (name: string) => d.flags.find((f) => f.code === 'licence' && f.message.startsWith(name));

  const licence = (number: UnitField, until: UnitField, name: string): ReactNode => {
    const n = u[number] as string | undefined;
    const t = u[until] as string | undefined;
    if (!n && !t) return <Typography.Text type="secondary">未登记</Typography.Text>;
    const f = licenceFlag(name);
    return (
      <span>
        {n ?? ''}
        {t && <span style={{ marginLeft: 8 }}>有效期至 {chineseDate(t)}</span>}
        {f && (
          <Tag color={f.level === 'danger' ? 'red' : 'orange'} style={{ marginLeft: 8 }}>
            {f.level === 'danger' ? '已过期' : '90天内到期'}
          </Tag>
        )}
      </span>
    );
  };

  const kindFields: UnitField[] = ['depth', 'maxShiftUnderground', 'slopeHeight', 'pondGrade', 'damHeight', 'storage', 'overheadPond', 'pondId'];
  const kindItems = descItems(u, kindFields, {
    pondId: u.pondId ? <Typography.Link onClick={() => go('unit', { id: u.pondId as string })}>{u.pondId}</Typography.Link> : dash,
  });

  const history = [...d.timeline.history].reverse();

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card size="small" styles={{ body: { padding: '14px 20px' } }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => go('units')} title="返回企业台账" />
          <div style={{ flex: 1, minWidth: 300 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {u.name}
            </Typography.Title>
            <Space size={16} wrap style={{ marginTop: 4 }}>
              <Typography.Text type="secondary">
                单位编号：<Typography.Text copyable>{u.id}</Typography.Text>
              </Typography.Text>
              <Typography.Text type="secondary">类型：{u.kindLabel}（{KIND_NAMES[u.kind]}）</Typography.Text>
              <Typography.Text type="secondary">{u.enterprise}</Typography.Text>
            </Space>
          </div>
          <div style={{ textAlign: 'center' }} data-testid="unit-tier">
            <div style={{ fontSize: 12, color: '#8c8c8c', marginBottom: 2 }}>当前风险等级</div>
            {tier ? (
              <Tag color={TIER_COLORS[tier]} style={{ fontSize: 18, lineHeight: '32px', padding: '0 14px', fontWeight: 700, marginInlineEnd: 0 }}>
                {tier}级 {TIER_NAMES[tier]}
              </Tag>
            ) : (
              <Tag style={{ fontSize: 16, lineHeight: '30px', padding: '0 14px', marginInlineEnd: 0 }}>未定级</Tag>
            )}
          </div>
          <Space>
            <Tooltip title={u.kind === 'concentrator' ? '选矿厂随配套尾矿库定级，不单独评分（R19）' : ro ? '本机只读（D11）' : undefined}>
              <Button type="primary" icon={<FormOutlined />} disabled={ro || u.kind === 'concentrator'} onClick={() => go('score', { id: u.id })}>
                评分
              </Button>
            </Tooltip>
            <Button icon={<FileSearchOutlined />} onClick={() => go('events', { id: u.id })}>
              事件与检查
            </Button>
            <Button icon={<EditOutlined />} disabled={ro} onClick={() => setEditing(true)}>
              编辑
            </Button>
          </Space>
        </div>
      </Card>

      {ro && (
        <Alert
          type="warning"
          showIcon
          data-testid="readonly-banner"
          title={`本单位由「${d.origin}」评定，本机只读（D11）`}
          description="等级为接收的评定结果；不能编辑台账、评分、记录事件或更换包保责任人。"
        />
      )}
      {!ro && bureau?.level === 'county' && assessedByCity(u.ownership) && (
        <Alert type="info" showIcon title={`隶属关系为「${u.ownership}」：按 R3、R5 由市应急管理局评估定级`} />
      )}
      {d.flags.map((f, i) => (
        <Alert key={i} type={f.level === 'danger' ? 'error' : 'warning'} showIcon title={f.message.replace(/\d{4}-\d{2}-\d{2}/g, (x) => chineseDate(x))} />
      ))}

      <Row gutter={12}>
        <Col span={15}>
          <Card size="small" title="登记信息（一矿一档）">
            <Descriptions size="small" bordered column={2} title="基本信息" items={descItems(u, ['id', 'enterprise', 'name', 'creditCode', 'kindLabel', 'ownership', 'county', 'township'])} />
            <Descriptions
              size="small"
              bordered
              column={2}
              title="地址与坐标"
              style={{ marginTop: 12 }}
              items={[
                { key: 'address', label: label('address'), span: 2, children: show(u.address) },
                { key: 'coords', label: '经度 / 纬度', span: 2, children: u.lon !== undefined || u.lat !== undefined ? `${u.lon ?? '—'} / ${u.lat ?? '—'}` : dash },
              ]}
            />
            <Descriptions
              size="small"
              bordered
              column={2}
              title="生产状态"
              style={{ marginTop: 12 }}
              items={descItems(u, ['status', 'stoppedOn', 'standardization'], { stoppedOn: u.stoppedOn ? chineseDate(u.stoppedOn) : dash })}
            />
            <Descriptions size="small" bordered column={2} title="负责人" style={{ marginTop: 12 }} items={descItems(u, ['principal', 'principalPhone', 'safetyLead', 'safetyLeadPhone'])} />
            <Descriptions
              size="small"
              bordered
              column={1}
              title="证照"
              style={{ marginTop: 12 }}
              items={[
                { key: 'mining', label: '采矿许可证', children: licence('miningLicence', 'miningLicenceUntil', '采矿许可证') },
                { key: 'safety', label: '安全生产许可证', children: licence('safetyLicence', 'safetyLicenceUntil', '安全生产许可证') },
                ...(applies('qualification', u) ? [{ key: 'qual', label: '资质证书', children: licence('qualification', 'qualificationUntil', '资质证书') }] : []),
              ]}
            />
            <Descriptions
              size="small"
              bordered
              column={2}
              title={`分类型信息（${u.kindLabel}）`}
              style={{ marginTop: 12 }}
              items={kindItems && kindItems.length > 0 ? kindItems : [{ key: 'none', label: '说明', children: '本类型无专属信息' }]}
            />
            <Descriptions
              size="small"
              bordered
              column={2}
              title="日常监管（公告栏，R23）"
              style={{ marginTop: 12 }}
              items={descItems(u, ['supervisor', 'supervisorPhone'], { supervisor: u.supervisor ?? <span>{bureau?.bureau ?? ''}（默认）</span> })}
            />
          </Card>
        </Col>
        <Col span={9}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title="风险等级变化（D3）" data-testid="tier-history">
              {history.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={u.kind === 'concentrator' ? '配套尾矿库尚未定级（R19）' : '尚未定级：请进行初次评估（R15）'} />
              ) : (
                <Timeline
                  style={{ marginTop: 8 }}
                  items={history.map((h, i) => ({
                    key: `${h.date}-${h.source}-${i}`,
                    color: TIER_COLORS[h.tier],
                    content: (
                      <div>
                        <div style={{ marginBottom: 2 }}>
                          <Typography.Text strong>{chineseDate(h.date)}</Typography.Text>
                          {i === 0 && (
                            <Tag color="blue" style={{ marginLeft: 6 }}>
                              当前
                            </Tag>
                          )}
                        </div>
                        <TierTag tier={h.tier} long />
                        <Tag>{h.clause}</Tag>
                        <div style={{ marginTop: 2 }}>{clauseWords(h.clause)}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {sourceWords(h.source, d.events, d.assessments)}
                        </Typography.Text>
                      </div>
                    ),
                  }))}
                />
              )}
            </Card>
            <Card size="small" title="应重新评估（R18.4–R18.10）" data-testid="unit-due">
              {d.timeline.due.length === 0 ? (
                <Typography.Text type="secondary">目前没有到期的重新评估。</Typography.Text>
              ) : (
                d.timeline.due.map((x) => (
                  <div key={`${x.clause}-${x.due}-${x.source}`} style={{ padding: '4px 0', borderBottom: '1px dashed #f0f0f0' }}>
                    <Tag color="orange">{x.clause}</Tag>
                    {dueWords(x.clause)}
                    <div>
                      <Typography.Text type="secondary">应于 {chineseDate(x.due)} 前</Typography.Text>
                    </div>
                  </div>
                ))
              )}
            </Card>
            <Officials d={d} onChanged={changed} />
          </Space>
        </Col>
      </Row>

      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          items={[
            { key: 'assessments', label: `评估记录（${d.assessments.length}）`, children: <Assessments d={d} /> },
            { key: 'events', label: `事件（${d.events.length}）`, children: <Events d={d} /> },
            { key: 'inspections', label: `检查记录（${d.inspections.length}）`, children: <Inspections d={d} /> },
          ]}
        />
      </Card>

      <UnitForm
        open={editing}
        unit={u}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          changed();
        }}
      />
    </div>
  );
}

function Assessments({ d }: { d: Data }) {
  const go = useApp((s) => s.go);
  return (
    <Table
      size="small"
      rowKey="seq"
      dataSource={[...d.assessments].reverse()}
      pagination={false}
      locale={{ emptyText: '尚无评估' }}
      columns={[
        { title: '评估编号', dataIndex: 'ref', width: 130 },
        {
          title: '状态',
          dataIndex: 'status',
          width: 80,
          render: (s: string) => (s === 'draft' ? <Tag color="gold">草稿</Tag> : <Tag color="green">已确认</Tag>),
        },
        { title: '评估日期', dataIndex: 'assessedOn', width: 130, render: (v: string) => chineseDate(v) },
        { title: '得分', dataIndex: 'score', width: 70, render: (v: number | null) => (v === null ? '—' : v) },
        { title: '等级', dataIndex: 'tier', width: 80, render: (_: unknown, a) => (a.status === 'draft' ? '—' : <TierTag tier={a.tier} />) },
        {
          title: '依据',
          key: 'clause',
          render: (_: unknown, a) => (a.clause ? `${a.clause} ${clauseWords(a.clause)}${a.manualBasis ? `：${a.manualBasis}` : ''}` : '—'),
        },
        { title: '评估人员', dataIndex: 'assessors', width: 140, render: (v: string[]) => (v.length ? v.join('、') : '—') },
        { title: '评分表版本', dataIndex: 'table', width: 140, render: (t: { id: string; version: string } | null) => (t ? `${t.id} ${t.version}` : '人工定级（D6）') },
        {
          title: '',
          key: 'op',
          width: 90,
          render: (_: unknown, a) =>
            a.status === 'draft' && !d.readOnly ? <Typography.Link onClick={() => go('score', { id: d.unit.id, ref: a.ref })}>继续评分</Typography.Link> : null,
        },
      ]}
    />
  );
}

function Events({ d }: { d: Data }) {
  return (
    <Table
      size="small"
      rowKey="seq"
      dataSource={[...d.events].reverse()}
      pagination={false}
      locale={{ emptyText: '尚无事件' }}
      columns={[
        {
          title: '日期',
          dataIndex: 'date',
          width: 140,
          render: (v: string, e) => <Typography.Text delete={e.voidedAt !== null}>{chineseDate(v)}</Typography.Text>,
        },
        {
          title: '事件',
          dataIndex: 'type',
          render: (t: keyof typeof EVENT_NAMES, e) => (
            <Typography.Text delete={e.voidedAt !== null}>
              {EVENT_NAMES[t]}
              {e.count !== null ? `（${e.count} 处）` : ''}
              {e.grade ? `（${e.grade}）` : ''}
            </Typography.Text>
          ),
        },
        { title: '说明', dataIndex: 'note', render: (v: string, e) => <Typography.Text delete={e.voidedAt !== null}>{v || '—'}</Typography.Text> },
        {
          title: '状态',
          key: 'void',
          width: 260,
          render: (_: unknown, e) =>
            e.voidedAt !== null ? (
              <span>
                <Tag color="default">已作废</Tag>
                {e.voidReason}
              </span>
            ) : (
              <Tag color="blue">有效</Tag>
            ),
        },
      ]}
    />
  );
}

function Inspections({ d }: { d: Data }) {
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={[...d.inspections].reverse()}
      pagination={false}
      locale={{ emptyText: '尚无检查记录' }}
      columns={[
        { title: '检查日期', dataIndex: 'date', width: 140, render: (v: string) => chineseDate(v) },
        { title: '检查类型', dataIndex: 'kind', width: 100 },
        { title: '检查人员', dataIndex: 'inspectors', width: 160, render: (v: string[]) => v.join('、') },
        { title: '检查情况', dataIndex: 'findings', render: (v: string) => v || '—' },
        {
          title: '重大事故隐患',
          dataIndex: 'hazards',
          width: 380,
          render: (hs: Data['inspections'][number]['hazards']) =>
            hs.length === 0
              ? '无'
              : hs.map((h) => (
                  <div key={h.id}>
                    {h.description}
                    <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                      {h.rectifyBy ? `整改期限 ${chineseDate(h.rectifyBy)}` : ''}
                      {h.closedOn ? `，${chineseDate(h.closedOn)} 销号` : h.rectifiedOn ? `，${chineseDate(h.rectifiedOn)} 整改` : '，未销号'}
                    </Typography.Text>
                  </div>
                )),
        },
      ]}
    />
  );
}

interface OfficialValues {
  name: string;
  post: string;
  phone: string;
  from: Dayjs;
}

/** R21 / R22: the current 包保责任人, the history, and a form to change them (officials.assign). */
function Officials({ d, onChanged }: { d: Data; onChanged: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OfficialValues>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const needs = d.unit.kind === 'underground' || d.unit.kind === 'tailings';
  const current = d.officials.find((o) => o.to === null);
  const submit = async (v: OfficialValues) => {
    setBusy(true);
    try {
      const r = await call('officials.assign', { unitId: d.unit.id, name: v.name, post: v.post, phone: v.phone, from: v.from.format('YYYY-MM-DD') });
      message.success(r.changed ? '已更换包保责任人' : '与现任包保责任人相同，未作改动');
      setOpen(false);
      form.resetFields();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(
          e.issues
            .filter((i) => ['name', 'post', 'phone', 'from'].includes(String(i.path[0])))
            .map((i) => ({ name: String(i.path[0]) as keyof OfficialValues, errors: [i.message] })),
        );
      }
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={`包保责任人${needs ? '（R21、R22）' : ''}`}
      extra={
        !d.readOnly && !open ? (
          <Button size="small" onClick={() => setOpen(true)}>
            {current ? '更换' : '明确责任人'}
          </Button>
        ) : null
      }
    >
      {current ? (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text strong>{current.name}</Typography.Text>
          <Typography.Text style={{ marginLeft: 8 }}>{current.post}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {current.phone}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              自 {chineseDate(current.from)} 起
            </Typography.Text>
          </div>
        </div>
      ) : (
        <Typography.Paragraph type={needs ? 'warning' : 'secondary'} style={{ marginBottom: 8 }}>
          {needs ? '尚未明确包保责任人（R22）' : '未登记包保责任人'}
        </Typography.Paragraph>
      )}
      {open && (
        <Form form={form} layout="vertical" size="small" onFinish={(v) => void submit(v)} initialValues={{ from: dayjs() }} disabled={busy} style={{ marginBottom: 8 }}>
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]} style={{ marginBottom: 8 }}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="post" label="职务" rules={[{ required: true, whitespace: true, message: '请填写职务' }]} style={{ marginBottom: 8 }}>
                <Input placeholder="如 副区长" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="phone"
                label="电话"
                rules={[
                  { required: true, message: '请填写电话' },
                  { pattern: PHONE_PATTERN, message: '应为 7–12 位数字，区号可用“-”连接（如 0357-2345678）' },
                ]}
                style={{ marginBottom: 8 }}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="from" label="起始日期" rules={[{ required: true, message: '请选择日期' }]} style={{ marginBottom: 8 }}>
                <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              保存
            </Button>
            <Button onClick={() => setOpen(false)}>取消</Button>
          </Space>
        </Form>
      )}
      {d.officials.length > 0 && (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={[...d.officials].reverse()}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '职务', dataIndex: 'post' },
            { title: '任期', key: 'term', render: (_: unknown, o) => `${dateText(o.from)} 至 ${o.to ? dateText(o.to) : '今'}` },
          ]}
        />
      )}
    </Card>
  );
}
