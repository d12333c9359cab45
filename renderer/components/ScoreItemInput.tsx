/** One item of the score sheet: its name, standard in words, and an input that fits its rule type. */
import { Button, Checkbox, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import type { ItemResult } from '../../src/engine/grade';
import type { Dimension, Item } from '../../src/tables/schema';
import { bandIndex, bandRange, num, standardText, verb } from '../../src/tables/describe';

/** What the form holds for an item (may be incomplete: a manual item without its note). */
export type DraftAnswer = string | string[] | number | boolean | { points: number | null; note: string };

export interface ScoreItemProps {
  item: Item;
  dim: Dimension;
  value: DraftAnswer | undefined;
  onChange: (v: DraftAnswer | undefined) => void;
  result: ItemResult | undefined;
  /** Why the current answer is not valid (shown under the input), or null. */
  problem: string | null;
  disabled: boolean;
}

export function ScoreItemInput({ item, dim, value, onChange, result, problem, disabled }: ScoreItemProps) {
  const v = verb(dim);
  const pts = result?.answered ? result.points : null;
  const pointsTag =
    pts === null ? (
      <Tag color="orange">未填写</Tag>
    ) : pts > 0 ? (
      <Tag color={dim.effect === 'add' ? 'green' : 'red'}>
        {v}
        {num(pts)}分{result?.capped ? `（原计${num(result.raw)}分，封顶）` : ''}
      </Tag>
    ) : (
      <Tag>{v}0分</Tag>
    );
  return (
    <div data-item={item.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
        <Typography.Text strong>{item.name}</Typography.Text>
        <Typography.Text type="secondary">（本项{num(item.max)}分）</Typography.Text>
        {item.clause && <Tag variant="filled">{item.clause}</Tag>}
        <span style={{ flex: 1 }} />
        {pointsTag}
        {!disabled && value !== undefined && (
          <Button size="small" type="link" onClick={() => onChange(undefined)}>
            清除
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 6px' }}>
        评分标准：{standardText(item, dim)}
      </Typography.Paragraph>
      <AnswerInput item={item} verbText={v} value={value} onChange={onChange} disabled={disabled} />
      {problem && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {problem}
        </Typography.Text>
      )}
    </div>
  );
}

function AnswerInput({ item, verbText: v, value, onChange, disabled }: { item: Item; verbText: string; value: DraftAnswer | undefined; onChange: (v: DraftAnswer | undefined) => void; disabled: boolean }) {
  const r = item.rule;
  switch (r.type) {
    case 'choice':
      if (r.options.length > 6) {
        return (
          <Select
            style={{ width: '100%' }}
            disabled={disabled}
            placeholder="请选择"
            value={typeof value === 'string' ? value : undefined}
            onChange={(x: string) => onChange(x)}
            options={r.options.map((o) => ({ value: o.id, label: `${o.label}（${v}${num(o.points)}分）` }))}
          />
        );
      }
      return (
        <Radio.Group disabled={disabled} value={typeof value === 'string' ? value : undefined} onChange={(e) => onChange(e.target.value as string)}>
          <Space wrap size={[12, 4]}>
            {r.options.map((o) => (
              <Radio key={o.id} value={o.id}>
                {o.label}
                <Typography.Text type="secondary">（{v}{num(o.points)}分）</Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      );
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div>
          <Checkbox.Group disabled={disabled} value={chosen} onChange={(ids) => onChange(r.options.map((o) => o.id).filter((id) => (ids as string[]).includes(id)))} style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            {r.options.map((o) => (
              <Checkbox key={o.id} value={o.id}>
                {o.label}
                <Typography.Text type="secondary">（{v}{num(o.points)}分）</Typography.Text>
              </Checkbox>
            ))}
          </Checkbox.Group>
          {!disabled && (
            <Button size="small" type={Array.isArray(value) && value.length === 0 ? 'primary' : 'default'} ghost={Array.isArray(value) && value.length === 0} style={{ marginTop: 4 }} onClick={() => onChange([])}>
              均无（{v}0分）
            </Button>
          )}
        </div>
      );
    }
    case 'count':
      return (
        <Space>
          <InputNumber
            disabled={disabled}
            min={0}
            precision={0}
            step={1}
            value={typeof value === 'number' ? value : null}
            onChange={(x) => onChange(typeof x === 'number' ? Math.max(0, Math.trunc(x)) : undefined)}
            suffix={r.unit ?? '处'}
            style={{ width: 140 }}
            aria-label={item.name}
          />
          <Typography.Text type="secondary">
            每{r.unit ?? '处'}{v}{num(r.per)}分
          </Typography.Text>
        </Space>
      );
    case 'check':
      return (
        <Radio.Group disabled={disabled} value={typeof value === 'boolean' ? value : undefined} onChange={(e) => onChange(e.target.value as boolean)} optionType="button" buttonStyle="solid">
          <Radio value={false}>否（{v}0分）</Radio>
          <Radio value={true}>
            是（{v}{num(r.points)}分）
          </Radio>
        </Radio.Group>
      );
    case 'bands': {
      const n = typeof value === 'number' ? value : null;
      const i = n === null ? -1 : bandIndex(item, n);
      return (
        <Space wrap>
          <InputNumber disabled={disabled} value={n} onChange={(x) => onChange(typeof x === 'number' ? x : undefined)} suffix={r.unit} style={{ width: 160 }} aria-label={item.name} />
          {n !== null && i >= 0 && (
            <Typography.Text>
              适用档：{bandRange(item, i)}，{v}
              {num(r.bands[i]?.points ?? 0)}分
            </Typography.Text>
          )}
        </Space>
      );
    }
    case 'manual': {
      const m = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { points: null, note: '' };
      return (
        <Space wrap align="start">
          <InputNumber
            disabled={disabled}
            min={0}
            max={item.max}
            value={m.points}
            onChange={(x) => onChange({ points: typeof x === 'number' ? x : null, note: m.note })}
            suffix="分"
            placeholder={`0–${num(item.max)}`}
            style={{ width: 120 }}
            aria-label={`${item.name}分值`}
          />
          <Input
            disabled={disabled}
            value={m.note}
            onChange={(e) => onChange({ points: m.points, note: e.target.value })}
            placeholder="评分理由（必填）"
            status={m.points !== null && m.note.trim() === '' ? 'error' : ''}
            style={{ width: 360 }}
          />
        </Space>
      );
    }
  }
  return null;
}
