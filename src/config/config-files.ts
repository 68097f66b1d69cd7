import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository root: the nearest folder above this file holding package.json (works from src/ and dist/src/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Folder of the city configuration files; HAZEOPS_CONFIG_DIR overrides `<root>/config`. */
export function configDir(): string {
  return resolve(process.env.HAZEOPS_CONFIG_DIR ?? join(projectRoot(), 'config'));
}

export class ConfigFileError extends Error {}

/** Reads and parses one YAML file of the config folder; the error names the file. */
export function readYamlConfig(relativePath: string): unknown {
  const file = join(configDir(), relativePath);
  if (!existsSync(file)) throw new ConfigFileError(`config file not found: ${file}`);
  try {
    return parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new ConfigFileError(`config file ${file} is not valid YAML: ${(err as Error).message}`);
  }
}
