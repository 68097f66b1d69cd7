/** Work-chat group robots (dispatch.yaml `robots:`): DingTalk custom robots and WeCom group robots. */
export type RobotKind = 'dingtalk' | 'wecom';

export interface RobotEndpoint {
  kind: RobotKind;
  /** The webhook without its credential, e.g. https://oapi.dingtalk.com/robot/send. */
  url: string;
  /** DingTalk `access_token` or WeCom `key`, read from the environment variable the file names. */
  token: string;
  /** DingTalk 加签 secret (SEC…); null for WeCom. */
  secret: string | null;
}

export interface RobotsConfig {
  /** Posts per robot in any 60 seconds (both vendors document 20). */
  maxPerMinute: number;
  /** A message waits this long for others to the same robot, so they go out as one summary. */
  batchWindowSeconds: number;
  /** After the vendor answers "too fast" (DingTalk 130101, WeCom 45009), wait at least this long. */
  rateLimitedRetrySeconds: number;
  /** A summary is cut to this many UTF-8 bytes of markdown (WeCom documents 4096). */
  maxMarkdownBytes: number;
  commandCenter: RobotEndpoint | null;
  /** Keyed by county code (city.yaml). */
  counties: Record<string, RobotEndpoint>;
}

type Env = Record<string, string | undefined>;

function fail(field: string, why: string): never {
  throw new Error(`dispatch config: ${field} ${why}`);
}

function intIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(field, `must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

function fromEnv(o: Record<string, unknown>, name: string, field: string, env: Env): string {
  const variable = o[name];
  if (typeof variable !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(variable)) fail(`${field}.${name}`, `must name an environment variable (got ${JSON.stringify(variable)})`);
  const value = env[variable]?.trim();
  if (!value) fail(`${field}.${name}`, `names ${variable}, which is not set in the environment`);
  return value;
}

function endpoint(value: unknown, field: string, env: Env): RobotEndpoint {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be a mapping with kind, url and the environment variables of its credentials');
  const o = value as Record<string, unknown>;
  if (o.kind !== 'dingtalk' && o.kind !== 'wecom') fail(`${field}.kind`, `must be dingtalk or wecom (got ${JSON.stringify(o.kind)})`);
  let url: URL;
  try {
    url = new URL(String(o.url));
  } catch {
    fail(`${field}.url`, `must be an http(s) URL (got ${JSON.stringify(o.url)})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`${field}.url`, `must be an http(s) URL (got ${JSON.stringify(o.url)})`);
  if (url.search) fail(`${field}.url`, 'must not carry a query: the token or key comes from the environment');
  if (o.kind === 'dingtalk') return { kind: 'dingtalk', url: url.toString(), token: fromEnv(o, 'tokenEnv', field, env), secret: fromEnv(o, 'secretEnv', field, env) };
  return { kind: 'wecom', url: url.toString(), token: fromEnv(o, 'keyEnv', field, env), secret: null };
}

export function parseRobotsConfig(raw: unknown, env: Env): RobotsConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('robots', 'must be a mapping');
  const o = raw as Record<string, unknown>;
  const countiesRaw = o.counties ?? {};
  if (typeof countiesRaw !== 'object' || countiesRaw === null || Array.isArray(countiesRaw)) fail('robots.counties', 'must be a mapping of county code to robot');
  const counties: Record<string, RobotEndpoint> = {};
  for (const [code, value] of Object.entries(countiesRaw)) counties[code] = endpoint(value, `robots.counties.${code}`, env);
  return {
    maxPerMinute: intIn(o.maxPerMinute, 'robots.maxPerMinute', 1, 1000),
    batchWindowSeconds: intIn(o.batchWindowSeconds, 'robots.batchWindowSeconds', 0, 3600),
    rateLimitedRetrySeconds: intIn(o.rateLimitedRetrySeconds, 'robots.rateLimitedRetrySeconds', 1, 86_400),
    maxMarkdownBytes: intIn(o.maxMarkdownBytes, 'robots.maxMarkdownBytes', 500, 20_000),
    commandCenter: o.commandCenter === undefined || o.commandCenter === null ? null : endpoint(o.commandCenter, 'robots.commandCenter', env),
    counties,
  };
}
