import { useId } from 'react';

/** One line of the chart: a value (0–1) per month, null where it is not published or undefined. */
export type SeriesLine = { key: string; label: string; colour: string; dash?: string; width?: number; values: Array<number | null> };

export interface SeriesChartProps {
  title: string;
  description: string;
  months: string[];
  lines: SeriesLine[];
}

// SVG user units; the SVG scales to its box.
const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 36;
const RIGHT = 28;
const TOP = 12;
const BOTTOM = 28;

/**
 * A line chart of indices (0–1) by month, with a legend of its lines. Lines that may coincide get
 * different widths (the widest first) so each stays visible. The table or figures beside it are
 * the accessible form; the SVG carries a title and a description.
 */
export function SeriesChart({ title, description, months, lines }: SeriesChartProps) {
  const titleId = useId();
  const descId = useId();
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (months.length <= 1 ? plotW / 2 : (plotW * i) / (months.length - 1));
  const y = (v: number) => TOP + plotH * (1 - Math.max(0, Math.min(1, v)));
  // About six month labels along the axis, always the first and the last.
  const step = Math.max(1, Math.ceil(months.length / 6));
  const labelled = months.map((_, i) => i).filter((i) => i % step === 0 || i === months.length - 1);

  const pathOf = (values: Array<number | null>) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };

  return (
    <figure className="segregation-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} stroke="#dde3ea" strokeWidth={1} />
            <text x={LEFT - 6} y={y(tick) + 4} fontSize={10} textAnchor="end" fill="#4a5568">
              {tick}
            </text>
          </g>
        ))}
        {labelled.map((i) => (
          <text key={months[i]} x={x(i)} y={HEIGHT - 8} fontSize={10} textAnchor="middle" fill="#4a5568">
            {months[i]}
          </text>
        ))}
        {lines.map((line) => (
          <path key={line.key} d={pathOf(line.values)} fill="none" stroke={line.colour} strokeWidth={line.width ?? 2.2} strokeDasharray={line.dash} data-line={line.key} />
        ))}
      </svg>
      <figcaption>
        <ul className="segregation-chart__legend">
          {lines.map((line) => (
            <li key={line.key}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" stroke={line.colour} strokeWidth={line.width ?? 2.2} strokeDasharray={line.dash} />
              </svg>
              {line.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
