/**
 * 评分: the unit's score sheet from its table set (R15, R16, R17, D4–D8), scored live in the
 * renderer by the same engine the server stores results with (`parseSheet` + `grade`), with the
 * 假如整改 panel (`src/engine/whatif.ts`). Drafts are saved and reopened by `ref`; a confirmed
 * assessment is read-only for ever (only a new assessment supersedes it). Kinds with no table:
 * `other` gets a tier set by hand with a written basis (D6); a concentrator takes its pond's (R19).
 */
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { DIRECT_D_CLAUSES, TIERS, TIER_NAMES, isDirectDClause, type DirectDClause, type TableKindId, type Tier } from '../../src/domain/rules';
import { grade, type GradeResult } from '../../src/engine/grade';
import { answerProblem, parseSheet, type Answer, type CheckedSheet } from '../../src/engine/sheet';
import { whatIf, type WhatIf } from '../../src/engine/whatif';
import type { HandlerResult } from '../../src/services/dispatch';
import { TableRegistry } from '../../src/tables/registry';
import type { KindTable, TableSet } from '../../src/tables/schema';
import { ValidationError, formatPath } from '../../src/validation/issues';
import { ApiError, call } from '../api';
import { ScoreItemInput, type DraftAnswer } from '../components/ScoreItemInput';
import { PROVISIONAL, ScorePanel } from '../components/ScorePanel';
import { routeHash, useApp } from '../store';
import { Loaded, TierTag, errorText, kindName, useLoad } from '../ui';

type UnitInfo = HandlerResult<'units.get'>;
type TableInfo = HandlerResult<'tables.list'>[number];
type AssessmentInfo = UnitInfo['assessments'][number];

interface Loaded3 {
  info: UnitInfo;
  tables: TableInfo[];
  sets: TableSet[];
}

export function ScoreSheet({ unitId, draftRef }: { unitId: string; draftRef?: string | undefined }) {
  const state = useLoad<Loaded3>(async () => {
    const [info, tables] = await Promise.all([call('units.get', { id: unitId }), call('tables.list', {})]);
    const sets = (await Promise.all(tables.map((t) => call('tables.get', { id: t.id, version: t.version })))) as TableSet[];
    return { info, tables, sets };
  }, [unitId]);
  // a new, empty sheet is a fresh editor even when the route does not change
  const [nonce, setNonce] = useState(0);
  return (
    <Loaded state={state}>
      {(d) => {
        const kind = d.info.unit.kind;
        return (
          <div>
            <Header info={d.info} />
            {kind === 'other' ? (
              <ManualTier info={d.info} />
            ) : kind === 'concentrator' ? (
              <Concentrator info={d.info} />
            ) : (
              <SheetEditor key={`${draftRef ?? ''}#${nonce}`} data={d} draftRef={draftRef} onNew={() => setNonce((n) => n + 1)} />
            )}
          </div>
        );
      }}
    </Loaded>
  );
}

function Header({ info }: { info: UnitInfo }) {
  const go = useApp((s) => s.go);
  const u = info.unit;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 16, flexWrap: 'wrap' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => go('unit', { id: u.id })}>
        单位详情
      </Button>
      <Typography.Title level={4} style={{ margin: 0 }}>
        评分：{u.name}
      </Typography.Title>
      <Tag>{u.id}</Tag>
      <Tag color="geekblue">{kindName(u.kind)}</Tag>
      <span>
        现行等级 <TierTag tier={info.timeline.tier} long />
      </span>
      <span style={{ flex: 1 }} />
      <Button onClick={() => go('events', { id: u.id })}>事件与检查</Button>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The score sheet

interface SheetState {
  assessedOn: string;
  initialConditions: string[];
  directD: string[];
  answers: Record<string, DraftAnswer>;
}

const today = (): string => dayjs().format('YYYY-MM-DD');

