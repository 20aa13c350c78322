import type { CSSProperties } from 'react';
import './timeline-bars.css';

/** One bar of the timeline: months as 'YYYY-MM'; a missing start or end falls back to the reference month. */
export interface TimelineItem {
  key: string;
  name: string;
  status: string;
  progressPct: number;
  startMonth: string | null;
  endMonth: string | null;
  updateMonths: string[];
}

const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Returns the first and last month (as month numbers) the timeline must show, in whole years. */
function domain(items: readonly TimelineItem[], asOfMonth: string): [number, number] {
  const months = items.flatMap((i) => [i.startMonth, i.endMonth, ...i.updateMonths]).filter((m): m is string => m !== null);
  months.push(asOfMonth);
  const first = Math.min(...months.map(monthNumber));
  const last = Math.max(...months.map(monthNumber));
  return [first - (first % 12), last - (last % 12) + 12];
}

interface TimelineBarsProps {
  items: readonly TimelineItem[];
  asOfMonth: string;
  formatPercent: (percent: number) => string;
  testId?: string;
}

/**
 * Interventions on a time line: a bar from start to end month, filled by progress, a dot at each
 * update. Purely visual (aria-hidden): the page puts the same figures in a table for assistive technology.
 */
export function TimelineBars({ items, asOfMonth, formatPercent, testId }: TimelineBarsProps) {
  const [from, to] = domain(items, asOfMonth);
  const span = to - from;
  const pos = (month: string) => `${((monthNumber(month) - from) / span) * 100}%`;
  const years = Array.from({ length: span / 12 }, (_, n) => Math.floor(from / 12) + n);
  const yearEvery = Math.max(1, Math.ceil(years.length / 8));
  return (
    <div className="timeline" aria-hidden="true" data-testid={testId}>
      <div className="timeline__row timeline__row--axis">
        <span className="timeline__label" />
        <span className="timeline__track timeline__track--axis">
          {years
            .filter((_, n) => n % yearEvery === 0)
            .map((year) => (
              <span key={year} className="timeline__year" style={{ left: pos(`${year}-01`) }}>
                {year}
              </span>
            ))}
        </span>
        <span className="timeline__value" />
      </div>
      {items.map((item) => {
        const start = item.startMonth ?? item.updateMonths[0] ?? asOfMonth;
        const end = item.endMonth ?? asOfMonth;
        const bar: CSSProperties = {
          left: pos(start),
          width: `${(Math.max(1, monthNumber(end) - monthNumber(start) + 1) / span) * 100}%`,
        };
        return (
          <div key={item.key} className="timeline__row" data-key={item.key}>
            <span className="timeline__label">{item.name}</span>
            <span className="timeline__track">
              <span className={`timeline__bar timeline__bar--${item.status}`} style={bar}>
                <span className="timeline__progress" style={{ width: `${item.progressPct}%` }} />
              </span>
              {item.updateMonths.map((month) => (
                <span key={month} className="timeline__update" style={{ left: pos(month) }} />
              ))}
            </span>
            <span className="timeline__value">{formatPercent(item.progressPct)}</span>
          </div>
        );
      })}
    </div>
  );
}
