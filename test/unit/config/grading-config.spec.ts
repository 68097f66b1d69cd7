import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { configDir } from '../../../src/config/config-files.js';
import { checkGradingAgainstCity, loadGradingConfig, parseGradingConfig } from '../../../src/config/grading-config.js';

type Raw = { grades: Record<string, { name?: unknown; levels?: Record<string, unknown> }> } & Record<string, unknown>;
const raw = () => parse(readFileSync(join(configDir(), 'grading.yaml'), 'utf8')) as Raw;
const city = loadCityConfig();

describe('grading config', () => {
  it('loads the default table: A exempt to orange, B capped below orange, D full stop from orange', () => {
    const t = loadGradingConfig();
    expect(t.grades.A!.levels.orange).toEqual({ kind: 'exempt' });
    expect(t.grades.A!.levels.red).toEqual({ kind: 'listed' });
    expect(t.grades.B!.levels.yellow).toEqual({ kind: 'cap', maxLoadPercent: 50 });
    expect(t.grades.D!.levels.orange).toEqual({ kind: 'full_stop' });
    expect(t.grades.C!.levels).toEqual({});
    expect(() => checkGradingAgainstCity(t, city.grades, city.levels)).not.toThrow();
  });

  it.each([
    [(r: Raw) => (r.grades.B!.levels!.yellow = 'halve'), /grades\.B\.levels\.yellow must be listed, exempt, full_stop or \{ cap: N \}.*"halve"/],
    [(r: Raw) => (r.grades.B!.levels!.yellow = { cap: 120 }), /grades\.B\.levels\.yellow\.cap must be a number from 0 to 100 \(got 120\)/],
    [(r: Raw) => (r.grades.B!.levels!.yellow = { cap: 50, extra: 1 }), /grades\.B\.levels\.yellow must be/],
    [(r: Raw) => (r.grades.D!.levels!.purple = 'full_stop'), /grades\.D\.levels\.purple is not a level key/],
    [(r: Raw) => delete r.grades.A!.name, /grades\.A\.name must be a non-empty text/],
    [(r: Raw) => (r.grades = [] as unknown as Raw['grades']), /grades must be a mapping/],
    [(r: Raw) => delete r.source, /source must be a non-empty text/],
  ])('rejects a bad value, naming the key and the value (%#)', (mutate, message) => {
    const r = raw();
    mutate(r);
    expect(() => parseGradingConfig(r)).toThrow(message);
  });

  it('rejects a grade or a level the city does not configure', () => {
    const t = parseGradingConfig(raw());
    expect(() => checkGradingAgainstCity(t, ['A', 'B', 'C', 'D'], city.levels)).toThrow(/grades\.引领性 is not a grade of city\.yaml/);
    expect(() => checkGradingAgainstCity(t, city.grades, city.levels.slice(0, 4))).toThrow(/grades\.A\.levels\.orange is not a level of city\.yaml/);
  });
});
