/** 评分表: the table sets stored (D8), how many confirmed assessments used each, and importing a new one. */
import { ImportOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, call, host, unwrap } from '../api';
import { TableImportErrors } from '../components/TableImportErrors';
import { useApp } from '../store';
import { Loaded, errorText, useLoad } from '../ui';

export function Tables() {
  const { message, modal } = AntApp.useApp();
  const changed = useApp((s) => s.changed);
  const tables = useLoad(() => call('tables.list', {}), []);
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<{ id: string; version: string; stored: boolean } | null>(null);

  const importFile = async () => {
    setBusy(true);
    try {
      const r = await host().importTableSet();
      if (r === null) return;
      const v = unwrap(r);
      setImported(v);
      if (v.stored) {
        message.success(`已导入评分表 ${v.id} 版本 ${v.version}`);
        changed();
      } else {
        message.info(`评分表 ${v.id} 版本 ${v.version} 已存在且内容相同，未重复导入`);
      }
    } catch (e) {
      modal.error({
        title: '评分表文件未通过校验，未导入',
        width: 640,
        content: <TableImportErrors message={errorText(e)} issues={e instanceof ApiError ? e.issues : []} />,
        okText: '知道了',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="评分表"
        extra={
          <Button type="primary" icon={<ImportOutlined />} loading={busy} onClick={() => void importFile()}>
            导入评分表文件
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          评分表是带版本号和生效日期的数据（D8）：每次评估都记下所用的版本，多年后仍可按原表重印。同一版本号不能有两种内容；市局发布新版本时请使用新的版本号（.json 文件）。
        </Typography.Paragraph>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="导入新版本后需重新评估"
          description="评分表有新版本时，使用该类评分表的单位自新版本生效之日起应重新评估（R18.10），工作台的“待办”会列出到期的单位。"
        />
        {imported?.stored && (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setImported(null)}
            style={{ marginBottom: 16 }}
            message={`已导入 ${imported.id} 版本 ${imported.version}`}
            description="相关单位自该版本生效之日起需重新评估（R18.10）。"
          />
        )}
        <Loaded state={tables}>
          {(rows) => (
            <Table
              data-testid="table-sets"
              size="middle"
              rowKey={(r) => `${r.id}@${r.version}`}
              dataSource={rows}
              pagination={false}
              locale={{ emptyText: '还没有评分表' }}
              columns={[
                { title: '编号', dataIndex: 'id', width: 140 },
                { title: '版本', dataIndex: 'version', width: 140 },
                { title: '名称', dataIndex: 'title' },
                { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
                {
                  title: '性质',
                  dataIndex: 'official',
                  width: 100,
                  render: (o: boolean) => (o ? <Tag color="green">正式</Tag> : <Tag color="orange">参考分值</Tag>),
                },
                { title: '已确认评估', dataIndex: 'assessments', width: 110, align: 'right', render: (n: number) => `${n} 次` },
                { title: '导入时间', dataIndex: 'storedAt', width: 150, render: (s: string) => s.slice(0, 16).replace('T', ' ') },
              ]}
            />
          )}
        </Loaded>
      </Card>
    </Space>
  );
}
