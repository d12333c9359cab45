/** 设置: the bureau (read-only), the operator's name, backups and restoring one, and the audit log's check. */
import { Alert, App as AntApp, Button, Card, Descriptions, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { BackupEntry } from '../../src/api/host';
import { call, host, unwrap } from '../api';
import { SettingsAudit } from '../components/SettingsAudit';
import { useApp } from '../store';
import { Loaded, errorText, useLoad } from '../ui';

export function Settings() {
  const { message } = AntApp.useApp();
  const { bureau, changed } = useApp();
  const [operator, setOperator] = useState(bureau?.operator ?? '');
  const [saving, setSaving] = useState(false);
  useEffect(() => setOperator(bureau?.operator ?? ''), [bureau?.operator]);

  const saveOperator = async () => {
    const name = operator.trim();
    if (!name) {
      message.error('请填写操作员姓名');
      return;
    }
    setSaving(true);
    try {
      await call('bureau.setOperator', { operator: name });
      message.success(`操作员已改为 ${name}，此后的修改以此姓名记入审计日志`);
      changed();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="监管部门">
        <Descriptions column={1} size="small" styles={{ label: { width: 140 } }}>
          <Descriptions.Item label="部门名称">{bureau?.bureau}</Descriptions.Item>
          <Descriptions.Item label="级别">{bureau?.level === 'city' ? <Tag color="blue">市级</Tag> : <Tag>县级</Tag>}</Descriptions.Item>
          <Descriptions.Item label="辖区县（市、区）">{bureau?.counties.length ? bureau.counties.join('、') : '未限定'}</Descriptions.Item>
          <Descriptions.Item label="操作员">
            <Space.Compact style={{ width: 360 }}>
              <Input aria-label="操作员姓名" value={operator} maxLength={100} onChange={(e) => setOperator(e.target.value)} onPressEnter={() => void saveOperator()} />
              <Button type="primary" loading={saving} disabled={operator.trim() === (bureau?.operator ?? '')} onClick={() => void saveOperator()}>
                保存
              </Button>
            </Space.Compact>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">部门名称和级别在首次使用时设定，不能修改。操作员姓名随每次修改记入审计日志；换人值守时请先改为本人姓名。</Typography.Text>
      </Card>
      <SettingsBackups />
      <SettingsAudit />
    </Space>
  );
}

function SettingsBackups() {
  const { message } = AntApp.useApp();
  const backups = useLoad(() => host().listBackups(), []);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<string | null>(null);

  const backupNow = async () => {
    setBusy(true);
    try {
      const r = unwrap(await host().backupNow());
      if (r.file) message.success(`已备份：${r.file}`);
      else message.info('今天已经备份过（每天保留一份），无需重复备份');
      backups.reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const restore = async (b: BackupEntry) => {
    setRestoring(b.file);
    try {
      const r = unwrap(await host().restoreBackup(b.file));
      message.success(`已恢复 ${r.restored}，正在重新载入…`);
      window.setTimeout(() => location.reload(), 800);
    } catch (e) {
      message.error(errorText(e));
      setRestoring(null);
    }
  };

  return (
    <Card
      title="备份"
      extra={
        <Button type="primary" loading={busy} onClick={() => void backupNow()}>
          立即备份
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">每天启动时自动备份一次，保留最近 30 份。恢复会用所选备份替换当前数据库；当前数据库另存一份副本，恢复错了也能找回。</Typography.Paragraph>
      <Loaded state={backups}>
        {(rows) => (
          <Table<BackupEntry>
            data-testid="backups"
            size="small"
            rowKey="file"
            dataSource={rows}
            pagination={rows.length > 10 ? { pageSize: 10 } : false}
            locale={{ emptyText: '还没有备份' }}
            columns={[
              { title: '日期', dataIndex: 'date', width: 140 },
              { title: '文件', dataIndex: 'file' },
              { title: '大小', dataIndex: 'bytes', width: 120, align: 'right', render: (n: number) => sizeText(n) },
              {
                title: '操作',
                width: 100,
                render: (_, b) => (
                  <Popconfirm
                    title={`恢复 ${b.date} 的备份？`}
                    description={
                      <div style={{ maxWidth: 320 }}>
                        当前数据库会替换为该备份，备份之后的修改将不在恢复后的数据中。当前数据库另存为副本（不会删除），恢复错了也能找回。恢复后软件重新载入。
                      </div>
                    }
                    okText="恢复"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => restore(b)}
                  >
                    <Button size="small" danger loading={restoring === b.file} disabled={restoring !== null && restoring !== b.file}>
                      恢复
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </Loaded>
      {backups.data && backups.data.length === 0 && <Alert style={{ marginTop: 12 }} type="warning" showIcon message="还没有备份，请点“立即备份”。" />}
    </Card>
  );
}

function sizeText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
