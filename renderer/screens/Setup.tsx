/** First start: is this a county bureau or the city bureau, its name, and the operator's name. */
import { Button, Card, Form, Input, Radio, Typography, message } from 'antd';
import { useState } from 'react';
import { host, unwrap } from '../api';

interface Values {
  level: 'county' | 'city';
  bureau: string;
  operator: string;
  counties: string;
}

export function Setup({ onDone }: { onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const counties = v.counties
        .split(/[,，、\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      unwrap(await host().setup({ level: v.level, bureau: v.bureau, operator: v.operator, counties }));
      message.success('设置完成');
      onDone();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 64 }}>
      <Card title="首次使用：设置监管部门" style={{ width: 560 }}>
        <Typography.Paragraph type="secondary">
          本软件按《临汾市非煤矿山安全风险分级监管实施细则》（临应急发〔2023〕50号）开展企业登记、评分定级、动态评级和报表。数据只保存在本机。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ level: 'county', counties: '' }} onFinish={submit} disabled={busy}>
          <Form.Item name="level" label="本机所在部门" rules={[{ required: true }]}>
            <Radio.Group>
              <Radio.Button value="county">县（市、区）应急管理局</Radio.Button>
              <Radio.Button value="city">市应急管理局</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="bureau" label="监管部门名称" rules={[{ required: true, whitespace: true, message: '请填写监管部门名称，如 尧都区应急管理局' }]}>
            <Input placeholder="如 尧都区应急管理局" />
          </Form.Item>
          <Form.Item name="operator" label="操作员姓名" rules={[{ required: true, whitespace: true, message: '请填写操作员姓名（写入审计日志）' }]}>
            <Input placeholder="每次修改都以此姓名记入审计日志" />
          </Form.Item>
          <Form.Item name="counties" label="辖区县（市、区）（可选，用顿号或逗号分隔）" extra="填写后，导入台账时逐行核对“所属县区”。">
            <Input placeholder="如 尧都区" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            开始使用
          </Button>
        </Form>
      </Card>
    </div>
  );
}
