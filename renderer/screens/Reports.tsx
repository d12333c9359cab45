/** 报表: every export of the bureau's record, for a year — xlsx or PDF where the report has both. */
import { Alert, Card, Col, DatePicker, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { call, unitRow } from '../api';
import { ReportCard, type ReportSpec } from '../components/ReportCard';
import { useApp } from '../store';
import { useLoad } from '../ui';

/** The reports of src/reports/export.ts `REPORTS` (names and formats kept the same). */
const REPORT_SPECS: ReportSpec[] = [
  { id: 'tier-list', name: '年度风险等级名单', formats: ['xlsx', 'pdf'], about: '各单位年末的风险等级（D重大、C较大、B一般、A低），按县区、行业排列，供公布和存档。' },
  {
    id: 'adjustments',
    name: '年度等级调整情况',
    formats: ['xlsx', 'pdf'],
    about: '年度内风险等级升降的单位及原因。N2：县局每年3月10日前上报上一年度的调整情况，市局3月底前集中公告——请选择上一年度。',
  },
  { id: 'assessment-report', name: '附表7 非煤矿山安全风险评估报表', formats: ['xlsx', 'pdf'], about: '各单位的评估日期、得分、风险等级，以及直接判定为D级的条款（R15、R17）。' },
  {
    id: 'plan',
    name: '年度监督检查计划',
    formats: ['xlsx'],
    about: 'R20：D级每季度至少检查一次，C级每半年至少一次；A、B级随机抽查，按记录的随机种子抽取，可复核、可重现（D10）。',
    plan: true,
  },
  { id: 'officials', name: '包保责任人名单', formats: ['xlsx', 'pdf'], about: 'R21/R22：地下矿山、尾矿库的政府包保责任人（姓名、职务、电话），每年公布，人员变动时更新。' },
  { id: 'registry', name: '企业台账', formats: ['xlsx'], about: '全部单位的登记信息，附所选年度年末的风险等级；可在 Excel 中修改后重新导入。' },
  { id: 'statistics', name: '分县分类统计', formats: ['xlsx'], about: '按县区、行业统计各风险等级的单位数及年度升级、降级数。' },
  {
    id: 'notice',
    name: '安全风险公告栏',
    formats: ['pdf'],
    about: 'R23：风险等级、主要风险及管控措施、日常监管部门和联系电话，供企业在醒目位置张贴。',
    unit: 'optional',
    size: true,
  },
  { id: 'assessment-record', name: '安全风险评估记录', formats: ['pdf'], about: '一个单位最近一次确认的评估：逐项得分，按当时所用的评分表版本原样打印（D8）。', unit: 'required' },
];

export function Reports() {
  const level = useApp((s) => s.bureau?.level);
  const [year, setYear] = useState<number>(dayjs().year());
  // the registry's rows only (no tiers: picking a unit needs none, and a city's tiers take seconds)
  const units = useLoad(() => call('units.rows', {}), []);
  const unitOptions = useMemo(() => units.data?.map(unitRow), [units.data]);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size={16} align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            报表
          </Typography.Title>
          <Space>
            <Typography.Text>报表年度</Typography.Text>
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              onChange={(d) => d && setYear(d.year())}
              disabledDate={(d) => d.year() < 2000 || d.year() > 2100}
              aria-label="报表年度"
              data-testid="report-year"
            />
          </Space>
          <Typography.Text type="secondary">
            等级按所选年度12月31日计算；文件保存在导出文件夹，导出后可打开所在文件夹。
          </Typography.Text>
        </Space>
        {level === 'city' && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            message="市级报表涵盖全市：本机的单位和各县（市、区）数据包上报的单位都计入名单和统计。"
          />
        )}
        {units.error && <Alert style={{ marginTop: 12 }} type="warning" showIcon message={`无法读取台账，单位选择不可用：${units.error}`} />}
      </Card>
      <Row gutter={[16, 16]}>
        {REPORT_SPECS.map((spec) => (
          <Col key={spec.id} xs={24} xl={12}>
            <ReportCard spec={spec} year={year} units={unitOptions} />
          </Col>
        ))}
      </Row>
    </Space>
  );
}
