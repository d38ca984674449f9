/**
 * Counts over time with uPlot (bundled). The canvas is decorative for screen readers: the
 * figure's label states the numbers, and `details` offers them as a table.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DateCount } from '../api.ts';

const DAY = 86_400;

/** `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) → Unix seconds at UTC midnight. */
function toSeconds(date: string): number {
  const [y, m = '01', d = '01'] = date.split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 1000;
}

/** One point per day between the first and last date, zeros filled in, so bars sit on a true time axis. */
function series(points: DateCount[]): [number[], (number | null)[]] {
  const byDay = new Map<number, number>();
  for (const p of points) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.date)) continue;
    const t = toSeconds(p.date);
    byDay.set(t, (byDay.get(t) ?? 0) + p.count);
  }
  if (byDay.size === 0) return [[], []];
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  // Pad a day each side so a single day still shows as a bar, not a line on the edge.
  for (let t = first - DAY; t <= last + DAY; t += DAY) {
    xs.push(t);
    ys.push(byDay.get(t) ?? null); // null: no bar (a zero would draw a sliver)
  }
  return [xs, ys];
}

export interface CountChartProps {
  points: DateCount[];
  /** What is counted, for the accessible label ("articles", "mentions"). */
  label: string;
  /** `spark`: a small chart without axes (story cards); `full`: with axes. */
  size?: 'spark' | 'full';
}

export function CountChart({ points, label, size = 'full' }: CountChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const spark = size === 'spark';
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const data = series(points);
    if (data[0].length === 0) return;
    const height = spark ? 48 : 180;
    const width = () => Math.max(120, Math.floor(el.clientWidth || 300));
    const plot = new uPlot(
      {
        width: width(),
        height,
        legend: { show: false },
        padding: spark ? [4, 4, 0, 4] : [8, 40, 0, 8],
        cursor: { show: !spark, drag: { x: false, y: false } },
        // Dates are calendar days: show and split them in UTC whatever the browser's zone.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max ?? 1)] } },
        axes: spark
          ? [{ show: false }, { show: false }]
          : [
              {
                stroke: '#444',
                grid: { stroke: '#eee' },
                incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY],
                values: (_u, splits) => splits.map((t) => new Date(t * 1000).toISOString().slice(0, 10)),
              },
              { stroke: '#444', grid: { stroke: '#eee' }, incrs: [1, 2, 5, 10, 20, 50, 100, 500, 1000] },
            ],
        series: [
          {},
          {
            label,
            stroke: '#1f5fa8',
            fill: 'rgba(31, 95, 168, 0.35)',
            width: 1,
            paths: uPlot.paths.bars?.({ size: [0.8, 24] }),
            points: { show: false },
          },
        ],
      },
      data as uPlot.AlignedData,
      el,
    );
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [points, label, spark]);

  const total = points.reduce((n, p) => n + p.count, 0);
  const dated = points.filter((p) => p.date).sort((a, b) => a.date.localeCompare(b.date));
  const range = dated.length ? `${dated[0]!.date} to ${dated[dated.length - 1]!.date}` : 'no dates';
  const summary = `${total} ${label} over time, ${range}`;
  if (dated.length === 0) return <p class="muted">No dated {label}.</p>;
  return (
    <figure class={`chart chart-${size}`}>
      <div ref={box} class="chart-canvas" role="img" aria-label={summary} />
      {!spark && (
        <details>
          <summary>Data table</summary>
          <table>
            <caption class="sr-only">{summary}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">{label}</th>
              </tr>
            </thead>
            <tbody>
              {dated.map((p) => (
                <tr key={p.date}>
                  <td>{p.date}</td>
                  <td>{p.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
