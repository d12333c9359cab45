/**
 * Calendar dates as `YYYY-MM-DD` strings (CLI.md: "Dates are YYYY-MM-DD"). Strings of this form
 * compare correctly with `<`, so the engine keeps dates as strings and uses dayjs only for
 * arithmetic and checking.
 */
import dayjs from 'dayjs';
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a real calendar date written `YYYY-MM-DD` (2023-02-29 is not one). */
export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
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
  return dayjs(date).add(months, 'month').format('YYYY-MM-DD');
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** 2024-03-20 → 2024年3月20日 (reports). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
