import { describe, expect, it } from 'vitest';
import { parseSeasonAqiCsv } from '../../../src/simulations/season-aqi-csv.js';

const counties = [
  { name: '修武县', code: '410821' },
  { name: '温县', code: '410825' },
];
const opts = { counties, timezone: 'Asia/Shanghai', maxDays: 10 };

describe('season AQI CSV', () => {
  it('reads daily rows with English or Chinese headers, codes or names, in any row order; counties in the city order', () => {
    const r = parseSeasonAqiCsv('\uFEFFCounty , Date,AQI\n温县,2026-12-11,80\n410821,2026/12/10,300\n410825,2026-12-10,70\n410821,2026-12-11,310\n', opts);
    expect(r.problems).toEqual([]);
    expect(r.aqi).toEqual([
      { county: '修武县', resolution: 'daily', firstDate: '2026-12-10', values: [300, 310] },
      { county: '温县', resolution: 'daily', firstDate: '2026-12-10', values: [70, 80] },
    ]);
    const zh = parseSeasonAqiCsv('日期,区县,空气质量指数\n2026-12-10,修武县,50\n', opts);
    expect(zh.aqi[0]!.values).toEqual([50]);
  });

  it('reads hourly rows, local or with an offset, from midnight', () => {
    const rows = Array.from({ length: 26 }, (_, h) => {
      const d = h < 24 ? '2026-12-10' : '2026-12-11';
      const hh = String(h % 24).padStart(2, '0');
      return h === 5 ? `${d}T${hh}:00:00+08:00,410821,${h}` : `${d} ${hh}:00,410821,${h}`;
    });
    const r = parseSeasonAqiCsv(['时间,区县,AQI', ...rows].join('\n'), opts);
    expect(r.problems).toEqual([]);
    expect(r.aqi[0]).toMatchObject({ resolution: 'hourly', firstDate: '2026-12-10' });
    expect(r.aqi[0]!.values).toEqual(Array.from({ length: 26 }, (_, h) => h));
  });

  it('lists every row problem with its line and column', () => {
    const r = parseSeasonAqiCsv('date,county,aqi\n2026-13-01,410821,1\n2026-12-10,410899,2\n2026-12-10,410821,-3\n2026-12-10,410821,\n,410821,5\n', opts);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'date'],
      [3, 'county'],
      [4, 'aqi'],
      [5, 'aqi'],
      [6, 'date'],
    ]);
    expect(r.problems[1]!.message).toContain('410821 修武县');
  });

  it('finds gaps, duplicates, hours off the hour or not from midnight, and too long a span', () => {
    const gaps = parseSeasonAqiCsv('date,county,aqi\n2026-12-10,410821,1\n2026-12-13,410821,2\n2026-12-13,410821,3\n', opts);
    expect(gaps.problems.map((p) => [p.row, p.message])).toEqual([
      [3, expect.stringContaining('2 day(s) missing')],
      [4, expect.stringContaining('same day as row 3')],
    ]);
    expect(gaps.aqi).toEqual([]);
    const hours = parseSeasonAqiCsv('datetime,county,aqi\n2026-12-10 01:00,410821,1\n2026-12-10 02:30,410821,2\n', opts);
    expect(hours.problems.map((p) => p.message)).toEqual([expect.stringContaining('not on the hour'), expect.stringContaining('start at 00:00')]);
    const long = parseSeasonAqiCsv('date,county,aqi\n' + Array.from({ length: 11 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')},410821,1`).join('\n'), opts);
    expect(long.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('at most 10 days') })]);
  });

  it('names missing, doubled or conflicting columns and unreadable CSV', () => {
    expect(parseSeasonAqiCsv('foo,bar\n1,2\n', opts).problems.map((p) => p.column)).toEqual(['date', 'county', 'aqi']);
    expect(parseSeasonAqiCsv('date,datetime,county,aqi\n', opts).problems).toEqual([expect.objectContaining({ row: 1, column: 'datetime', message: expect.stringContaining('not both') })]);
    expect(parseSeasonAqiCsv('date,日期,county,aqi\n', opts).problems[0]!.message).toContain('a second date column');
    expect(parseSeasonAqiCsv('', opts).problems[0]!.message).toContain('empty');
    expect(parseSeasonAqiCsv('date,county,aqi\n', opts).problems[0]!.message).toBe('no data rows');
    expect(parseSeasonAqiCsv('date,county,aqi\n"2026-12-10,410821,1\n', opts).problems[0]!.message).toContain('cannot be read');
  });
});
