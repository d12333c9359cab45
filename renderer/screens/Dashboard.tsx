/**
 * 工作台: units by tier and kind, re-assessments due (R18.4–10), C/D units whose inspection for the
 * period is not yet recorded (R20, D10), licences expiring, units with no 包保责任人 (R22), and
 * the calendar duties of the notice (N2). Everything from `dashboard.get`.
 */
import { Card, Col, Empty, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { chineseDate } from '../../src/domain/dates';
import { TIER_NAMES, type Tier } from '../../src/domain/rules';
import type { HandlerResult } from '../../src/services/dispatch';
import { call } from '../api';
import { DashboardChart } from '../components/DashboardChart';
import { dateText, dueWords, periodWords } from '../components/UnitClauses';
import { useApp } from '../store';
import { Loaded, TIER_COLORS, TierTag, useLoad } from '../ui';

type Data = HandlerResult<'dashboard.get'>;

/** ISO dates inside a server message, written 2024年3月20日. */
const withChineseDates = (s: string) => s.replace(/\d{4}-\d{2}-\d{2}/g, (d) => chineseDate(d));

function UnitLink({ id, name }: { id: string; name: string }) {
  const go = useApp((s) => s.go);
  return (
    <Typography.Link onClick={() => go('unit', { id })}>
      {name}
      <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
        {id}
      </Typography.Text>
    </Typography.Link>
  );
}

function Section({ title, count, children, extra }: { title: string; count?: number; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card
      size="small"
      title={
        <span>
          {title}
          {count !== undefined && (
            <Tag style={{ marginLeft: 8 }} color={count > 0 ? 'orange' : undefined}>
              {count}
            </Tag>
          )}
        </span>
      }
      extra={extra}
      style={{ height: '100%' }}
      styles={{ body: { padding: 0 } }}
    >
      {children}
    </Card>
  );
}

const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ margin: '16px 0' }} />;

export function Dashboard() {
  const state = useLoad(() => call('dashboard.get', {}), []);
  return <Loaded state={state}>{(d) => <DashboardView d={d} />}</Loaded>;
}

