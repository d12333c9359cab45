/** Small shared pieces of the UI: tier tags in the risk colours, loading of data, Chinese labels. */
import { Alert, Spin, Tag } from 'antd';
import { useEffect, useState, type DependencyList, type ReactNode } from 'react';
import { KIND_NAMES, TIER_NAMES, type KindId, type Tier } from '../src/domain/rules';
import { useApp } from './store';

/** R23's colours: 重大风险 red, 较大风险 orange, 一般风险 yellow, 低风险 blue. */
export const TIER_COLORS: Record<Tier, string> = { D: '#E60012', C: '#F08300', B: '#E5B700', A: '#0068B7' };

export function TierTag({ tier, long }: { tier: Tier | null | undefined; long?: boolean }) {
  if (!tier) return <Tag>未定级</Tag>;
  return (
    <Tag color={TIER_COLORS[tier]} style={{ fontWeight: 600 }}>
      {long ? `${tier}级 ${TIER_NAMES[tier]}` : `${tier}级`}
    </Tag>
  );
}

/**
 * Secondary or warning text in a table cell: what `<Typography.Text type=…>` shows, as a plain
 * span with antd's own classes. Typography measures its text for ellipsis with a resize observer
 * per instance; a page of the registry has up to 60 of them (计算中…, —), about a quarter of the
 * first screen's React work.
 */
export function CellText({ type, small, children }: { type: 'secondary' | 'warning'; small?: boolean; children: ReactNode }) {
  return (
    <span className={`ant-typography ant-typography-${type}`} style={small ? { fontSize: 12 } : undefined}>
      {children}
    </span>
  );
}

export const kindName = (k: KindId): string => KIND_NAMES[k];

/** Loads data for a screen; reloads when `deps` or the app's change counter change. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): { data: T | undefined; error: string | null; loading: boolean; reload: () => void } {
  const version = useApp((s) => s.version);
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState({ data: undefined, error: e instanceof Error ? e.message : String(e), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, version, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** Shows a spinner, an error, or the content. */
export function Loaded<T>({ state, children }: { state: { data: T | undefined; error: string | null; loading: boolean }; children: (data: T) => ReactNode }) {
  if (state.error) return <Alert type="error" showIcon message="无法读取数据" description={state.error} />;
  if (state.data === undefined) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <>{children(state.data)}</>;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
