/**
 * 新增 / 编辑单位: the registry record (REGISTRY.md) in groups, checked as you type with the same
 * rules and Chinese messages as the import (`checkUnit`), server problems shown on their fields,
 * and nothing typed lost when a save fails (the drawer closes only on success).
 */
import { AutoComplete, Alert, App as AntApp, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { KindId } from '../../src/domain/rules';
import {
  KIND_LABELS,
  KIND_LABEL_LIST,
  KIND_SPECIFIC_FIELDS,
  OWNERSHIPS,
  POND_GRADES,
  STANDARDIZATION_LEVELS,
  STATUSES,
  STOPPED_STATUSES,
  checkUnit,
  columnOfField,
  unitRuleProblems,
  isKindLabel,
  type UnitField,
  type UnitRecord,
} from '../../src/registry/unit';
import { ApiError, call } from '../api';
import { useApp } from '../store';
import { errorText } from '../ui';

type Widget = 'text' | 'number' | 'int' | 'date' | 'choice' | 'kind' | 'bool' | 'county' | 'pond' | 'phone';

interface FieldSpec {
  field: UnitField;
  widget: Widget;
  choices?: readonly string[];
  placeholder?: string;
  /** Half-width column (default) or the whole row. */
  wide?: boolean;
}

const GROUPS: { title: string; fields: FieldSpec[]; note?: string }[] = [
  {
    title: '基本信息',
    fields: [
      { field: 'id', widget: 'text', placeholder: '本局编号，字母、数字和“-”' },
      { field: 'kindLabel', widget: 'kind' },
      { field: 'enterprise', widget: 'text', wide: true },
      { field: 'name', widget: 'text', wide: true },
      { field: 'creditCode', widget: 'text', placeholder: '18 位，如 91141000MA0000001X' },
      { field: 'ownership', widget: 'choice', choices: OWNERSHIPS },
      { field: 'county', widget: 'county' },
      { field: 'township', widget: 'text' },
    ],
  },
  {
    title: '地址与坐标',
    fields: [
      { field: 'address', widget: 'text', wide: true },
      { field: 'lon', widget: 'number', placeholder: '73–136' },
      { field: 'lat', widget: 'number', placeholder: '3–54' },
    ],
  },
  {
    title: '生产状态',
    fields: [
      { field: 'status', widget: 'choice', choices: STATUSES },
      { field: 'stoppedOn', widget: 'date' },
      { field: 'standardization', widget: 'choice', choices: STANDARDIZATION_LEVELS },
    ],
  },
  {
    title: '负责人',
    fields: [
      { field: 'principal', widget: 'text' },
      { field: 'principalPhone', widget: 'phone' },
      { field: 'safetyLead', widget: 'text' },
      { field: 'safetyLeadPhone', widget: 'phone' },
    ],
  },
  {
    title: '证照',
    fields: [
      { field: 'miningLicence', widget: 'text' },
      { field: 'miningLicenceUntil', widget: 'date' },
      { field: 'safetyLicence', widget: 'text' },
      { field: 'safetyLicenceUntil', widget: 'date' },
      { field: 'qualification', widget: 'text' },
      { field: 'qualificationUntil', widget: 'date' },
    ],
  },
  {
    title: '分类型信息',
    fields: [
      { field: 'depth', widget: 'number' },
      { field: 'maxShiftUnderground', widget: 'int' },
      { field: 'slopeHeight', widget: 'number' },
      { field: 'pondGrade', widget: 'choice', choices: POND_GRADES },
      { field: 'damHeight', widget: 'number' },
      { field: 'storage', widget: 'number' },
      { field: 'overheadPond', widget: 'bool' },
      { field: 'pondId', widget: 'pond' },
    ],
  },
  {
    title: '包保责任人',
    note: '地下矿山和尾矿库应明确包保责任人（R21、R22）。',
    fields: [
      { field: 'officialName', widget: 'text' },
      { field: 'officialPost', widget: 'text' },
      { field: 'officialPhone', widget: 'phone' },
    ],
  },
  {
    title: '日常监管',
    note: '公告栏公示的日常监管部门和联系电话（R23）；监管部门不填时默认为本局。',
    fields: [
      { field: 'supervisor', widget: 'text' },
      { field: 'supervisorPhone', widget: 'text' },
    ],
  },
];

const DATE_FIELDS: readonly UnitField[] = ['stoppedOn', 'miningLicenceUntil', 'safetyLicenceUntil', 'qualificationUntil'];

type Values = Record<string, unknown>;

function labelOf(field: UnitField): string {
  return columnOfField(field)?.header ?? field;
}

function kindOfValues(v: Values): KindId | undefined {
  const l = v.kindLabel;
  return isKindLabel(l) ? KIND_LABELS[l] : undefined;
}

function applies(field: UnitField, kind: KindId | undefined): boolean {
  const kinds = KIND_SPECIFIC_FIELDS[field];
  return kinds === undefined || (kind !== undefined && kinds.includes(kind));
}

/** Form values → the record to check and save: blanks dropped, dates as YYYY-MM-DD, fields of other kinds left out. */
export function recordOfValues(v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined || val === null) continue;
    if (typeof val === 'string' && val.trim() === '') continue;
    if (dayjs.isDayjs(val)) out[k] = val.format('YYYY-MM-DD');
    else if (k === 'overheadPond') out[k] = val === '是' ? true : val === '否' ? false : val;
    else out[k] = val;
  }
  const kind = kindOfValues(v);
  if (kind !== undefined) out.kind = kind;
  for (const f of Object.keys(KIND_SPECIFIC_FIELDS) as UnitField[]) if (!applies(f, kind)) delete out[f];
  return out;
}

