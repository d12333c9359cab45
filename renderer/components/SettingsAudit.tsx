/** 核验审计日志: walks the hash chain; shows the row count, or the first broken row in red. */
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../api';
import { errorText } from '../ui';

type Verdict = { ok: true; rows: number } | { ok: false; rows: number; seq: number; message: string };

export function SettingsAudit() {
  const [busy, setBusy] = useState(false);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<string | null>(null);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setVerdict((await call('audit.verify', {})) as Verdict);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="审计日志">
      <Typography.Paragraph type="secondary">
        每次修改都记入审计日志（操作员、时间、修改前后），各条记录以哈希前后相连；任何一条被改动、删除或插入，核验都会指出第一处断开的位置。
      </Typography.Paragraph>
      <Space direction="vertical" size={12}>
        <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void verify()}>
          核验审计日志
        </Button>
        <div data-testid="audit-verdict">
          {verdict?.ok === true && (
            <Typography.Text style={{ color: '#389e0d' }}>
              <CheckCircleFilled /> 审计日志完整：共 {verdict.rows} 条记录，哈希链全部相符。
            </Typography.Text>
          )}
          {verdict?.ok === false && (
            <Typography.Text type="danger" strong>
              <CloseCircleFilled /> 审计日志已被改动：第 {verdict.seq} 条起断开。{verdict.message}
            </Typography.Text>
          )}
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
        </div>
      </Space>
    </Card>
  );
}
