/** 假如整改: which deductions, fixed, would bring the unit up to the next better tier (src/engine/whatif.ts). */
import { Alert, Tag, Typography } from 'antd';
import type { WhatIf } from '../../src/engine/whatif';
import { DIRECT_D_CLAUSES } from '../../src/domain/rules';
import { TierTag } from '../ui';
import { num } from '../../src/tables/describe';

export function ScoreWhatIf({ w }: { w: WhatIf }) {
  const note = (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
      只计企业能够整改的扣分项：安全设备设施、安全生产管理、从业人员素质（采掘施工企业含项目部管理），整改后按“不扣分”重新计分；固有风险（开采深度、地质条件、周边环境等）和初始分条件是客观条件，不计入；正向激励不是扣分项。按“整改项数最少”求解，项数相同时取得分最高者。
    </Typography.Paragraph>
  );
  switch (w.status) {
    case 'direct-d':
      return (
        <div data-testid="whatif">
          <Alert
            type="error"
            showIcon
            title="整改扣分项不能改变等级"
            description={`存在直接判定D级的情形（${w.clauses.map((c) => `${c} ${DIRECT_D_CLAUSES[c].label}`).join('；')}），无论得分多少均为D级（R17）。`}
          />
          {note}
        </div>
      );
    case 'best':
      return (
        <div data-testid="whatif">
          <Alert type="success" showIcon title={`得分 ${num(w.score)} 分，已是 ${w.scoreTier} 级，无需整改升级。`} />
        </div>
      );
    case 'impossible':
      return (
        <div data-testid="whatif">
          <Alert
            type="warning"
            showIcon
            title={`假如整改：无法升至 ${w.target} 级`}
            description={`即使整改全部 ${w.fixable} 项可整改的扣分项，得分最多 ${num(w.bestScore)} 分，仍低于 ${w.target} 级下限 ${num(w.needed)} 分。`}
          />
          {note}
        </div>
      );
    case 'ok':
      return (
        <div data-testid="whatif">
          <Alert
            type="info"
            showIcon
            title={
              <span>
                假如整改：需整改 {w.fixes.length} 项即可升至 <TierTag tier={w.target} />
              </span>
            }
            description={`得分 ${num(w.score)} → ${num(w.newScore)} 分（${w.target} 级下限 ${num(w.needed)} 分）`}
          />
          <div style={{ marginTop: 6 }}>
            {w.fixes.map((f, i) => (
              <div key={f.itemId} data-fix={f.itemId} style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0', borderBottom: '1px solid #f5f5f5' }}>
                <span>
                  {i + 1}. {f.itemName} <Tag variant="filled">{f.dimensionName}</Tag>
                </span>
                <Typography.Text type="danger">现扣{num(f.points)}分</Typography.Text>
              </div>
            ))}
          </div>
          {note}
        </div>
      );
  }
}