function valuesOfRecord(r: UnitRecord): Values {
  const v: Values = { ...r };
  delete v.kind;
  for (const f of DATE_FIELDS) if (typeof r[f] === 'string') v[f] = dayjs(r[f] as string);
  if (r.overheadPond !== undefined) v.overheadPond = r.overheadPond ? '是' : '否';
  return v;
}

/** Required here: the template's required columns, and the rules that tie fields together. */
function isRequired(field: UnitField, v: Values, kind: KindId | undefined): boolean {
  if (columnOfField(field)?.required) return true;
  const given = (f: string) => v[f] !== undefined && v[f] !== null && v[f] !== '';
  if (field === 'stoppedOn') return STOPPED_STATUSES.includes(v.status as UnitRecord['status']);
  if (field === 'miningLicenceUntil') return given('miningLicence');
  if (field === 'safetyLicenceUntil') return given('safetyLicence');
  if (field === 'qualificationUntil') return given('qualification');
  if (field === 'officialPost' || field === 'officialPhone') return given('officialName');
  if (field === 'pondId') return kind === 'concentrator';
  return false;
}

/** One empty list for "no bureau yet": a zustand selector must not return a new array each call (an endless re-render). */
const NO_COUNTIES: readonly string[] = [];

export interface UnitFormProps {
  open: boolean;
  /** The unit to edit; absent to create one. */
  unit?: UnitRecord;
  onClose: () => void;
  onSaved: (id: string) => void;
}

