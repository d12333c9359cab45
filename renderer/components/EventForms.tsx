/**
 * The forms of dynamic rating (R18): accidents, the blacklist, supervision inspections with the
 * major accident hazards they found, standardisation grades, advanced equipment, stop/resume,
 * surroundings and rules changes. Each shows its effect before saving (`EventPreview`).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { INSPECTION_KINDS } from '../../src/api/contract';
import { STANDARDIZATION_GRADES, type KindId, type StandardizationGrade } from '../../src/domain/rules';
import { call } from '../api';
import { useApp } from '../store';
import { errorText } from '../ui';
import { EventPreview, type PreviewEvent } from './EventPreview';

export type FormKind = 'accident' | 'blacklist' | 'inspection' | 'standardization' | 'equipment' | 'stop' | 'surroundings' | 'rules';

export const FORM_NAMES: Record<FormKind, string> = {
  accident: '生产安全事故',
  blacklist: '列入黑名单',
  inspection: '监督检查',
  standardization: '标准化等级',
  equipment: '先进技术装备',
  stop: '停产/复产',
  surroundings: '周边环境变化',
  rules: '法规标准变化',
};

const FORM_HELP: Record<FormKind, string> = {
  accident: '发生亡人事故的，直接升为D级（R18.1）；未亡人的，应重新评估（R18.8）。',
  blacklist: '被列入安全生产“黑名单”的，直接升为D级（R18.1）。',
  inspection: '执法检查、专项检查在一个自然年度内累计发现2条重大事故隐患的升1级，3条再升1级，4条及以上为D级（R18.2、R18.3）；日常检查发现的隐患不计入。重大事故隐患须按期整改销号，否则下次评估直接判定D级（R17.3）。',
  standardization: '首次取得安全生产标准化等级或等级提升的，应重新评分定级（R18.4）。',
  equipment: '引进机械化、信息化、自动化、智能化装备的，应重新评分定级（R18.5）。',
  stop: '露天矿山停产6个月及以上的，应重新评估（R18.7）；6个月内复产的不再需要。',
  surroundings: '周边环境发生明显变化的，应重新评估（R18.9）。',
  rules: '法律法规、标准发生重大变化的，应重新评估（R18.10）。评分表发布新版本时系统自动计入。',
};

interface Hazard {
  description: string;
  rectifyBy: string | null;
}

const today = (): string => dayjs().format('YYYY-MM-DD');

export function EventForms({ unitId, kind }: { unitId: string; kind: KindId }) {
  const [form, setForm] = useState<FormKind>('accident');
  return (
    <div>
      <Radio.Group
        value={form}
        onChange={(e) => setForm(e.target.value as FormKind)}
        optionType="button"
        buttonStyle="solid"
        style={{ display: 'flex', flexWrap: 'wrap', rowGap: 6, marginBottom: 12 }}
        options={(Object.keys(FORM_NAMES) as FormKind[]).map((k) => ({ value: k, label: FORM_NAMES[k] }))}
        aria-label="事件类型"
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {FORM_HELP[form]}
      </Typography.Paragraph>
      {form === 'stop' && kind !== 'openpit' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="R18.7 只适用于露天矿山；本单位停复产只记入档案（地下矿山停产停建超过6个月的，评估时直接判定D级，R17.6）。" />}
      {form === 'inspection' ? <InspectionForm key="inspection" unitId={unitId} /> : <EventForm key={form} unitId={unitId} form={form} />}
    </div>
  );
}

function DateField({ value, onChange, label }: { value: string; onChange: (d: string) => void; label: string }) {
  return (
    <Form.Item label={label} required>
      <DatePicker allowClear={false} format="YYYY-MM-DD" value={dayjs(value)} onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))} aria-label={label} />
    </Form.Item>
  );
}

/** Every form but the inspection: one event. */
function EventForm({ unitId, form }: { unitId: string; form: Exclude<FormKind, 'inspection'> }) {
  const { message } = AntApp.useApp();
  const changed = useApp((s) => s.changed);
  const [date, setDate] = useState(today());
  const [fatal, setFatal] = useState<boolean | null>(null);
  const [grade, setGrade] = useState<StandardizationGrade | null>(null);
  const [stop, setStop] = useState<'stopped' | 'resumed'>('stopped');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  let event: PreviewEvent | null = null;
  let missing = '';
  switch (form) {
    case 'accident':
      if (fatal === null) missing = '请选择事故是否造成人员死亡。';
      else event = { date, type: fatal ? 'fatal-accident' : 'nonfatal-accident' };
      break;
    case 'blacklist':
      event = { date, type: 'blacklist' };
      break;
    case 'standardization':
      if (grade === null) missing = '请选择取得的标准化等级。';
      else event = { date, type: 'standardization', grade };
      break;
    case 'equipment':
      event = { date, type: 'advanced-equipment' };
      break;
    case 'stop':
      event = { date, type: stop };
      break;
    case 'surroundings':
      event = { date, type: 'surroundings-changed' };
      break;
    case 'rules':
      event = { date, type: 'rules-changed' };
      break;
  }

  const save = async () => {
    if (!event) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('events.record', { unitId, event, note });
      message.success(`已记录。现行等级：${r.timeline.tier ?? '未定级'}${r.timeline.tier ? '级' : ''}`);
      setNote('');
      setFatal(null);
      setGrade(null);
      changed();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" disabled={busy}>
      <DateField label={form === 'accident' ? '事故发生日期' : form === 'blacklist' ? '列入日期' : form === 'stop' ? (stop === 'stopped' ? '停产日期' : '复产日期') : '日期'} value={date} onChange={setDate} />
      {form === 'accident' && (
        <Form.Item label="事故后果" required>
          <Radio.Group value={fatal} onChange={(e) => setFatal(e.target.value as boolean)}>
            <Radio value={true}>造成人员死亡（亡人事故，R18.1）</Radio>
            <Radio value={false}>未造成人员死亡（R18.8）</Radio>
          </Radio.Group>
        </Form.Item>
      )}
      {form === 'standardization' && (
        <Form.Item label="安全生产标准化等级" required>
          <Radio.Group value={grade} onChange={(e) => setGrade(e.target.value as StandardizationGrade)} optionType="button" options={[...STANDARDIZATION_GRADES].reverse().map((g) => ({ value: g, label: g }))} />
        </Form.Item>
      )}
      {form === 'stop' && (
        <Form.Item label="停产或复产" required>
          <Radio.Group value={stop} onChange={(e) => setStop(e.target.value as 'stopped' | 'resumed')} optionType="button" options={[{ value: 'stopped', label: '停产' }, { value: 'resumed', label: '复产' }]} />
        </Form.Item>
      )}
      <Form.Item label="说明">
        <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="文号、事故简况、来源等（记入档案）" />
      </Form.Item>
      <div style={{ marginBottom: 12 }}>
        <EventPreview unitId={unitId} event={event} empty={missing || undefined} />
      </div>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="未能保存" description={error} />}
      <Button type="primary" onClick={() => void save()} loading={busy} disabled={!event} data-testid="event-save">
        保存
      </Button>
    </Form>
  );
}