function DashboardView({ d }: { d: Data }) {
  const daysTo = (date: string) => dayjs(date).diff(dayjs(d.on), 'day');
  const tiers: (Tier | 'none')[] = ['D', 'C', 'B', 'A', 'none'];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          工作台
        </Typography.Title>
        <Typography.Text type="secondary">截至 {chineseDate(d.on)}</Typography.Text>
      </div>

      <Row gutter={[12, 12]} data-testid="tier-stats">
        <Col flex="1 1 0">
          <Card size="small">
            <Statistic title="单位总数" value={d.total} suffix="个" />
          </Card>
        </Col>
        {tiers.map((t) => (
          <Col flex="1 1 0" key={t}>
            <Card size="small" style={{ borderTop: `3px solid ${t === 'none' ? '#BFBFBF' : TIER_COLORS[t]}` }}>
              <Statistic
                title={t === 'none' ? '未定级' : `${t}级 ${TIER_NAMES[t]}`}
                value={d.byTier[t] ?? 0}
                suffix="个"
                styles={{ content: { color: t === 'none' ? '#595959' : TIER_COLORS[t], fontWeight: 600 } }}
              />
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[12, 12]}>
        <Col span={15}>
          <Card size="small" title="各类型单位风险等级分布">
            {d.total === 0 ? empty('台账中还没有单位') : <DashboardChart byKind={d.byKind} />}
          </Card>
        </Col>
        <Col span={9}>
          <Section title="工作日历（N2）">
            <List
              size="small"
              dataSource={d.calendar}
              renderItem={(c) => {
                const n = daysTo(c.date);
                return (
                  <List.Item>
                    <div>
                      <div>
                        <Typography.Text strong>{chineseDate(c.date)}</Typography.Text>
                        <Tag style={{ marginLeft: 8 }} color={n <= 30 ? 'red' : n <= 90 ? 'orange' : undefined}>
                          {n === 0 ? '今天' : `还有 ${n} 天`}
                        </Tag>
                      </div>
                      <Typography.Text type="secondary">{c.duty}</Typography.Text>
                    </div>
                  </List.Item>
                );
              }}
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 12px 12px' }}>
              按 R20：D级单位每季度至少检查一次，C级单位每半年至少检查一次；A、B级单位随机抽查。
            </Typography.Paragraph>
          </Section>
        </Col>
      </Row>

      <Row gutter={[12, 12]}>
        <Col span={12}>
          <Section title="应重新评估（R18.4–R18.10）" count={d.due.length}>
            <Table
              size="small"
              rowKey={(r) => `${r.unit}-${r.clause}-${r.due}`}
              dataSource={d.due}
              pagination={d.due.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
              locale={{ emptyText: empty('没有到期的重新评估') }}
              columns={[
                { title: '单位', key: 'unit', width: 200, render: (_, r) => <UnitLink id={r.unit} name={r.name} /> },
                {
                  title: '事由',
                  dataIndex: 'clause',
                  render: (c: string) => (
                    <span>
                      <Tag>{c}</Tag>
                      {dueWords(c)}
                    </span>
                  ),
                },
                {
                  title: '应于',
                  dataIndex: 'due',
                  width: 150,
                  render: (v: string) => (
                    <span>
                      {dateText(v)}
                      {v < d.on && (
                        <Tag color="red" style={{ marginLeft: 4 }}>
                          已到期
                        </Tag>
                      )}
                    </span>
                  ),
                },
              ]}
            />
          </Section>
        </Col>
        <Col span={12}>
          <Section title="本期尚未记录检查的C、D级单位（R20）" count={d.inspectionsMissing.length}>
            <Table
              size="small"
              rowKey={(r) => r.unit}
              dataSource={d.inspectionsMissing}
              pagination={d.inspectionsMissing.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
              locale={{ emptyText: empty('本期C、D级单位的检查均已记录') }}
              columns={[
                { title: '单位', key: 'unit', render: (_, r) => <UnitLink id={r.unit} name={r.name} /> },
                { title: '等级', dataIndex: 'tier', width: 70, render: (t: Tier) => <TierTag tier={t} /> },
                {
                  title: '检查周期',
                  dataIndex: 'period',
                  width: 230,
                  render: (p: string, r) => (
                    <span>
                      {periodWords(p)}
                      <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                        {r.tier === 'D' ? '每季度' : '每半年'}至少一次
                      </Typography.Text>
                    </span>
                  ),
                },
              ]}
            />
          </Section>
        </Col>
      </Row>

      <Row gutter={[12, 12]}>
        <Col span={12}>
          <Section title="证照到期提醒（90天内及已过期）" count={d.licences.length}>
            <Table
              size="small"
              rowKey={(r) => `${r.unit}-${r.message}`}
              dataSource={d.licences}
              pagination={d.licences.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
              locale={{ emptyText: empty('没有90天内到期或已过期的证照') }}
              columns={[
                { title: '单位', key: 'unit', render: (_, r) => <UnitLink id={r.unit} name={r.name} /> },
                {
                  title: '情况',
                  dataIndex: 'message',
                  render: (m: string, r) => (
                    <span>
                      <Tag color={r.level === 'danger' ? 'red' : 'orange'}>{r.level === 'danger' ? '已过期' : '将到期'}</Tag>
                      {withChineseDates(m)}
                    </span>
                  ),
                },
              ]}
            />
          </Section>
        </Col>
        <Col span={12}>
          <Section title="未明确包保责任人的地下矿山、尾矿库（R22）" count={d.missingOfficial.length}>
            <Table
              size="small"
              rowKey={(r) => r.unit}
              dataSource={d.missingOfficial}
              pagination={d.missingOfficial.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
              locale={{ emptyText: empty('地下矿山、尾矿库均已明确包保责任人') }}
              columns={[{ title: '单位', key: 'unit', render: (_, r) => <UnitLink id={r.unit} name={r.name} /> }]}
            />
          </Section>
        </Col>
      </Row>
    </div>
  );
}
