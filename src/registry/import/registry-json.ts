// JSON form of a registry import: `{ "enterprises": [ <enterprise>, ... ] }` (DESIGN.md).
import type { CityConfig } from '../../config/city-config.js';
import type { Enterprise } from '../../rules/enterprise.js';
import { validateEnterprise, type ValidationContext } from '../validation/enterprise.validator.js';
import type { ImportIssue, RegistryImportResult } from './import-issue.js';

function bodyIssue(message: string): RegistryImportResult<Enterprise> {
  return { enterprises: [], errors: [{ row: null, index: null, enterpriseCode: null, field: 'enterprises', message }] };
}

function codeOf(item: unknown): string | null {
  const code = (item as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.trim() !== '' ? code.trim().toUpperCase() : null;
}

/** Accepts the parsed body, or its text / bytes. A bare array is taken as the enterprises list. */
export function parseRegistryJson(body: unknown, city: CityConfig, context?: ValidationContext): RegistryImportResult<Enterprise> {
  let parsed: unknown = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      parsed = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8').replace(/^\uFEFF/, '') : body.replace(/^\uFEFF/, ''));
    } catch (err) {
      return bodyIssue(`the body is not valid JSON: ${(err as Error).message}`);
    }
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { enterprises?: unknown } | null)?.enterprises;
  if (!Array.isArray(list)) return bodyIssue('the body must be an object { "enterprises": [ ... ] } with a list of enterprises');
  if (list.length === 0) return bodyIssue('enterprises must list at least one enterprise');
  const enterprises: Enterprise[] = [];
  const errors: ImportIssue[] = [];
  const firstIndex = new Map<string, number>();
  list.forEach((item: unknown, index) => {
    const result = validateEnterprise(item, city, context);
    const enterpriseCode = result.ok ? result.value.code : codeOf(item);
    if (!result.ok) {
      for (const issue of result.errors) errors.push({ row: null, index, enterpriseCode, field: issue.field, message: issue.message });
    }
    if (enterpriseCode !== null) {
      const first = firstIndex.get(enterpriseCode);
      if (first !== undefined) {
        errors.push({
          row: null,
          index,
          enterpriseCode,
          field: 'code',
          message: `code ${enterpriseCode} appears more than once in the import (first at index ${first}); list each enterprise once`,
        });
        return;
      }
      firstIndex.set(enterpriseCode, index);
    }
    if (result.ok) enterprises.push(result.value);
  });
  return { enterprises, errors };
}
