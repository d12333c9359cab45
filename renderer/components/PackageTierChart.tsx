/** Units by tier per county (stacked bars in the R23 colours), aggregated from `units.list`. */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { TIER_COLORS } from '../ui';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface CountyTiers {
  county: string;
  D: number;
  C: number;
  B: number;
  A: number;
  none: number;
}

const SERIES = [
  { key: 'D', name: 'D级 重大风险', color: TIER_COLORS.D },
  { key: 'C', name: 'C级 较大风险', color: TIER_COLORS.C },
  { key: 'B', name: 'B级 一般风险', color: TIER_COLORS.B },
  { key: 'A', name: 'A级 低风险', color: TIER_COLORS.A },
  { key: 'none', name: '未定级', color: '#bfbfbf' },
] as const;

/** Counts units by county and tier. */
export function tiersByCounty(units: { county: string; tier: 'A' | 'B' | 'C' | 'D' | null }[]): CountyTiers[] {
  const m = new Map<string, CountyTiers>();
  for (const u of units) {
    const c = m.get(u.county) ?? { county: u.county, D: 0, C: 0, B: 0, A: 0, none: 0 };
    c[u.tier ?? 'none']++;
    m.set(u.county, c);
  }
  return [...m.values()].sort((a, b) => a.county.localeCompare(b.county, 'zh-CN'));
}

export function PackageTierChart({ data }: { data: CountyTiers[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      textStyle: { fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.map((d) => d.county), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: '单位数', minInterval: 1 },
      series: SERIES.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'tier',
        barMaxWidth: 48,
        itemStyle: { color: s.color },
        label: { show: true, formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : ''), color: '#fff', fontSize: 11 },
        data: data.map((d) => d[s.key]),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [data]);
  return <div ref={el} data-testid="tier-chart" style={{ width: '100%', height: 320 }} />;
}
