/** 工作台's chart: units by kind, stacked by tier in the R23 risk colours (echarts, tree-shaken). */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { KIND_IDS, TIER_NAMES, type KindId, type Tier } from '../../src/domain/rules';
import { TIER_COLORS } from '../ui';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Short kind names for the axis (the full names are in the tooltip). */
const SHORT: Record<KindId, string> = {
  underground: '地下矿山',
  openpit: '露天矿山',
  tailings: '尾矿库',
  quarry: '采石场、粘土',
  exploration: '地质勘探',
  contractor: '采掘施工',
  concentrator: '选矿厂',
  other: '地热、矿泉水等',
};

const SERIES: { key: Tier | 'none'; name: string; color: string }[] = [
  { key: 'D', name: `D级 ${TIER_NAMES.D}`, color: TIER_COLORS.D },
  { key: 'C', name: `C级 ${TIER_NAMES.C}`, color: TIER_COLORS.C },
  { key: 'B', name: `B级 ${TIER_NAMES.B}`, color: TIER_COLORS.B },
  { key: 'A', name: `A级 ${TIER_NAMES.A}`, color: TIER_COLORS.A },
  { key: 'none', name: '未定级', color: '#BFBFBF' },
];

export function DashboardChart({ byKind, height = 300 }: { byKind: Partial<Record<KindId, Record<string, number>>>; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const kinds = KIND_IDS.filter((k) => byKind[k] !== undefined);
    const shown = kinds.length > 0 ? kinds : [...KIND_IDS];
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 8, right: 16, top: 40, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: shown.map((k) => SHORT[k]), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: SERIES.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'tier',
        barMaxWidth: 48,
        itemStyle: { color: s.color },
        emphasis: { focus: 'series' },
        data: shown.map((k) => byKind[k]?.[s.key] ?? 0),
      })),
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [byKind]);
  return <div ref={el} data-testid="dashboard-chart" style={{ width: '100%', height }} />;
}
