// The season simulator's input: a CSV of AQI per county, one row per day (date) or per hour
// (datetime), read into one gap-free series per county. Every row and column problem is
// collected, so one 422 lists them all.
import { parse } from 'csv-parse/sync';
import { isLocalDate, localDateOf, localDateTimeMs, localMidnightMs, nextDate, parseInstant } from '../rules/time/local-time.js';
import type { CountyAqi } from '../rules/simulator/season-simulation.types.js';

/** What is wrong (the console words each kind in Chinese: src/web/shared/simulation-wording.ts). */
export type AqiCsvProblemKind =
  | 'unreadable'
  | 'empty'
  | 'no_rows'
  | 'column_missing'
  | 'column_twice'
  | 'columns_conflict'
  | 'time_invalid'
  | 'not_on_hour'
  | 'county_unknown'
  | 'aqi_invalid'
  | 'duplicate'
  | 'gap_days'
  | 'gap_hours'
  | 'not_from_midnight'
  | 'span_too_long';

/** One problem of the CSV: the line (1 is the header), the column when one is concerned, what to fix. */
export interface AqiCsvProblem {
  row: number;
  column: string | null;
  kind: AqiCsvProblemKind;
  /** The cell's text, the county, or the limit concerned; null when none. */
  value: string | null;
  /** The other row (duplicate) or the number missing (gap); null otherwise. */
  ref: number | null;
  message: string;
}

export interface AqiCsvResult {
  aqi: CountyAqi[];
  problems: AqiCsvProblem[];
}

export interface AqiCsvOptions {
  counties: ReadonlyArray<{ name: string; code: string }>;
  timezone: string;
  /** At most this many days from the first to the last date. */
  maxDays: number;
}

type Column = 'date' | 'datetime' | 'county' | 'aqi';

