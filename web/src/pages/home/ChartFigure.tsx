import { Alert, Spin } from 'antd';
import { Component, lazy, type ReactNode, Suspense } from 'react';
import type { OverdueTrend } from '../../api/queries/stats.ts';
import { useT } from '../../i18n/index.tsx';
import type { CompletionBar } from './charts.tsx';
import { homeMessages } from './messages.ts';

// ECharts is a large library: it comes in its own chunk, fetched only when a chart is first shown.
const CompletionChart = lazy(() => import('./charts.tsx').then((m) => ({ default: m.CompletionChart })));
const TrendChart = lazy(() => import('./charts.tsx').then((m) => ({ default: m.TrendChart })));

class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The chart is drawn for the eye; the figure's label carries the same numbers in words for screen readers. */
function Figure({ summary, height, children }: { summary: string; height: number; children: ReactNode }) {
  const t = useT(homeMessages);
  return (
    <figure aria-label={summary} style={{ margin: 0, position: 'relative' }}>
      <ChartBoundary fallback={<Alert type="warning" showIcon title={summary} />}>
        <Suspense
          fallback={
            <div style={{ height, display: 'grid', placeItems: 'center' }}>
              <Spin description={t('chartLoading')} />
            </div>
          }
        >
          {children}
        </Suspense>
      </ChartBoundary>
    </figure>
  );
}

export function completionHeight(bars: number) {
  return Math.max(180, bars * 30 + 70);
}

/** Stacked horizontal bars (完成 / 阶段性完成 / 未完成) for units, aspects or departments, with a table for screen readers. */
export function CompletionFigure({ title, bars }: { title: string; bars: CompletionBar[] }) {
  const t = useT(homeMessages);
  const labels = { completed: t('completed'), partial: t('partiallyCompleted'), open: t('notCompleted') };
  const rows = bars
    .map((b) =>
      t('barsRow', {
        name: b.name,
        c: b.counts.completed,
        p: b.counts.partiallyCompleted,
        o: b.counts.notCompleted,
      }),
    )
    .join('；');
  const summary = t('barsSummary', { title, n: bars.length, rows });
  return (
    <Figure summary={summary} height={completionHeight(bars.length)}>
      <CompletionChart bars={bars} labels={labels} height={completionHeight(bars.length)} />
    </Figure>
  );
}

export function TrendFigure({ trend }: { trend: OverdueTrend }) {
  const t = useT(homeMessages);
  const top = trend.points.reduce((a, b) => (b.overdue > a.overdue ? b : a), trend.points[0]);
  const summary = t('overdueTrendSummary', {
    from: trend.from ?? '',
    max: top?.overdue ?? 0,
    maxDate: top?.date ?? '',
    now: trend.points.at(-1)?.overdue ?? 0,
  });
  return (
    <Figure summary={summary} height={260}>
      <TrendChart points={trend.points} seriesName={t('overdue')} height={260} />
    </Figure>
  );
}
