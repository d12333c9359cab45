/**
 * 事件与检查: dynamic rating of one unit (R18, D2, D3, D9). Forms for every kind of event, each
 * showing before saving what it does to the tier and to what is due (`units.preview`); the unit's
 * events (void a mistaken one with a reason) and inspections with their major accident hazards,
 * rectification and closing (R17.3). City-assessed units are read-only here (D11).
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Tag, Typography } from 'antd';
import type { HandlerResult } from '../../src/services/dispatch';
import { call } from '../api';
import { EventForms } from '../components/EventForms';
import { EventList, InspectionList } from '../components/EventLists';
import { DUE_CLAUSE_TEXT, TIER_CLAUSE_TEXT } from '../../src/tables/describe';
import { useApp } from '../store';
import { Loaded, TierTag, kindName, useLoad } from '../ui';

type UnitInfo = HandlerResult<'units.get'>;

export function Events({ unitId }: { unitId: string }) {
  const state = useLoad(() => call('units.get', { id: unitId }), [unitId]);
  return <Loaded state={state}>{(info) => <EventsBody info={info} />}</Loaded>;
}

function EventsBody({ info }: { info: UnitInfo }) {
  const go = useApp((s) => s.go);
  const u = info.unit;
  const t = info.timeline;
  const last = t.history[t.history.length - 1];
  const hazardFlags = info.flags.filter((f) => f.code === 'R17.3' || f.code === 'R17.1' || f.code === 'R17.8');
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 16, flexWrap: 'wrap' }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => go('unit', { id: u.id })}>
          单位详情
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          事件与检查：{u.name}
        </Typography.Title>
        <Tag>{u.id}</Tag>
        <Tag color="geekblue">{kindName(u.kind)}</Tag>
        <span data-testid="current-tier">
          现行等级 <TierTag tier={t.tier} long />
        </span>
        {last && (
          <Typography.Text type="secondary">
            {last.date} {last.clause}：{TIER_CLAUSE_TEXT[last.clause] ?? ''}
          </Typography.Text>
        )}
        <span style={{ flex: 1 }} />
        {u.kind !== 'concentrator' && u.kind !== 'other' && <Button onClick={() => go('score', { id: u.id })}>评分</Button>}
      </div>
      {info.readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本单位由「${info.origin}」评定，本机只读（D11）`}
          description="市级评定的单位，其事件、检查和等级以市局数据包为准，本机不能记录或作废。"
        />
      )}
      {u.kind === 'concentrator' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="选矿厂的等级随配套尾矿库（R19）" description={`影响等级的事故和重大事故隐患请记在尾矿库 ${u.pondId ?? '（未填写）'} 上；这里的记录只进入本单位档案。`} />
      )}
      {hazardFlags.map((f) => (
        <Alert key={f.code} type="error" showIcon style={{ marginBottom: 12 }} title={f.message} />
      ))}
      <Row gutter={16} align="top">
        <Col xs={24} xl={12}>
          {!info.readOnly && (
            <Card size="small" title="记录事件" style={{ marginBottom: 16 }}>
              <EventForms unitId={u.id} kind={u.kind} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="待办的重新评估（R18.4–R18.10）" style={{ marginBottom: 16 }} data-testid="due-list">
            {t.due.length === 0 ? (
              <Typography.Text type="secondary">目前没有到期的重新评估。</Typography.Text>
            ) : (
              t.due.map((d) => (
                <div key={`${d.clause}-${d.due}-${d.source}`} style={{ padding: '2px 0' }}>
                  <Tag color="orange">{d.clause}</Tag>
                  {DUE_CLAUSE_TEXT[d.clause] ?? d.clause}，{d.due} 到期
                </div>
              ))
            )}
          </Card>
          <Card size="small" title="事件记录" style={{ marginBottom: 16 }}>
            <EventList info={info} locked={info.readOnly} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="监督检查与重大事故隐患">
        <InspectionList info={info} locked={info.readOnly} />
      </Card>
    </div>
  );
}