/** Header aliases (case and spaces ignored). */
const ALIASES: Record<Column, readonly string[]> = {
  date: ['date', 'day', '日期'],
  datetime: ['datetime', 'time', 'hour', 'at', '时间', '日期时间', '监测时间'],
  county: ['county', 'county_code', 'countycode', 'county code', 'code', '区县', '县区', '区县代码', '县区代码', '行政区划代码', '区县名称'],
  aqi: ['aqi', '空气质量指数', 'aqi指数'],
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SLASH_DATE = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const LOCAL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const pad = (s: string): string => s.padStart(2, '0');

function normalizeDate(v: string): string {
  const m = SLASH_DATE.exec(v);
  return m ? `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` : v;
}

/** Epoch ms of an hour: ISO with a zone, or a local "YYYY-MM-DD HH:MM" in the city's zone; NaN otherwise. */
function hourMs(v: string, timezone: string): number {
  const withZone = parseInstant(v);
  if (!Number.isNaN(withZone)) return withZone;
  const m = LOCAL_TIME.exec(v);
  if (!m) return Number.NaN;
  return localDateTimeMs(`${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}T${pad(m[4]!)}:${m[5]}:${m[6] ?? '00'}`, timezone);
}

interface Point {
  row: number;
  key: number;
  aqi: number;
}

/** Reads the CSV; `problems` is empty when every row is usable and every county's series has no gap. */
export function parseSeasonAqiCsv(text: string, options: AqiCsvOptions): AqiCsvResult {
  const problems: AqiCsvProblem[] = [];
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { aqi: [], problems: [{ row: typeof line === 'number' ? line : 1, column: null, kind: 'unreadable', value: null, ref: null, message: `the CSV cannot be read: ${(e as Error).message}` }] };
  }
  if (records.length === 0)
    return {
      aqi: [],
      problems: [{ row: 1, column: null, kind: 'empty', value: null, ref: null, message: 'the CSV is empty: give a header (date or datetime, county, aqi) and one row per county and day or hour' }],
    };
  const header = records[0]!.map((h) => h.toLowerCase().replace(/\s+/g, ' ').trim());
  const at: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    for (const col of Object.keys(ALIASES) as Column[]) {
      if (!ALIASES[col].includes(h)) continue;
      if (at[col] !== undefined)
        problems.push({ row: 1, column: records[0]![i]!, kind: 'column_twice', value: col, ref: null, message: `a second ${col} column (the first is ${records[0]![at[col]!]!})` });
      else at[col] = i;
    }
  });
  if (at.date === undefined && at.datetime === undefined)
    problems.push({ row: 1, column: 'date', kind: 'column_missing', value: 'date', ref: null, message: 'no date (日期, one row per day) or datetime (时间, one row per hour) column' });
  if (at.date !== undefined && at.datetime !== undefined)
    problems.push({
      row: 1,
      column: records[0]![at.datetime]!,
      kind: 'columns_conflict',
      value: null,
      ref: null,
      message: 'give either a date column (daily) or a datetime column (hourly), not both',
    });
  if (at.county === undefined)
    problems.push({ row: 1, column: 'county', kind: 'column_missing', value: 'county', ref: null, message: 'no county column (区县: the county code, e.g. 410821, or its name)' });
  if (at.aqi === undefined) problems.push({ row: 1, column: 'aqi', kind: 'column_missing', value: 'aqi', ref: null, message: 'no aqi column (AQI)' });
  if (problems.length > 0) return { aqi: [], problems };
  if (records.length === 1) return { aqi: [], problems: [{ row: 2, column: null, kind: 'no_rows', value: null, ref: null, message: 'no data rows' }] };

  const hourly = at.datetime !== undefined;
  const timeCol = hourly ? at.datetime! : at.date!;
  const timeName = records[0]![timeCol]!;
  const countyName = records[0]![at.county!]!;
  const aqiName = records[0]![at.aqi!]!;
  const byKey = new Map<string, string>();
  for (const c of options.counties) {
    byKey.set(c.code, c.name);
    byKey.set(c.name, c.name);
  }
  const points = new Map<string, Point[]>();
  for (let r = 1; r < records.length; r++) {
    const row = r + 1;
    const rec = records[r]!;
    const t = rec[timeCol] ?? '';
    const c = rec[at.county!] ?? '';
    const v = rec[at.aqi!] ?? '';
    let key = Number.NaN;
    if (hourly) {
      key = hourMs(t, options.timezone);
      if (Number.isNaN(key))
        problems.push({ row, column: timeName, kind: 'time_invalid', value: t, ref: null, message: `"${t}" is not a time: write 2026-11-15 08:00 (local) or 2026-11-15T08:00:00+08:00` });
      else if ((key - localMidnightMs(localDateOf(key, options.timezone), options.timezone)) % HOUR !== 0) {
        problems.push({ row, column: timeName, kind: 'not_on_hour', value: t, ref: null, message: `"${t}" is not on the hour` });
        key = Number.NaN;
      }
    } else {
      const d = normalizeDate(t);
      if (!isLocalDate(d)) problems.push({ row, column: timeName, kind: 'time_invalid', value: t, ref: null, message: `"${t}" is not a date: write 2026-11-15` });
      else key = localMidnightMs(d, options.timezone);
    }
    const county = byKey.get(c);
    if (county === undefined)
      problems.push({
        row,
        column: countyName,
        kind: 'county_unknown',
        value: c,
        ref: null,
        message: c === '' ? 'the county is missing' : `"${c}" is not a county of the city: use its code or name (${options.counties.map((x) => `${x.code} ${x.name}`).join(', ')})`,
      });
    const aqi = v === '' ? Number.NaN : Number(v);
    if (!Number.isFinite(aqi) || aqi < 0 || aqi > 2000)
      problems.push({ row, column: aqiName, kind: 'aqi_invalid', value: v, ref: null, message: v === '' ? 'the AQI is missing' : `"${v}" is not an AQI (a number from 0 to 2000)` });
    if (Number.isNaN(key) || county === undefined || !Number.isFinite(aqi) || aqi < 0 || aqi > 2000) continue;
    (points.get(county) ?? points.set(county, []).get(county)!).push({ row, key, aqi });
  }

  const aqi: CountyAqi[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const [county, list] of points) {
    list.sort((a, b) => a.key - b.key || a.row - b.row);
    const values: number[] = [];
    let ok = true;
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      if (i > 0) {
        const prev = list[i - 1]!;
        if (p.key === prev.key) {
          problems.push({ row: p.row, column: timeName, kind: 'duplicate', value: county, ref: prev.row, message: `${county}: the same ${hourly ? 'hour' : 'day'} as row ${prev.row}` });
          ok = false;
          continue;
        }
        // Days are compared by date (a local midnight may move in zones with summer time).
        const expected = hourly ? prev.key + HOUR : localMidnightMs(nextDate(localDateOf(prev.key, options.timezone)), options.timezone);
        if (p.key !== expected) {
          const missing = hourly ? Math.round((p.key - prev.key) / HOUR) - 1 : Math.round((p.key - prev.key) / DAY) - 1;
          problems.push({
            row: p.row,
            column: timeName,
            kind: hourly ? 'gap_hours' : 'gap_days',
            value: county,
            ref: missing,
            message: `${county}: ${missing} ${hourly ? 'hour(s)' : 'day(s)'} missing before this row (after row ${prev.row}); every ${hourly ? 'hour' : 'day'} needs a value`,
          });
          ok = false;
        }
      }
      values.push(p.aqi);
    }
    const firstKey = list[0]!.key;
    const firstDate = localDateOf(firstKey, options.timezone);
    if (hourly && firstKey !== localMidnightMs(firstDate, options.timezone)) {
      problems.push({ row: list[0]!.row, column: timeName, kind: 'not_from_midnight', value: county, ref: null, message: `${county}: the hourly values must start at 00:00 of the first day` });
      ok = false;
    }
    first = Math.min(first, firstKey);
    last = Math.max(last, list[list.length - 1]!.key);
    if (ok) aqi.push({ county, resolution: hourly ? 'hourly' : 'daily', firstDate, values });
  }
  const span =
    points.size === 0 ? 0 : Math.round((localMidnightMs(localDateOf(last, options.timezone), options.timezone) - localMidnightMs(localDateOf(first, options.timezone), options.timezone)) / DAY) + 1;
  if (span > options.maxDays) {
    problems.push({
      row: 2,
      column: timeName,
      kind: 'span_too_long',
      value: String(options.maxDays),
      ref: null,
      message: `the rows span ${localDateOf(first, options.timezone)} to ${localDateOf(last, options.timezone)}; at most ${options.maxDays} days can be simulated at once`,
    });
  }
  // Counties in the order the city lists them.
  const order = new Map(options.counties.map((c, i) => [c.name, i]));
  aqi.sort((a, b) => order.get(a.county)! - order.get(b.county)!);
  return { aqi, problems };
}
