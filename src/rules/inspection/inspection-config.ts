// What the inspection rules read from inspection.yaml: draw weights, the power-anomaly test,
// evidence limits and penalties. config/inspection-config.ts parses the file into it.

/** Risk factors of the double-random draw; each applicable factor multiplies `base`. */
export interface DrawWeights {
  base: number;
  overdueAck: number;
  powerAnomaly: number;
  /** Compounds per past violation: factor^min(violations, pastViolationsCap). */
  pastViolationFactor: number;
  pastViolationsCap: number;
}

export interface PenaltyItem {
  key: string;
  /** Chinese name, as in the seed clause. */
  name: string;
  amountYuan: number;
  /** Seed clause the amount rests on, e.g. "51". */
  clause: string;
}

/** What a line finding can be found to be; each maps to a penalty item. */
export const FINDING_KINDS = ['running_when_stop', 'reduced_when_stop', 'banked_when_banking_forbidden', 'over_load_cap', 'cells_not_stopped'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type BaselineMethod = 'median';

export interface InspectionConfig {
  draw: { allowHomeCounty: boolean; stratify: boolean; weights: DrawWeights };
  powerAnomaly: {
    /** A reading above thresholdShare × baseline is anomalous. */
    thresholdShare: number;
    baseline: { method: BaselineMethod; windowDays: number; minReadings: number };
  };
  evidence: { maxBytes: number; allowedMimeTypes: string[]; maxPhotosPerFinding: number; maxPixels: number; exifTimeToleranceMinutes: number };
  /** Keyed by penalty key. */
  penalties: Record<string, PenaltyItem>;
  /** Finding kind → penalty key. */
  findingPenalties: Record<FindingKind, string>;
}
