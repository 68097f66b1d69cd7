// Repositories own SQL: a module's SQL names only its own tables (those of its *.entity.ts
// files), except files made for cross-module reading, which say so in their first lines
// (`// Read model: …`). The composition root (app, database, cli) is exempt.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../../src');
const EXEMPT = new Set(['app', 'database', 'cli']);

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const moduleOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0];
const serverFiles = walk(SRC).filter((f) => f.endsWith('.ts') && !f.includes(`${path.sep}web${path.sep}console${path.sep}`) && !f.includes(`${path.sep}web${path.sep}phone${path.sep}`));

function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const f of serverFiles) {
    const m = /@Entity\(\{?\s*(?:name:\s*)?'([a-z_]+)'/.exec(fs.readFileSync(f, 'utf8'));
    if (m) owners.set(m[1], moduleOf(f));
  }
  return owners;
}

function foreignTables(owners: Map<string, string>): string[] {
  const sql = new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|EXISTS)\\s+(?:ONLY\\s+)?"?(${[...owners.keys()].join('|')})"?\\b`, 'g');
  const found: string[] = [];
  for (const f of serverFiles) {
    const mod = moduleOf(f);
    if (EXEMPT.has(mod)) continue;
    const text = fs.readFileSync(f, 'utf8');
    if (/^\/\/ Read model:/m.test(text.split('\n').slice(0, 8).join('\n'))) continue;
    for (const m of text.matchAll(sql)) if (owners.get(m[1]) !== mod) found.push(`${path.relative(SRC, f)} → ${m[1]} (${owners.get(m[1])})`);
  }
  return [...new Set(found)];
}

describe('table ownership', () => {
  it('every table the migrations create has an owning entity', () => {
    const owners = tableOwners();
    const migrations = walk(path.resolve(SRC, '../migrations'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const created = [...migrations.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)"?/g)].map((m) => m[1]);
    expect(created.length).toBeGreaterThan(10);
    expect([...new Set(created)].filter((t) => !owners.has(t))).toEqual([]);
  });

  it("no module's SQL names another module's tables outside a read model", () => {
    expect(foreignTables(tableOwners())).toEqual([]);
  });
});
