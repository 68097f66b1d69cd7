import { cityIso } from '../shared/wording';

export interface ForecastSeries {
  county: string;
  points: Array<{ at: string; aqi: number }>;
}

/**
 * A forecast pasted or uploaded as CSV: `county,time,aqi` per line (a header line is skipped;
 * times without an offset are the city's wall clock). Answers the series and every bad line.
 */
export function parseForecastCsv(text: string, timeZone: string): { series: ForecastSeries[]; problems: string[] } {
  const by = new Map<string, ForecastSeries>();
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const cells = line.split(/[,，\t]/).map((c) => c.trim());
    if (i === 0 && !/\d/.test(cells[2] ?? '')) return; // header
    const [county, time, aqiText] = cells;
    const aqi = Number(aqiText);
    if (!county || !time || aqiText === undefined || aqiText === '' || !Number.isFinite(aqi) || aqi < 0) {
      problems.push(`第 ${i + 1} 行：应为“县区,时间,AQI”，AQI 为非负数`);
      return;
    }
    const local = time.replace(' ', 'T');
    const at = /[zZ]|[+-]\d{2}:?\d{2}$/.test(local) ? local : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local) ? cityIso(local, timeZone) : null;
    if (!at || Number.isNaN(Date.parse(at))) {
      problems.push(`第 ${i + 1} 行：时间“${time}”应写成 2026-12-10 08:00`);
      return;
    }
    const s = by.get(county) ?? by.set(county, { county, points: [] }).get(county)!;
    s.points.push({ at, aqi });
  });
  for (const s of by.values()) s.points.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { series: [...by.values()], problems };
}