export function UnitForm({ open, unit, onClose, onSaved }: UnitFormProps) {
  const { message } = AntApp.useApp();
  const counties = useApp((s) => s.bureau?.counties ?? NO_COUNTIES);
  const [form] = Form.useForm<Values>();
  const [values, setValues] = useState<Values>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ fields: Record<string, string>; message: string | null }>({ fields: {}, message: null });
  const [busy, setBusy] = useState(false);
  const [ponds, setPonds] = useState<{ value: string; label: string }[]>([]);
  const editing = unit !== undefined;

  // a fresh form each time the drawer opens
  useEffect(() => {
    if (!open) return;
    const initial = unit ? valuesOfRecord(unit) : { ownership: '其他', status: '生产' };
    form.resetFields();
    form.setFieldsValue(initial);
    setValues(initial);
    setTouched(new Set());
    setSubmitted(false);
    setServer({ fields: {}, message: null });
  }, [open, unit, form]);

  const kind = kindOfValues(values);

  useEffect(() => {
    if (!open || kind !== 'concentrator') return;
    void call('units.rows', { kind: 'tailings' }).then(
      (rows) => setPonds(rows.map(([id, name]) => ({ value: id, label: `${id} ${name}` }))),
      () => setPonds([]),
    );
  }, [open, kind]);

  const { problems, linked } = useMemo(() => {
    const record = recordOfValues(values);
    const r = checkUnit(record);
    const out: Record<string, string> = {};
    if (!r.ok) for (const p of r.problems) out[p.field] ??= p.message;
    // 类型 is one choice in the form: its problem and `kind`'s are the same thing
    if (out.kind && !out.kindLabel) out.kindLabel = out.kind;
    delete out.kind;
    // rules that tie fields together (a licence number needs its date…) show at once, where the
    // field to fill is, even before that field is touched
    return { problems: out, linked: new Set<string>(unitRuleProblems(record as Partial<UnitRecord>).map((p) => p.field)) };
  }, [values]);

  const errorOf = (field: UnitField): string | undefined => {
    if (server.fields[field]) return server.fields[field];
    if (submitted || touched.has(field) || linked.has(field)) return problems[field];
    return undefined;
  };

  const onValuesChange = (changed: Values, all: Values) => {
    const keys = Object.keys(changed);
    setTouched((t) => new Set([...t, ...keys]));
    setServer((s) => {
      if (!keys.some((k) => s.fields[k])) return s;
      const fields = { ...s.fields };
      for (const k of keys) delete fields[k];
      return { ...s, fields };
    });
    setValues({ ...all });
  };

  const save = async () => {
    const all = { ...form.getFieldsValue(true) } as Values;
    setValues(all);
    setSubmitted(true);
    const r = checkUnit(recordOfValues(all));
    if (!r.ok) {
      const shown = r.problems.filter((p) => p.field !== 'kind' || !r.problems.some((q) => q.field === 'kindLabel'));
      message.warning(`还有 ${shown.length} 处需要更正，请查看标红的项目`);
      const first = shown[0]?.field;
      if (first) form.scrollToField(first === 'kind' ? 'kindLabel' : first, { block: 'center' });
      return;
    }
    setBusy(true);
    try {
      const saved = editing ? await call('units.update', r.record) : await call('units.create', r.record);
      message.success(editing ? `已保存单位「${r.record.name}」` : `已新增单位「${r.record.name}」`);
      onSaved(saved.id);
    } catch (e) {
      const fields: Record<string, string> = {};
      let general: string | null = errorText(e);
      if (e instanceof ApiError) {
        for (const i of e.issues) {
          const f = String(i.path[0] ?? '');
          if (f) fields[f === 'kind' ? 'kindLabel' : f] ??= i.message;
        }
      }
      if (Object.keys(fields).length > 0) {
        const first = Object.keys(fields)[0] as string;
        form.scrollToField(first, { block: 'center' });
        general = `未保存：${general ?? ''}`;
      } else {
        general = `未保存：${general ?? ''}`;
      }
      setServer({ fields, message: general });
      message.error(general);
    } finally {
      setBusy(false);
    }
  };

  const countyOptions = useMemo(() => counties.map((c) => ({ value: c })), [counties]);

  const widget = (s: FieldSpec) => {
    const label = labelOf(s.field);
    switch (s.widget) {
      case 'kind':
        return (
          <Select
            placeholder="请选择类型"
            disabled={editing && busy}
            options={KIND_LABEL_LIST.map((l) => ({ value: l, label: l }))}
            showSearch
          />
        );
      case 'choice':
        return <Select allowClear={!columnOfField(s.field)?.required} placeholder={`请选择${label}`} options={(s.choices ?? []).map((c) => ({ value: c, label: c }))} />;
      case 'bool':
        return <Select allowClear placeholder="是 / 否" options={[{ value: '是' }, { value: '否' }]} />;
      case 'date':
        return <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" placeholder="选择日期" />;
      case 'number':
        return <InputNumber style={{ width: '100%' }} placeholder={s.placeholder} />;
      case 'int':
        return <InputNumber style={{ width: '100%' }} precision={0} min={0} />;
      case 'county':
        return <AutoComplete options={countyOptions} placeholder="如 尧都区" filterOption={(input, o) => String(o?.value ?? '').includes(input)} />;
      case 'pond':
        return <AutoComplete options={ponds} placeholder="尾矿库的单位编号" filterOption={(input, o) => String(o?.label ?? '').includes(input)} />;
      case 'phone':
        return <Input placeholder="如 0357-2345678 或 13800138000" />;
      default:
        return <Input placeholder={s.placeholder} disabled={s.field === 'id' && editing} />;
    }
  };

  return (
    <Drawer
      title={editing ? `编辑单位：${unit.name}` : '新增单位'}
      open={open}
      onClose={onClose}
      size={820}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} disabled={busy}>
            取消
          </Button>
          <Button type="primary" onClick={() => void save()} loading={busy}>
            保存
          </Button>
        </Space>
      }
    >
      {server.message && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={server.message} description="填写的内容都已保留，更正后可再次保存。" />}
      {editing && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          单位编号不能修改；已有确认评估的单位不能更改类型。
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onValuesChange={onValuesChange} size="middle" disabled={busy} requiredMark>
        {GROUPS.map((g) => {
          const fields = g.fields.filter((f) => applies(f.field, kind));
          return (
            <section key={g.title} style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: '4px 0 10px', paddingLeft: 8, borderLeft: '3px solid #1677ff' }}>
                {g.title}
              </Typography.Title>
              {g.note && (
                <Typography.Paragraph type="secondary" style={{ marginTop: -4, marginBottom: 8, fontSize: 12 }}>
                  {g.note}
                </Typography.Paragraph>
              )}
              {g.title === '分类型信息' && fields.length === 0 ? (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {kind === undefined ? '请先选择类型，再填写该类型的专属信息。' : '本类型无专属信息。'}
                </Typography.Paragraph>
              ) : (
                <Row gutter={16}>
                  {fields.map((s) => {
                    const err = errorOf(s.field);
                    return (
                      <Col key={s.field} span={s.wide ? 24 : 12}>
                        <Form.Item
                          name={s.field}
                          label={labelOf(s.field)}
                          required={isRequired(s.field, values, kind)}
                          validateStatus={err ? 'error' : undefined}
                          help={err}
                          style={{ marginBottom: 12 }}
                          getValueProps={s.widget === 'date' ? (v: unknown) => ({ value: typeof v === 'string' ? dayjs(v) : (v as Dayjs | undefined) }) : undefined}
                        >
                          {widget(s)}
                        </Form.Item>
                      </Col>
                    );
                  })}
                </Row>
              )}
            </section>
          );
        })}
      </Form>
    </Drawer>
  );
}
