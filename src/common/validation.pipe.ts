import { BadRequestException, UnprocessableEntityException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { SANE_INSTANT } from './dto/sane-instant.js';

/** Constraints that only fail on well-formed but absurd values (422 rather than 400). */
const UNPROCESSABLE_CONSTRAINTS = new Set([SANE_INSTANT]);

function constraintNames(errors: ValidationError[]): string[] {
  const out: string[] = [];
  const stack = [...errors];
  while (stack.length > 0) {
    const e = stack.pop()!;
    out.push(...Object.keys(e.constraints ?? {}));
    stack.push(...(e.children ?? []));
  }
  return out;
}

/** The app's one validation pipe: whitelisted, transformed DTOs; 400 for malformed input, 422 for out-of-range instants. */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  override createExceptionFactory() {
    return (errors: ValidationError[] = []) => {
      const messages = this.flattenValidationErrors(errors);
      const names = constraintNames(errors);
      return names.length > 0 && names.every((n) => UNPROCESSABLE_CONSTRAINTS.has(n)) ? new UnprocessableEntityException(messages) : new BadRequestException(messages);
    };
  }
}
