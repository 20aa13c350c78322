// "Today" for Punte is the calendar date in Cluj-Napoca, on the server and in the client alike: a consent
// signed at 00:30 in Bucharest is dated that day, although UTC still says yesterday (issue 9).

/** The time zone of Cluj-Napoca. */
export const CITY_TIME_ZONE = 'Europe/Bucharest';

/** Returns the calendar date (YYYY-MM-DD) of `at` in Cluj-Napoca. */
export function todayInCity(at: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
