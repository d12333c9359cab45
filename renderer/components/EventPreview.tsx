/**
 * What recording an event would do, shown before it is saved: the tier now → after, the tier
 * changes it causes, and the re-assessments it makes due (now, and within the following year:
 * R18.6 falls due a year after an upgrade, R18.7 six months after a stop). Asks `units.preview`,
 * which writes nothing.
 */
import { Alert, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { CaseEvent } from '../../src/engine/timeline';
import type { HandlerResult } from '../../src/services/dispatch';
import { call } from '../api';
import { TierTag, errorText } from '../ui';
import { DUE_CLAUSE_TEXT, TIER_CLAUSE_TEXT } from '../../src/tables/describe';

type Preview = HandlerResult<'units.preview'>;
type Due = Preview['after']['due'][number];
type Hist = Preview['after']['history'][number];

export type PreviewEvent = CaseEvent;

const key = (d: { clause: string; due?: string; date?: string; source: string }) => `${d.clause}|${d.due ?? d.date}|${d.source}`;

interface Shown {
  before: Preview['before'];
  after: Preview['after'];
  changes: Hist[];
  due: Due[];
}

export function EventPreview({ unitId, event, empty }: { unitId: string; event: PreviewEvent | null; empty?: string }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const json = event === null ? '' : JSON.stringify(event);
  useEffect(() => {
    if (json === '') {
      setShown(null);
      setError(null);
      return;
    }
    let live = true;
    setLoading(true);
    const e = JSON.parse(json) as PreviewEvent;
    const later = dayjs(e.date).add(1, 'year').add(1, 'day').format('YYYY-MM-DD');
    const t = setTimeout(() => {
      Promise.all([call('units.preview', { unitId, event: e }), call('units.preview', { unitId, event: e, on: later })]).then(
        ([now, next]) => {
          if (!live) return;
          const beforeHist = new Set(now.before.history.map(key));
          const changes = now.after.history.filter((h) => !beforeHist.has(key(h)));
          const seen = new Set([...now.before.due, ...next.before.due].map(key));
          const due: Due[] = [];
          for (const d of [...now.after.due, ...next.after.due]) {
            if (seen.has(key(d))) continue;
            seen.add(key(d));
            due.push(d);
          }
          setShown({ before: now.before, after: now.after, changes, due });
          setError(null);
          setLoading(false);
        },
        (err: unknown) => {
          if (!live) return;
          setError(errorText(err));
          setShown(null);
          setLoading(false);
        },
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [unitId, json]);

  if (json === '') return <Alert type="info" showIcon title="记录前预览" description={empty ?? '填写后即显示对风险等级和待办事项的影响。'} />;
  if (error) return <Alert type="error" showIcon title="无法预览" description={error} />;
  if (!shown) return <Spin />;
  const { before, after, changes, due } = shown;
  const same = before.tier === after.tier;
  return (
    <div data-testid="event-preview" style={{ border: '1px solid #e6f4ff', background: '#f7fbff', borderRadius: 8, padding: 12, opacity: loading ? 0.6 : 1 }}>
      <Typography.Text strong>记录前预览（尚未保存）</Typography.Text>
      <div style={{ fontSize: 16, margin: '8px 0' }} data-testid="preview-tiers">
        当前 <TierTag tier={before.tier} /> → 记录后 <TierTag tier={after.tier} />
        {same && <Typography.Text type="secondary">（等级不变）</Typography.Text>}
      </div>
      {changes.map((h) => (
        <div key={key(h)} style={{ fontSize: 13 }}>
          <Tag color="red">{h.clause}</Tag>
          {h.date} 起为 {h.tier} 级：{TIER_CLAUSE_TEXT[h.clause] ?? h.clause}
        </div>
      ))}
      {changes.length === 0 && after.tier === null && <Typography.Text type="secondary">本单位尚未评估定级：事件先记入档案，首次评估时应予考虑（R17）。</Typography.Text>}
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">新增待办：</Typography.Text>
        {due.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Space orientation="vertical" size={2} style={{ display: 'flex' }}>
            {due.map((d) => (
              <div key={key(d)} style={{ fontSize: 13 }}>
                <Tag color="orange">{d.clause}</Tag>
                {DUE_CLAUSE_TEXT[d.clause] ?? d.clause}，{d.due} 到期
              </div>
            ))}
          </Space>
        )}
      </div>
    </div>
  );
}
