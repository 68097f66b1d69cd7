import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiText, previewOpenApiDocument } from '../../../src/cli/openapi.js';
import { ROOT } from '../../support/service-process.js';

describe("the console's committed OpenAPI document", () => {
  it('is the live one: run `npm run openapi` after changing an endpoint (the typed client is generated from it)', async () => {
    const committed = readFileSync(join(ROOT, 'src/web/console/api/openapi.json'), 'utf8');
    const live = openApiText(await previewOpenApiDocument());
    expect(JSON.parse(committed)).toEqual(JSON.parse(live));
    expect(Object.keys(JSON.parse(live).paths)).toContain('/api/v1/auth/session');
  }, 60_000);
});
