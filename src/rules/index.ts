// Public surface of the pure rules core.
export * from './enterprise.js';
export * from './key-name.js';
export * from './levels/level-ladder.js';
export * from './prng.js';
export * from './rules-config.js';
export * from './season/season-config.js';
export * from './reason.js';
export * from './rules.errors.js';
export { phaseAt, phaseObjectAt, matchGroup, seasonCalendar, type PhaseKey, type SeasonCalendar, type CalendarPhase } from './season/season-calendar.js';
export { createSeasonMachine, SEASON_MACHINE_VERSION, type SeasonMachine, type SeasonMachineContext, type SeasonMachineEvent, type PhaseChange } from './season/season.machine.js';
export * from './levels/response-level.machine.js';
export { levelAt } from './levels/level-at.js';
export * from './levels/level-recommendation.js';
export { deriveOrder, type DerivationMeta } from './orders/order-derivation.js';
export * from './orders/order.types.js';
export * from './orders/proposal-validation.js';
