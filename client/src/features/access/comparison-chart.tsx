import { useId } from 'react';
import { useI18n } from '../../lib/i18n';
import type { ComparisonRow } from './api';
import { comparisonKindColours, comparisonRowName } from './comparison-rows';
import { formatScore } from './format';

export interface ComparisonChartProps {
  title: string;
  rows: ComparisonRow[];
  /** The score (0–100) of each row shown by this chart. */
  scoreOf: (row: ComparisonRow) => number | null;
}

// Geometry of one small chart, in SVG user units (the SVG scales to its box).
const WIDTH = 440;
const LABEL_W = 170;
const VALUE_W = 34;
const BAR_H = 14;
const ROW_H = 20;
const TOP = 18;
const PLOT_W = WIDTH - LABEL_W - VALUE_W;
const MAX_LABEL = 26;

const shorten = (text: string) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text);

/**
 * One horizontal bar chart of scores (0–100), a bar per place. The figure is a picture of the table
 * above it, which is the accessible form; the SVG still carries a title and a description.
 */
export function ComparisonChart({ title, rows, scoreOf }: ComparisonChartProps) {
  const i18n = useI18n();
  const { t, tEnum } = i18n;
  const titleId = useId();
  const descId = useId();
  const height = TOP + rows.length * ROW_H + 4;
  const x = (score: number) => LABEL_W + (PLOT_W * Math.max(0, Math.min(100, score))) / 100;

  return (
    <figure className="access-chart">
      <h3>{title}</h3>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{title}</title>
        <desc id={descId}>{t('access.comparison.chartDesc')}</desc>
        {[0, 50, 100].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={TOP - 4} y2={height - 2} stroke="#cfd6e0" strokeWidth={1} />
            <text x={x(tick)} y={TOP - 7} fontSize={10} textAnchor="middle" fill="#4a5568">
              {tick}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const score = scoreOf(row);
          const y = TOP + i * ROW_H;
          const name = comparisonRowName(row, i18n);
          // The city average's full name does not fit beside a bar; its kind names it well enough.
          const label = row.kind === 'city-average' ? tEnum('access.comparison.kind', row.kind) : shorten(name);
          return (
            <g key={`${row.kind}-${row.id}`}>
              <text x={LABEL_W - 6} y={y + BAR_H - 3} fontSize={11} textAnchor="end" fill="#18202e" fontWeight={row.kind === 'city-average' ? 700 : 400}>
                <title>{name}</title>
                {label}
              </text>
              {score !== null && (
                <>
                  <rect x={LABEL_W} y={y} width={Math.max(1, x(score) - LABEL_W)} height={BAR_H} fill={comparisonKindColours[row.kind]} rx={2} />
                  <text x={x(score) + 4} y={y + BAR_H - 3} fontSize={11} fill="#18202e">
                    {formatScore(score, i18n)}
                  </text>
                </>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
