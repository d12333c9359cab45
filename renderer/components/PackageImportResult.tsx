/** What one imported package brought: units, replaced, new table versions, skipped units, conflicts. */
import { Descriptions, Tag, Typography } from 'antd';

export interface PackageImported {
  county: string;
  units: number;
  replaced: number;
  conflicts: { creditCode: string; units: { id: string; origin: string }[] }[];
  skipped: string[];
  newTables: string[];
}

export function PackageImportResult({ r, level }: { r: PackageImported; level: 'county' | 'city' }) {
  return (
    <Descriptions data-testid="package-result" size="small" bordered column={1} styles={{ label: { width: 150 } }}>
      <Descriptions.Item label="来源">{r.county}</Descriptions.Item>
      <Descriptions.Item label="导入单位">{r.units} 个</Descriptions.Item>
      {level === 'city' && <Descriptions.Item label="替换此前数据">{r.replaced} 个</Descriptions.Item>}
      {level === 'county' && (
        <Descriptions.Item label="新的评分表版本">
          {r.newTables.length === 0 ? (
            '无'
          ) : (
            <>
              {r.newTables.map((t) => (
                <Tag key={t} color="blue">
                  {t}
                </Tag>
              ))}
              <Typography.Text type="warning">相关单位自新版本生效之日起需重新评估（R18.10）。</Typography.Text>
            </>
          )}
        </Descriptions.Item>
      )}
      {level === 'county' && (
        <Descriptions.Item label="跳过">
          {r.skipped.length === 0 ? '无' : `${r.skipped.join('、')}（本机已有这些单位的评估或事件记录，保持不变）`}
        </Descriptions.Item>
      )}
      <Descriptions.Item label="信用代码冲突">
        {r.conflicts.length === 0 ? (
          '无'
        ) : (
          <Typography.Text type="danger">
            {r.conflicts.map((c) => `${c.creditCode}：${c.units.map((u) => `${u.id}（${u.origin}）`).join('、')}`).join('；')}
          </Typography.Text>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
