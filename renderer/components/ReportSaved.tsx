/** A saved file: its name, where it went, its rows, and 打开所在文件夹; or a busy line while it is being made. */
import { CheckCircleFilled, FolderOpenOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { SavedFile } from '../../src/api/host';
import { host } from '../api';

export function ReportSaved({ saved, unit = '行' }: { saved: SavedFile; unit?: string }) {
  return (
    <div data-testid="saved-file" style={{ background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 6, padding: '8px 12px' }}>
      <Space wrap size={[12, 4]} style={{ width: '100%' }}>
        <CheckCircleFilled style={{ color: '#52c41a' }} />
        <Typography.Text strong>已保存：{saved.name}</Typography.Text>
        <Typography.Text type="secondary">
          共 {saved.rows} {unit}
        </Typography.Text>
        <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void host().reveal(saved)}>
          打开所在文件夹
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" copyable={{ text: saved.location, tooltips: ['复制保存位置', '已复制'] }} style={{ margin: '4px 0 0 22px', fontSize: 12, wordBreak: 'break-all' }}>
        保存位置：{saved.location}
      </Typography.Paragraph>
    </div>
  );
}

/**
 * While an export runs: a moving bar and the seconds elapsed. The host reports no percentage, so
 * the bar creeps towards 95% and never claims to be done before it is.
 */
export function ReportBusy({ text = '正在生成文件，请稍候…' }: { text?: string }) {
  const [ms, setMs] = useState(0);
  useEffect(() => {
    const start = Date.now();
    const t = window.setInterval(() => setMs(Date.now() - start), 200);
    return () => window.clearInterval(t);
  }, []);
  const percent = Math.round(95 * (1 - Math.exp(-ms / 4000)));
  return (
    <div data-testid="export-busy" style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
      <LoadingOutlined style={{ color: '#1677ff' }} />
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {text}（{Math.floor(ms / 1000)} 秒）
      </Typography.Text>
      <Progress percent={percent} status="active" showInfo={false} size="small" style={{ flex: 1, maxWidth: 320, margin: 0 }} />
    </div>
  );
}
