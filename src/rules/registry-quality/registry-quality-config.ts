// What the 清单 quality report reads from rules.yaml (`registryQuality`); config/rules-config.ts parses it.

export interface RegistryQualityConfig {
  /**
   * Industries whose enterprises count as air-emitting whatever their registry flag and
   * figures say (an enterprise is air-emitting when its `airEmitting` flag is set, any of its
   * lines has an emission figure above 0, or its industry is listed here).
   */
  airEmittingIndustries: string[];
  /** Check that each level's measures reach the level's `emissionTargets` for the enterprise itself. */
  checkEnterpriseTargets: boolean;
  /** A grade is current for this many months after its `gradedOn`. */
  gradeValidityMonths: number;
  /** Emission figures describing a year more than this many years before the current one are outdated. */
  emissionFiguresMaxAgeYears: number;
}