/** The default table: the newest official set that has the kind, else the reference (non-official) set. */
function defaultTable(d: Loaded3, kind: TableKindId): { id: string; version: string } | null {
  const withKind = d.tables.filter((t) => d.sets.find((s) => s.id === t.id && s.version === t.version)?.kinds[kind] !== undefined);
  const official = withKind.filter((t) => t.official).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0));
  const pick = official[0] ?? withKind.find((t) => !t.official) ?? withKind[0];
  return pick ? { id: pick.id, version: pick.version } : null;
}

/** A draft answer the engine accepts as it is, or undefined (empty or incomplete). */
function validAnswer(item: KindTable['dimensions'][number]['items'][number], v: DraftAnswer | undefined): Answer | undefined {
  if (v === undefined) return undefined;
  return answerProblem(item, v) === null ? (v as Answer) : undefined;
}

function SheetEditor({ data, draftRef, onNew }: { data: Loaded3; draftRef: string | undefined; onNew: () => void }) {
  const { message } = AntApp.useApp();
  const { go, changed } = useApp();
  const operator = useApp((s) => s.bureau?.operator ?? '');
  const { info } = data;
  const kind = info.unit.kind as TableKindId;
  const [ref, setRef] = useState<string | undefined>(draftRef);
  const existing: AssessmentInfo | undefined = ref === undefined ? undefined : info.assessments.find((a) => a.ref === ref);
  const [confirmedHere, setConfirmedHere] = useState(false);
  const confirmed = confirmedHere || existing?.status === 'confirmed';
  const locked = info.readOnly || confirmed;
  const flagged = info.flags.filter((f) => isDirectDClause(f.code));

  const [table, setTable] = useState<{ id: string; version: string } | null>(() => existing?.table ?? defaultTable(data, kind));
  const [sheet, setSheet] = useState<SheetState>(() =>
    existing?.sheet
      ? {
          assessedOn: existing.sheet.assessedOn,
          initialConditions: [...existing.sheet.initialConditions],
          directD: [...existing.sheet.directD],
          answers: { ...(existing.sheet.answers as Record<string, DraftAnswer>) },
        }
      : { assessedOn: today(), initialConditions: [], directD: flagged.map((f) => f.code), answers: {} },
  );
  const [assessors, setAssessors] = useState<string[]>(() => (existing ? [...existing.assessors] : operator ? [operator] : []));
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | Error | null>(null);

  const tableSet = table ? data.sets.find((s) => s.id === table.id && s.version === table.version) : undefined;
  const kt = tableSet?.kinds[kind];

  // Live score: the same engine, on the same table set, as the server.
  const live = useMemo(() => {
    if (!tableSet || !kt) return null;
    const answers: Record<string, Answer> = {};
    const invalid: string[] = [];
    const problems: Record<string, string> = {};
    for (const dim of kt.dimensions) {
      for (const it of dim.items) {
        const v = sheet.answers[it.id];
        if (v === undefined) continue;
        const ok = validAnswer(it, v);
        if (ok === undefined) {
          invalid.push(it.id);
          problems[it.id] = answerProblem(it, v) ?? '';
        } else answers[it.id] = ok;
      }
    }
    const raw = {
      kind,
      table: { id: tableSet.id, version: tableSet.version },
      assessedOn: sheet.assessedOn,
      initialConditions: sheet.initialConditions.filter((c) => kt.initialScore.conditions.some((x) => x.id === c)),
      directD: sheet.directD.filter((c) => (kt.directD as string[]).includes(c)),
      answers,
    };
    try {
      const checked: CheckedSheet = parseSheet(raw, new TableRegistry([tableSet]));
      const result: GradeResult = grade(checked);
      const w: WhatIf = whatIf(checked, result);
      return { raw, result, whatIf: w, invalid, problems, error: null as string | null };
    } catch (e) {
      const msg = e instanceof ValidationError ? e.issues.map((i) => `${formatPath(i.path)} ${i.message}`).join('；') : errorText(e);
      return { raw, result: null, whatIf: null, invalid, problems, error: msg };
    }
  }, [tableSet, kt, kind, sheet]);

  const setAnswer = (id: string, v: DraftAnswer | undefined) =>
    setSheet((s) => {
      const answers = { ...s.answers };
      if (v === undefined) delete answers[id];
      else answers[id] = v;
      return { ...s, answers };
    });

  const unanswered = kt ? kt.dimensions.map((d) => ({ dim: d.name, names: d.items.filter((i) => live?.result?.unanswered.includes(i.id)).map((i) => i.name) })) : [];
  const nUnanswered = unanswered.reduce((s, u) => s + u.names.length, 0);

  async function save(): Promise<string | null> {
    if (!live) return null;
    setBusy(true);
    setSaveError(null);
    try {
      const r = await call('assessments.saveDraft', { unitId: info.unit.id, ...(ref ? { ref } : {}), sheet: live.raw, assessors });
      setRef(r.ref);
      // keep the draft's ref in the address (no route change: the editor and what is typed stay)
      history.replaceState(null, '', routeHash('score', { id: info.unit.id, ref: r.ref }));
      changed();
      return r.ref;
    } catch (e) {
      setSaveError(e instanceof Error ? e : new Error(String(e)));
      message.error(`保存失败：${errorText(e)}（已填写的内容仍保留在本页）`);
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function saveDraft() {
    const r = await save();
    if (r) {
      message.success(`草稿已保存（评估编号 ${r}）${live && live.invalid.length > 0 ? `；${live.invalid.length} 项填写不完整，未计入` : ''}`);
    }
  }

  async function confirm() {
    const r = await save();
    if (!r) return;
    setBusy(true);
    try {
      const c = await call('assessments.confirm', { unitId: info.unit.id, ref: r });
      setConfirmedHere(true);
      changed();
      message.success(`评估已确认：${c.result.tier}级（${TIER_NAMES[c.result.tier]}）`);
    } catch (e) {
      setSaveError(e instanceof Error ? e : new Error(String(e)));
      message.error(`确认失败：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const others = info.assessments.filter((a) => a.ref !== ref);
  const tableOptions = data.tables
    .filter((t) => data.sets.find((s) => s.id === t.id && s.version === t.version)?.kinds[kind] !== undefined)
    .map((t) => ({ value: `${t.id}@@${t.version}`, label: `${t.title}（${t.version}，${t.effectiveFrom} 起${t.official ? '' : '，参考分值'}）` }));

  return (
    <div>
      {info.readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`本单位由「${info.origin}」评定，本机只读（D11）`} />}
      {confirmed && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={`评估「${ref}」已确认${existing?.confirmedAt ? `（${existing.confirmedAt.slice(0, 10)}）` : ''}，不能再修改`}
          description="如情况变化，请新建一次评估：新的评估确认后替代本次评估。"
          action={
            !info.readOnly && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  go('score', { id: info.unit.id });
                  onNew();
                }}
              >
                新建评估
              </Button>
            )
          }
        />
      )}
      {others.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">本单位其他评估：</Typography.Text>
          {others.map((a) => (
            <Tag key={a.ref} style={{ cursor: 'pointer' }} onClick={() => go('score', { id: info.unit.id, ref: a.ref })}>
              {a.ref} {a.status === 'confirmed' ? `已确认 ${a.tier ?? ''}级` : '草稿'}
            </Tag>
          ))}
          {ref !== undefined && !info.readOnly && (
            <Button
              size="small"
              type="link"
              onClick={() => {
                go('score', { id: info.unit.id });
                onNew();
              }}
            >
              新建评估
            </Button>
          )}
        </div>
      )}
      {!info.readOnly && !confirmed && flagged.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="台账与记录提示：应直接判定D级（R17）"
          description={flagged.map((f) => (
            <div key={f.code + f.message}>{f.message}</div>
          ))}
        />
      )}
      <Row gutter={16} align="top" wrap={false}>
        <Col flex="1 1 auto" style={{ minWidth: 0 }}>
          <Card size="small" title={kt ? kt.title : '评分表'} style={{ marginBottom: 12 }}>
            <Form layout="vertical" disabled={locked}>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item label="评分表版本" style={{ marginBottom: 8 }}>
                    <Select
                      value={table ? `${table.id}@@${table.version}` : undefined}
                      options={tableOptions}
                      disabled={locked || existing?.status === 'draft'}
                      onChange={(v: string) => {
                        const [id, version] = v.split('@@');
                        setTable({ id: id ?? '', version: version ?? '' });
                      }}
                      placeholder="没有本类单位的评分表"
                    />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="评估日期" style={{ marginBottom: 8 }}>
                    <DatePicker
                      allowClear={false}
                      value={dayjs(sheet.assessedOn)}
                      format="YYYY-MM-DD"
                      style={{ width: '100%' }}
                      onChange={(d) => d && setSheet((s) => ({ ...s, assessedOn: d.format('YYYY-MM-DD') }))}
                      aria-label="评估日期"
                    />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="评估人员" style={{ marginBottom: 8 }} validateStatus={assessors.length === 0 ? 'warning' : ''} help={assessors.length === 0 ? '确认前至少填写一名' : undefined}>
                    <Select mode="tags" value={assessors} onChange={(v: string[]) => setAssessors(v.map((x) => x.trim()).filter(Boolean))} placeholder="输入姓名后回车" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} aria-label="评估人员" />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
            {tableSet && !tableSet.official && <Alert type="warning" showIcon title={`${PROVISIONAL}：${tableSet.title}（${tableSet.version}）`} description="该评分表为参考分值；正式评分表由市局发布后导入本机（评分表页面）。" />}
            {!kt && <Alert type="error" showIcon title={`没有「${kindName(kind)}」的评分表`} description="请在“评分表”页面导入包含本类单位的评分表。" />}
          </Card>

          {kt && (
            <>
              <Card size="small" title="初始分条件（R16）" style={{ marginBottom: 12 }}>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  初始分 {kt.initialScore.base} 分；符合下列任一条件的，初始分降为 {kt.initialScore.lowered} 分。多项条件不累计，只降低一次（D5）。
                </Typography.Paragraph>
                <Checkbox.Group
                  disabled={locked}
                  value={sheet.initialConditions}
                  onChange={(v) => setSheet((s) => ({ ...s, initialConditions: v as string[] }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  options={kt.initialScore.conditions.map((c) => ({ value: c.id, label: c.label }))}
                />
              </Card>
              <Card size="small" title="直接判定D级情形（R17）" style={{ marginBottom: 12 }}>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  存在下列任一情形的，无论得分多少，直接判定为D级（重大风险）；评分表照常填写并保存（D4）。
                </Typography.Paragraph>
                <Checkbox.Group
                  disabled={locked}
                  value={sheet.directD}
                  onChange={(v) => setSheet((s) => ({ ...s, directD: v as string[] }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  options={kt.directD.map((c: DirectDClause) => {
                    const flag = flagged.find((f) => f.code === c);
                    return {
                      value: c,
                      label: (
                        <span>
                          <b>{c}</b> {DIRECT_D_CLAUSES[c].label}
                          {flag && (
                            <Tooltip title={flag.message}>
                              <Tag color="red" style={{ marginLeft: 6 }}>
                                记录显示存在，建议勾选
                              </Tag>
                            </Tooltip>
                          )}
                        </span>
                      ),
                    };
                  })}
                />
              </Card>
              {kt.dimensions.map((dim) => {
                const dr = live?.result?.dimensions.find((x) => x.id === dim.id);
                return (
                  <Card
                    key={dim.id}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={`${dim.name}（${dim.effect === 'add' ? '加分' : '扣分'}，本方面满分 ${dim.max} 分）`}
                    extra={
                      dr && (
                        <span>
                          {dim.effect === 'add' ? '加' : '扣'} {dr.applied} 分{dr.capped && <Tag color="purple" style={{ marginLeft: 6 }}>封顶（合计{dr.raw}分）</Tag>}
                        </span>
                      )
                    }
                  >
                    {dim.items.map((it) => (
                      <ScoreItemInput
                        key={it.id}
                        item={it}
                        dim={dim}
                        value={sheet.answers[it.id]}
                        onChange={(v) => setAnswer(it.id, v)}
                        result={dr?.items.find((x) => x.id === it.id)}
                        problem={live?.problems[it.id] ?? null}
                        disabled={locked}
                      />
                    ))}
                  </Card>
                );
              })}
            </>
          )}

          {saveError && (
            <Alert
              type="error"
              showIcon
              closable={{ onClose: () => setSaveError(null) }}
              style={{ marginBottom: 12 }}
              title={`未能保存：${saveError.message}`}
              description={
                saveError instanceof ApiError && saveError.issues.length > 0
                  ? saveError.issues.map((i, n) => <div key={n}>{`${formatPath(i.path)} ${i.message}`}</div>)
                  : '已填写的内容仍在本页，可修改后再次保存。'
              }
            />
          )}
          {!locked && kt && (
            <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5 }}>
              <Space wrap>
                <Button onClick={() => void saveDraft()} loading={busy} disabled={!live?.result}>
                  保存草稿
                </Button>
                <Popconfirm
                  title="确认本次评估？"
                  description={
                    <div style={{ maxWidth: 340 }}>
                      确认后，本次评估永远不能再修改，只能由新的评估替代。
                      {nUnanswered > 0 && <div style={{ color: '#d46b08' }}>尚有 {nUnanswered} 项未填写，将按0分计。</div>}
                      {live?.result && <div>评估等级：{live.result.tier}级（得分 {live.result.score}）</div>}
                    </div>
                  }
                  okText="确认评估"
                  cancelText="再看看"
                  onConfirm={() => void confirm()}
                  disabled={assessors.length === 0 || !live?.result}
                >
                  <Tooltip title={assessors.length === 0 ? '确认前至少填写一名评估人员' : ''}>
                    <Button type="primary" loading={busy} disabled={assessors.length === 0 || !live?.result}>
                      确认
                    </Button>
                  </Tooltip>
                </Popconfirm>
                {ref && <Typography.Text type="secondary">草稿编号 {ref}</Typography.Text>}
                {live && live.invalid.length > 0 && <Typography.Text type="warning">{live.invalid.length} 项填写不完整，不计分也不保存</Typography.Text>}
              </Space>
            </Card>
          )}
        </Col>
        <Col flex="0 0 420px" style={{ position: 'sticky', top: 16, alignSelf: 'flex-start', maxHeight: 'calc(100vh - 32px)', overflowY: 'auto' }}>
          {live?.result && kt ? (
            <ScorePanel result={live.result} kindTable={kt} whatIf={live.whatIf} unanswered={unanswered} invalid={live.invalid} title={confirmed ? '评估得分' : '实时得分'} />
          ) : live?.error ? (
            <Alert type="error" showIcon title="无法计分" description={live.error} />
          ) : null}
        </Col>
      </Row>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// D6: kinds with no table

function ManualTier({ info }: { info: UnitInfo }) {
  const { message } = AntApp.useApp();
  const changed = useApp((s) => s.changed);
  const operator = useApp((s) => s.bureau?.operator ?? '');
  const [form] = Form.useForm<{ date: dayjs.Dayjs; tier: Tier; basis: string; assessors: string[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = info.assessments.filter((a) => a.status === 'confirmed');
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await call('assessments.recordManual', { unitId: info.unit.id, date: v.date.format('YYYY-MM-DD'), tier: v.tier, basis: v.basis, assessors: v.assessors });
      message.success(`已人工定级：${v.tier}级（评估编号 ${r.ref}）`);
      form.resetFields(['basis']);
      changed();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Row gutter={16}>
      <Col span={14}>
        <Card size="small" title="人工定级（D6）">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="地热、矿泉水等单位没有评分表"
            description="《实施细则》未给出此类单位的评分表：由评估人员直接确定风险等级，并写明定级依据；报表中标注为人工定级。定级后不能修改，只能由新的定级替代。"
          />
          {info.readOnly ? (
            <Alert type="info" showIcon title={`本单位由「${info.origin}」评定，本机只读（D11）`} />
          ) : (
            <Form form={form} layout="vertical" initialValues={{ date: dayjs(), assessors: operator ? [operator] : [] }} disabled={busy}>
              <Form.Item name="date" label="定级日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker format="YYYY-MM-DD" allowClear={false} />
              </Form.Item>
              <Form.Item name="tier" label="风险等级" rules={[{ required: true, message: '请选择风险等级' }]}>
                <Select style={{ width: 240 }} placeholder="请选择" options={TIERS.map((t) => ({ value: t, label: `${t}级 ${TIER_NAMES[t]}` }))} />
              </Form.Item>
              <Form.Item name="basis" label="定级依据" rules={[{ required: true, whitespace: true, message: '请写明定级依据（D6）' }]}>
                <Input.TextArea rows={4} placeholder="如：参照露天矿山评分表主要项目逐项核查，开采规模小、无重大事故隐患……" />
              </Form.Item>
              <Form.Item name="assessors" label="评估人员" rules={[{ required: true, type: 'array', min: 1, message: '至少填写一名评估人员' }]}>
                <Select mode="tags" open={false} suffixIcon={null} placeholder="输入姓名后回车" />
              </Form.Item>
              {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="未能保存" description={error} />}
              <Popconfirm title="确认定级？" description="定级后不能修改，只能由新的定级替代。" okText="确认定级" cancelText="取消" onConfirm={() => void submit()}>
                <Button type="primary" loading={busy}>
                  确认定级
                </Button>
              </Popconfirm>
            </Form>
          )}
        </Card>
      </Col>
      <Col span={10}>
        <Card size="small" title="定级记录">
          {done.length === 0 && <Typography.Text type="secondary">尚未定级。</Typography.Text>}
          {done.map((a) => (
            <div key={a.ref} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Space>
                <Typography.Text>{a.assessedOn}</Typography.Text>
                <TierTag tier={a.tier} long />
                <Typography.Text type="secondary">{a.assessors.join('、')}</Typography.Text>
              </Space>
              <div style={{ fontSize: 12, color: '#555' }}>依据：{a.manualBasis}</div>
            </div>
          ))}
        </Card>
      </Col>
    </Row>
  );
}

// ---------------------------------------------------------------------------------------------
// R19: concentrators

function Concentrator({ info }: { info: UnitInfo }) {
  const go = useApp((s) => s.go);
  const pond = info.unit.pondId;
  return (
    <Card size="small" title="选矿厂不单独评分（R19）" style={{ maxWidth: 760 }}>
      <Typography.Paragraph>
        按《实施细则》，尾矿库配套的选矿厂不单独评分定级：它的风险等级始终与所配套的尾矿库相同，尾矿库的一切动态调整（事故、重大事故隐患、重新评估）都随之生效（R19、D7）。请对尾矿库评分。
      </Typography.Paragraph>
      {pond ? (
        <Space>
          <Typography.Text>配套尾矿库：{pond}</Typography.Text>
          <span>
            现行等级 <TierTag tier={info.timeline.tier} long />
          </span>
          <Button type="primary" onClick={() => go('unit', { id: pond })}>
            查看尾矿库
          </Button>
          <Button onClick={() => go('score', { id: pond })}>为尾矿库评分</Button>
        </Space>
      ) : (
        <Alert type="warning" showIcon title="未填写配套尾矿库的单位编号" description="请在单位详情中填写配套尾矿库（R19），否则本单位没有风险等级。" />
      )}
    </Card>
  );
}
