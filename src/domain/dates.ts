/**
 * Calendar dates as `YYYY-MM-DD` strings (CLI.md: "Dates are YYYY-MM-DD"). Strings of this form
 * compare correctly with `<`, so the engine keeps dates as strings and does the little date
 * arithmetic it needs on the digits.
 */
import { z } from 'zod';

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by the ASCII digits of `v` from `start` to `end`, or -1 if any is not a digit. */
function digits(v: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** True for a real calendar date written `YYYY-MM-DD` (2023-02-29 is not one). */
export function isIsoDate(v: unknown): v is string {
  // read digit by digit: every sheet and event date passes through here
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  const y = digits(v, 0, 4);
  const m = digits(v, 5, 7);
  const d = digits(v, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : (DAYS[m - 1] as number));
}

/** zod schema for a `YYYY-MM-DD` date, with a Chinese message. */
export const isoDate = z.string().refine(isIsoDate, {
  error: (iss) => `应为 YYYY-MM-DD 格式的日期，实际为 ${JSON.stringify(iss.input)}`,
});

/**
 * CLI.md: "Six months after" and "one year after" keep the day of the month, or take the
 * month's last day where there is none (31 August + 6 months = 28 or 29 February).
 */
export function addMonths(date: string, months: number): string {
  // Arithmetic on the digits (the engine calls this for every trigger); the same result as
  // dayjs(date).add(months, 'month'), which the tests check over many dates.
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const last = m === 2 && leap ? 29 : (DAYS[m - 1] as number);
  const d = Math.min(Number(date.slice(8, 10)), last);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** 2024-03-20 → 2024年3月20日 (reports). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
