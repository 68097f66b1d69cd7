import { type ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';

/**
 * A property that is either the referenced object or null. Swagger's own `nullable` on a class
 * type emits `allOf: [$ref]`, which rejects null; OpenAPI 3.0 spells "or null" this way.
 * The referenced class must be registered with `@ApiExtraModels`.
 */
export function nullableRef(model: new (...args: never[]) => unknown, description?: string): ApiPropertyOptions {
  return { anyOf: [{ $ref: getSchemaPath(model) }, { type: 'object', nullable: true, enum: [null] }], ...(description ? { description } : {}) } as ApiPropertyOptions;
}