/** 监督检查: date, kind, inspectors, findings, and the major accident hazards found. */
function InspectionForm({ unitId }: { unitId: string }) {
  const { message } = AntApp.useApp();
  const changed = useApp((s) => s.changed);
  const [date, setDate] = useState(today());
  const [kind, setKind] = useState<(typeof INSPECTION_KINDS)[number]>('执法检查');
  const [inspectors, setInspectors] = useState<string[]>([]);
  const [findings, setFindings] = useState('');
  const [hazards, setHazards] = useState<Hazard[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const filled = hazards.filter((h) => h.description.trim() !== '');
  const counts = kind !== '日常检查' && filled.length > 0;
  const event: PreviewEvent | null = counts ? { date, type: 'major-hazard', count: filled.length } : null;
  const setHazard = (i: number, h: Partial<Hazard>) => setHazards((list) => list.map((x, j) => (j === i ? { ...x, ...h } : x)));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('inspections.record', {
        unitId,
        date,
        kind,
        inspectors,
        findings,
        hazards: filled.map((h) => ({ description: h.description.trim(), ...(h.rectifyBy ? { rectifyBy: h.rectifyBy } : {}) })),
      });
      message.success(`检查已记录${r.eventSeq !== null ? `，${filled.length} 条重大事故隐患计入本年度（R18.2–3）` : ''}。现行等级：${r.timeline.tier ?? '未定级'}${r.timeline.tier ? '级' : ''}`);
      setFindings('');
      setHazards([]);
      changed();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" disabled={busy}>
      <Space size={16} wrap align="start">
        <DateField label="检查日期" value={date} onChange={setDate} />
        <Form.Item label="检查类型" required>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as (typeof INSPECTION_KINDS)[number])} optionType="button" options={INSPECTION_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
      </Space>
      <Form.Item label="检查人员" required validateStatus={inspectors.length === 0 ? 'warning' : ''} help={inspectors.length === 0 ? '至少一名，输入姓名后回车' : undefined}>
        <Select mode="tags" open={false} suffixIcon={null} value={inspectors} onChange={(v: string[]) => setInspectors(v.map((x) => x.trim()).filter(Boolean))} tokenSeparators={[',', '，', '、']} placeholder="输入姓名后回车" aria-label="检查人员" />
      </Form.Item>
      <Form.Item label="检查情况">
        <Input.TextArea rows={2} value={findings} onChange={(e) => setFindings(e.target.value)} placeholder="检查发现的主要问题、处理意见" />
      </Form.Item>
      <Form.Item label={`发现的重大事故隐患（${filled.length} 条）`}>
        {hazards.map((h, i) => (
          <Space key={i} style={{ display: 'flex', marginBottom: 6 }} align="start">
            <Input style={{ width: 380 }} value={h.description} onChange={(e) => setHazard(i, { description: e.target.value })} placeholder={`第 ${i + 1} 条隐患描述`} aria-label={`隐患${i + 1}描述`} />
            <DatePicker placeholder="整改期限" format="YYYY-MM-DD" value={h.rectifyBy ? dayjs(h.rectifyBy) : null} onChange={(d) => setHazard(i, { rectifyBy: d ? d.format('YYYY-MM-DD') : null })} aria-label={`隐患${i + 1}整改期限`} />
            <Button icon={<DeleteOutlined />} onClick={() => setHazards((list) => list.filter((_, j) => j !== i))} aria-label="删除隐患" />
          </Space>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setHazards((list) => [...list, { description: '', rectifyBy: null }])}>
          添加重大事故隐患
        </Button>
      </Form.Item>
      <div style={{ marginBottom: 12 }}>
        <EventPreview
          unitId={unitId}
          event={event}
          empty={filled.length > 0 && kind === '日常检查' ? '日常检查发现的隐患不计入 R18.2–3 的年度累计，不改变风险等级；隐患仍须整改销号（R17.3）。' : '没有发现重大事故隐患的检查不改变风险等级。'}
        />
      </div>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="未能保存" description={error} />}
      <Button type="primary" onClick={() => void save()} loading={busy} disabled={inspectors.length === 0} data-testid="event-save">
        保存
      </Button>
    </Form>
  );
}
