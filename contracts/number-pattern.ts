/**
 * Document number patterns such as `HT-{YYYY}-{0000}`, shared by the server (which numbers documents) and the
 * settings forms (which check a pattern and preview it before saving): `{YYYY}` is the year, `{YY}` its last two
 * digits, `{MM}` the month, and a run of zeros in braces the counter, padded to that width. Exactly one counter,
 * nothing else in braces.
 */

const TOKEN = /\{(YYYY|YY|MM|0+)\}/g;

export function isNumberPattern(pattern: string): boolean {
  if (pattern.length === 0 || pattern.length > 60) return false;
  const counters = pattern.match(/\{0+\}/g) ?? [];
  return counters.length === 1 && !/[{}]/.test(pattern.replace(TOKEN, ''));
}

/** Whether the counter of `pattern` restarts every year (the pattern shows the year). */
export const restartsYearly = (pattern: string): boolean => /\{YY(YY)?\}/.test(pattern);

/** The number `pattern` gives to document `counter` in the local `year` (4 digits) and `month` (2 digits). */
export function fillNumberPattern(
  pattern: string,
  date: { year: string; month: string },
  counter: number,
): string {
  return pattern.replace(TOKEN, (_all, token: string) => {
    if (token === 'YYYY') return date.year;
    if (token === 'YY') return date.year.slice(-2);
    if (token === 'MM') return date.month;
    return String(counter).padStart(token.length, '0');
  });
}

/** The number `pattern` gives to document `counter` on `day` (a local calendar date, `YYYY-MM-DD`). */
export function previewNumber(pattern: string, day: string, counter = 1): string {
  const [year = '', month = ''] = day.split('-');
  return fillNumberPattern(pattern, { year, month }, counter);
}
