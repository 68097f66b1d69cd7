// Power data per line (分表计电, RULES.md §4): a line ordered to stop that still draws more
// than a set share of its normal power is an anomaly worth an inspection.

import type { InspectionConfig } from './inspection-config.js';
import { RulesInputError } from '../rules.errors.js';

export interface PowerReading {
  /** Epoch milliseconds. */
  at: number;
  kw: number;
}

export interface AnomalyJudgement {
  /** null: not judged (no baseline). */
  anomalous: boolean | null;
  /** Chinese explanation for the inspection list. */
  explanation: string;
}

type PowerConfig = Pick<InspectionConfig, 'powerAnomaly'>;

const DAY_MS = 86_400_000;

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/**
 * Normal power of a line: the median of its readings in the `windowDays` before `before`
 * (the order's start; readings at `before` or later are excluded, as the order may already
 * be in force). Null with fewer than `minReadings`: too little data to accuse anyone.
 */
export function baselineFor(readings: readonly PowerReading[], before: number, config: PowerConfig): number | null {
  if (!Number.isFinite(before)) throw new RulesInputError('before must be a time in epoch milliseconds', { before });
  const { windowDays, minReadings } = config.powerAnomaly.baseline;
  const from = before - windowDays * DAY_MS;
  const kws: number[] = [];
  for (const r of readings) {
    if (!Number.isFinite(r.at) || !Number.isFinite(r.kw) || r.kw < 0) {
      throw new RulesInputError('a power reading needs a finite time and a non-negative kW', { reading: r });
    }
    if (r.at >= from && r.at < before) kws.push(r.kw);
  }
  return kws.length >= minReadings ? median(kws) : null;
}

/** Whether a reading exceeds thresholdShare × baseline; not judged without a positive baseline. */
export function isAnomalous(readingKw: number, baselineKw: number | null, config: PowerConfig): AnomalyJudgement {
  if (!Number.isFinite(readingKw) || readingKw < 0) throw new RulesInputError('readingKw must be a non-negative number', { readingKw });
  const { thresholdShare, baseline } = config.powerAnomaly;
  if (baselineKw === null) {
    return { anomalous: null, explanation: `停产前${baseline.windowDays}天内电量读数少于${baseline.minReadings}个，无法确定正常用电基线，不作判断。` };
  }
  // A zero baseline means the meter saw the line idle before the order: no share of it is meaningful.
  if (baselineKw <= 0) return { anomalous: null, explanation: '停产前正常用电基线为0，不作判断。' };
  const limit = thresholdShare * baselineKw;
  const pct = Math.round(thresholdShare * 1000) / 10;
  const share = Math.round((readingKw / baselineKw) * 1000) / 10;
  return readingKw > limit
    ? { anomalous: true, explanation: `用电${readingKw}千瓦，为正常用电基线${baselineKw}千瓦的${share}%，超过${pct}%的阈值，疑似未落实停产措施，应安排检查。` }
    : { anomalous: false, explanation: `用电${readingKw}千瓦，为正常用电基线${baselineKw}千瓦的${share}%，未超过${pct}%的阈值。` };
}
