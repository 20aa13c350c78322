/** One row of calendar.txt: which weekdays a service runs. */
export type GtfsCalendar = Record<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday', string | undefined>;

const DAYS: Array<keyof GtfsCalendar> = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Returns, per service_id, the days a week it runs: the weekday flags of calendar.txt, or — for a service
 * defined only by calendar_dates.txt — its added dates averaged over the weeks the feed spans.
 */
export function serviceDaysPerWeek(
  calendar: Array<GtfsCalendar & { service_id?: string }>,
  calendarDates: Array<{ service_id?: string; date?: string; exception_type?: string }>,
): Map<string, number> {
  const days = new Map<string, number>();
  for (const row of calendar) {
    if (row.service_id) days.set(row.service_id, DAYS.filter((d) => row[d]?.trim() === '1').length);
  }
  const added = new Map<string, Set<string>>();
  let first = '99999999';
  let last = '00000000';
  for (const row of calendarDates) {
    if (!row.service_id || !row.date || row.exception_type?.trim() !== '1' || days.has(row.service_id)) continue;
    if (!added.has(row.service_id)) added.set(row.service_id, new Set());
    added.get(row.service_id)!.add(row.date);
    if (row.date < first) first = row.date;
    if (row.date > last) last = row.date;
  }
  if (added.size > 0) {
    const toDate = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)));
    const weeks = Math.max(1, Math.ceil(((toDate(last) - toDate(first)) / 86_400_000 + 1) / 7));
    for (const [service, dates] of added) days.set(service, dates.size / weeks);
  }
  return days;
}
