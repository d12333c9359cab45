/** The live score: initial score, every dimension raw/applied with caps, score, tiers, and why. */
import { Alert, Card, Divider, Table, Tabs, Tag, Typography } from 'antd';
import { DIRECT_D_CLAUSES } from '../../src/domain/rules';
import type { GradeResult } from '../../src/engine/grade';
import type { WhatIf } from '../../src/engine/whatif';
import type { KindTable } from '../../src/tables/schema';
import { TierTag } from '../ui';
import { ScoreWhatIf } from './ScoreWhatIf';
import { num, verb } from '../../src/tables/describe';

export const PROVISIONAL = '参考分值，非正式评分标准';

export interface ScorePanelProps {
  result: GradeResult;
  kindTable: KindTable;
  whatIf: WhatIf | null;
  /** Names of items with no answer, by dimension. */
  unanswered: { dim: string; names: string[] }[];
  /** Item ids whose typed answer is not valid yet (not counted). */
  invalid: string[];
  /** 实时得分 while editing; 评估得分 for a confirmed assessment. */
  title?: string;
}

export function ScorePanel({ result: r, kindTable, whatIf, unanswered, invalid, title = '实时得分' }: ScorePanelProps) {
  const lowered = r.initialConditions.length > 0;
  const nUnanswered = unanswered.reduce((s, u) => s + u.names.length, 0);
  const formula = [
    `初始分 ${num(r.initialScore)}`,
    ...r.dimensions.map((d) => `${d.effect === 'add' ? '+' : '−'} ${d.name} ${num(d.applied)}`),
    `= ${num(r.score)}`,
  ].join(' ');
  return (
    <Card size="small" title={title} data-testid="score-panel" styles={{ body: { paddingTop: 8 } }}>
      {!r.official && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={PROVISIONAL} />}
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 4 }}>
        <div>
          <div style={{ fontSize: 12, color: '#888' }}>得分</div>
          <div data-testid="score-value" style={{ fontSize: 34, fontWeight: 700, lineHeight: 1.1 }}>
            {num(r.score)}
          </div>
        </div>
        <div>
          <div style={{ fontSize: 12, color: '#888' }}>得分等级</div>
          <TierTag tier={r.scoreTier} />
        </div>
        <div style={{ flex: 1, textAlign: 'right' }}>
          <div style={{ fontSize: 12, color: '#888' }}>评估等级</div>
          <span data-testid="final-tier" style={{ display: 'inline-block', transform: 'scale(1.5)', transformOrigin: 'right center' }}>
            <TierTag tier={r.tier} long />
          </span>
        </div>
      </div>
      {r.directD.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ margin: '8px 0' }}
          title={`直接判定D级（${r.directD.join('、')}）`}
          description={`${r.directD.map((c) => DIRECT_D_CLAUSES[c].label).join('；')}。得分照常计算并保留（D4），等级为D级（R17）。`}
        />
      )}
      <Typography.Paragraph style={{ fontSize: 12, margin: '4px 0' }} type="secondary">
        初始分 {num(r.initialScore)} 分
        {lowered
          ? `（满足初始分条件：${r.initialConditions.map((id) => kindTable.initialScore.conditions.find((c) => c.id === id)?.label ?? id).join('、')}，降为 ${num(kindTable.initialScore.lowered)} 分；多项条件不累计，D5）`
          : '（不满足任何降低初始分的条件）'}
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={r.dimensions}
        columns={[
          { title: '方面', dataIndex: 'name' },
          { title: '满分', dataIndex: 'max', align: 'right', render: (x: number) => num(x) },
          { title: '各项合计', dataIndex: 'raw', align: 'right', render: (x: number) => num(x) },
          {
            title: '计入',
            key: 'applied',
            align: 'right',
            render: (_: unknown, d: GradeResult['dimensions'][number]) => (
              <span>
                {d.applied === 0 ? '' : d.effect === 'add' ? '+' : '−'}
                {num(d.applied)}
                {d.capped && (
                  <Tag color="purple" style={{ marginLeft: 4, marginRight: 0 }}>
                    封顶
                  </Tag>
                )}
              </span>
            ),
          },
        ]}
      />
      <Typography.Paragraph style={{ fontSize: 12, margin: '6px 0 0' }}>{formula}</Typography.Paragraph>
      {(nUnanswered > 0 || invalid.length > 0) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`${nUnanswered} 项未填写，按0分计${invalid.length > 0 ? `；${invalid.length} 项填写不完整，暂不计分` : ''}`}
        />
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Tabs
        size="small"
        items={[
          { key: 'why', label: '逐项说明', children: <Explanation r={r} /> },
          { key: 'whatif', label: '假如整改', children: whatIf ? <ScoreWhatIf w={whatIf} /> : null },
          {
            key: 'todo',
            label: `未填项目（${nUnanswered}）`,
            children:
              nUnanswered === 0 ? (
                <Typography.Text type="secondary">全部项目已填写。</Typography.Text>
              ) : (
                unanswered
                  .filter((u) => u.names.length > 0)
                  .map((u) => (
                    <Typography.Paragraph key={u.dim} style={{ fontSize: 12, marginBottom: 4 }}>
                      <b>{u.dim}</b>：{u.names.join('、')}
                    </Typography.Paragraph>
                  ))
              ),
          },
        ]}
      />
    </Card>
  );
}

/** Which items cost (or earned) what, and which caps cut. */
function Explanation({ r }: { r: GradeResult }) {
  const lines = r.dimensions.filter((d) => d.raw > 0);
  if (lines.length === 0) return <Typography.Text type="secondary">目前没有扣分或加分的项目。</Typography.Text>;
  return (
    <div data-testid="explanation" style={{ fontSize: 12 }}>
      {lines.map((d) => {
        const v = verb(d);
        return (
          <div key={d.id} style={{ marginBottom: 8 }}>
            <div>
              <b>{d.name}</b>：{v}
              {num(d.applied)}分
              {d.capped && (
                <Typography.Text type="warning">
                  （各项合计{num(d.raw)}分，超过本方面满分{num(d.max)}分，按{num(d.max)}分计——{d.effect === 'add' ? '加满为止' : '扣完为止'}）
                </Typography.Text>
              )}
            </div>
            {d.items
              .filter((i) => i.points > 0)
              .map((i) => (
                <div key={i.id} style={{ paddingLeft: 12, color: '#555' }}>
                  · {i.name}：{v}
                  {num(i.points)}分
                  {i.capped && <Typography.Text type="warning">（原计{num(i.raw)}分，按本项满分{num(i.max)}分封顶）</Typography.Text>}
                </div>
              ))}
          </div>
        );
      })}
    </div>
  );
}
