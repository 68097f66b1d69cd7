import { RulesErrorCode, RulesInputError } from '../rules/rules.errors.js';
import { DomainError } from './domain-error.js';

/** Runs a pure rules function; its input errors become a 422 with the rules' own message. */
export function withRules<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RulesInputError) throw new DomainError(RulesErrorCode.RULES_INPUT_INVALID, err.message, Object.keys(err.details).length ? err.details : undefined);
    throw err;
  }
}
