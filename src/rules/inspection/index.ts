// Public surface of the inspection rules core (issue 5): pure functions, no I/O.
export * from './inspection-config.js';
export * from './double-random-draw.js';
export * from './finding-verdict.js';
export * from './power-anomaly.js';
export * from './county-ranking.js';
export * from './status-report-check.js';
