import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Constraint name; a value failing only this (well-formed, but absurd) answers 422, not 400. */
export const SANE_INSTANT = 'saneInstant';

/** Instants the service accepts at all: nothing it plans, judges or publishes lies outside. */
export const SANE_INSTANT_FROM = Date.UTC(2000, 0, 1);
export const SANE_INSTANT_TO = Date.UTC(2100, 0, 1);

export function isSaneInstant(value: unknown): boolean {
  if (typeof value !== 'string' && !(value instanceof Date)) return false;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(ms) && ms >= SANE_INSTANT_FROM && ms < SANE_INSTANT_TO;
}

/** The time (ISO string) lies between 2000 and 2100; checked beside the format check. */
export function IsSaneInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: SANE_INSTANT,
      validator: {
        validate: (value: unknown) => value === null || value === undefined || isSaneInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'the time'} must lie between ${new Date(SANE_INSTANT_FROM).toISOString().slice(0, 10)} and ${new Date(SANE_INSTANT_TO).toISOString().slice(0, 10)}`,
      },
    },
    options,
  );
}
