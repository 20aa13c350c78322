import { useId } from 'react';
import type { PublicProgress } from './api';
import { formatCount } from './format-count';
import type { PublicI18n } from './use-public-i18n';

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { left: 52, right: 16, top: 16, bottom: 36 };
const STEPS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/** Returns a round axis maximum and tick step for values up to `max`, with at most 5 intervals. */
function niceAxis(max: number): { top: number; step: number } {
  const step = STEPS.find((s) => Math.ceil(max / s) <= 5) ?? Math.ceil(max / 5);
  return { top: Math.max(step, Math.ceil(max / step) * step), step };
}

/**
 * The chart of households relocated over time (cumulative, by month), in plain SVG. Only published
 * months are plotted: a line joins them, so hidden months show as the straight stretches in between.
 * The same figures are in the table that follows it.
 */
export function ProgressChart({ i18n, progress }: { i18n: PublicI18n; progress: PublicProgress }) {
  const { t } = i18n;
  const titleId = useId();
  const descId = useId();
  const months = progress.byMonth;
  const points = months.flatMap((m, i) => (m.households.suppressed ? [] : [{ i, month: m.month, value: m.households.value }]));
  const max = Math.max(0, ...points.map((p) => p.value));
  const { top, step } = niceAxis(max || 10);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (i: number) => MARGIN.left + (months.length <= 1 ? plotWidth / 2 : (i / (months.length - 1)) * plotWidth);
  const y = (v: number) => MARGIN.top + plotHeight - (v / top) * plotHeight;
  const ticks = Array.from({ length: top / step + 1 }, (_, n) => n * step);
  const years = months.flatMap((m, i) => (m.month.endsWith('-01') ? [{ i, year: m.month.slice(0, 4) }] : []));
  const yearEvery = Math.max(1, Math.ceil(years.length / 8));
  const changes = points.filter((p, n) => n === 0 || p.value !== points[n - 1]?.value);
  const first = months[0]?.month ?? progress.asOfMonth;
  const last = months[months.length - 1]?.month ?? progress.asOfMonth;

  return (
    <figure className="progress-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="progress-chart__svg"
        data-testid="progress-chart"
      >
        <title id={titleId}>{t('chart.title')}</title>
        <desc id={descId}>
          {t('chart.desc', { first: i18n.formatMonth(first), last: i18n.formatMonth(last), k: progress.disclosure.k })}
        </desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="progress-chart__grid" />
            <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" className="progress-chart__tick">
              {i18n.formatNumber(tick)}
            </text>
          </g>
        ))}
        {years
          .filter((_, n) => n % yearEvery === 0)
          .map(({ i, year }) => (
            <g key={year}>
              <line x1={x(i)} x2={x(i)} y1={MARGIN.top + plotHeight} y2={MARGIN.top + plotHeight + 5} className="progress-chart__axis" />
              <text x={x(i)} y={HEIGHT - 12} textAnchor="middle" className="progress-chart__tick">
                {year}
              </text>
            </g>
          ))}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="progress-chart__axis" />
        <polyline className="progress-chart__line" points={points.map((p) => `${x(p.i)},${y(p.value)}`).join(' ')} />
        {changes.map((p) => (
          <circle key={p.month} cx={x(p.i)} cy={y(p.value)} r={3.5} className="progress-chart__dot" />
        ))}
      </svg>
      <figcaption className="progress-chart__caption">{t('chart.axis')}</figcaption>
      <details className="progress-chart__details">
        <summary>{t('chart.showTable')}</summary>
        <div className="table-scroll">
          <table className="data-table" data-testid="months-table">
            <caption>{t('chart.months')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.month')}</th>
                <th scope="col" className="num">
                  {t('table.households')}
                </th>
                <th scope="col" className="num">
                  {t('table.people')}
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{i18n.formatMonth(m.month)}</th>
                  <td className="num">{m.households.suppressed ? t('chart.notPublished') : formatCount(i18n, m.households)}</td>
                  <td className="num">{m.people.suppressed ? t('chart.notPublished') : formatCount(i18n, m.people)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
