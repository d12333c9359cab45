/** The validation errors of a table-set file: the message, then each issue at its JSON path. */
import { Typography } from 'antd';

export function TableImportErrors({ message, issues }: { message: string; issues: { path: (string | number)[]; message: string }[] }) {
  const shown = issues.slice(0, 50);
  return (
    <div data-testid="table-import-errors">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{message}</Typography.Paragraph>
      {shown.length > 0 && (
        <ul style={{ maxHeight: 320, overflow: 'auto', paddingInlineStart: 20, margin: 0 }}>
          {shown.map((i, n) => (
            <li key={n} style={{ marginBottom: 4 }}>
              {i.path.length > 0 && <Typography.Text code>{pathText(i.path)}</Typography.Text>} {i.message}
            </li>
          ))}
        </ul>
      )}
      {issues.length > shown.length && <Typography.Text type="secondary">…另有 {issues.length - shown.length} 处</Typography.Text>}
    </div>
  );
}

/** ['kinds', 'underground', 'items', 3, 'max'] → kinds.underground.items[3].max */
function pathText(p: (string | number)[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
