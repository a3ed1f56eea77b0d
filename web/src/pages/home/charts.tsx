import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { ItemCounts } from '../../api/queries/stats.ts';

/** One bar of a completion chart: a unit, aspect or department with its counts. */
export interface CompletionBar {
  name: string;
  counts: ItemCounts;
}

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

const FONT = '-apple-system, "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

/** One ECharts instance bound to a div: created once, given each new option, resized with the window and its box. */
function Chart({ option, height }: { option: Option; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    // The side menu collapsing changes the box without resizing the window.
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    return () => {
      window.removeEventListener('resize', resize);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} aria-hidden="true" style={{ width: '100%', height }} />;
}

const COLOURS = { completed: '#52c41a', partial: '#13c2c2', open: '#d9d9d9' };

export function CompletionChart({
  bars,
  labels,
  height,
}: {
  bars: CompletionBar[];
  labels: { completed: string; partial: string; open: string };
  height: number;
}) {
  const { completed, partial, open } = labels;
  const option = useMemo<Option>(() => {
    // The first bar is drawn on top, as the list reads.
    const ordered = [...bars].reverse();
    const series = (name: string, colour: string, pick: (b: CompletionBar) => number) => ({
      type: 'bar' as const,
      name,
      stack: 'items',
      barMaxWidth: 18,
      itemStyle: { color: colour },
      emphasis: { focus: 'series' as const },
      data: ordered.map(pick),
    });
    return {
      textStyle: { fontFamily: FONT },
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, left: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: ordered.map((b) => b.name),
        axisLabel: { width: 160, overflow: 'truncate' },
      },
      series: [
        series(completed, COLOURS.completed, (b) => b.counts.completed),
        series(partial, COLOURS.partial, (b) => b.counts.partiallyCompleted),
        series(open, COLOURS.open, (b) => b.counts.notCompleted),
      ],
    };
  }, [bars, completed, partial, open]);
  return <Chart option={option} height={height} />;
}

export function TrendChart({
  points,
  seriesName,
  height,
}: {
  points: { date: string; overdue: number }[];
  seriesName: string;
  height: number;
}) {
  const option = useMemo<Option>(
    () => ({
      textStyle: { fontFamily: FONT },
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.date) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          name: seriesName,
          data: points.map((p) => p.overdue),
          itemStyle: { color: '#ff4d4f' },
          areaStyle: { color: 'rgba(255, 77, 79, 0.12)' },
          symbolSize: 6,
        },
      ],
    }),
    [points, seriesName],
  );
  return <Chart option={option} height={height} />;
}
