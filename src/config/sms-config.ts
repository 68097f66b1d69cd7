/** SMS through a cloud provider (dispatch.yaml `sms:`): Alibaba Cloud SMS or Tencent Cloud SMS, or none. */
export type SmsProviderKind = 'aliyun' | 'tencent';

/** What an SMS is about; each kind has its own approved template. */
export type SmsMessageKind = 'order' | 'reminder' | 'escalation';

/** The values HazeOps can put into a template; the template names which it uses, under its own variable names. */
export type SmsParamSource = 'directiveNumber' | 'level' | 'start' | 'link' | 'code' | 'county' | 'count';

export const SMS_PARAM_SOURCES: readonly SmsParamSource[] = ['directiveNumber', 'level', 'start', 'link', 'code', 'county', 'count'];
const KINDS: readonly SmsMessageKind[] = ['order', 'reminder', 'escalation'];

export interface SmsTemplate {
  /** Alibaba TemplateCode (SMS_123456789) or Tencent TemplateId (digits). */
  id: string;
  /** Template variables in order (Tencent's TemplateParamSet is positional), each mapped to a value HazeOps fills in. */
  params: Array<{ name: string; value: SmsParamSource }>;
  /** The approved text with ${name} (Alibaba) or {1} (Tencent) placeholders: used to check the length before sending. */
  text: string;
}

export interface SmsProviderConfig {
  kind: SmsProviderKind;
  /** API endpoint URL (https://dysmsapi.aliyuncs.com, https://sms.tencentcloudapi.com); tests point it at a local server. */
  endpoint: string;
  signName: string;
  /** Tencent SmsSdkAppId; null for Alibaba. */
  appId: string | null;
  /** Tencent region (ap-guangzhou); null for Alibaba. */
  region: string | null;
  /** Access key id / secret (Alibaba AccessKey, Tencent SecretId/SecretKey), read from the variables the file names. */
  accessKeyId: string;
  accessKeySecret: string;
  templates: Partial<Record<SmsMessageKind, SmsTemplate>>;
}

export interface SmsRateLimits {
  perMinute: number;
  perHour: number;
  perDay: number;
}

export interface SmsConfig {
  /** null: `provider: none`, no SMS is queued. */
  provider: SmsProviderConfig | null;
  /** Per mobile number, counted across instances before each send (the providers' defaults are 1 / 5 / 10). */
  rateLimits: SmsRateLimits;
  /** After the provider refuses for a rate limit, the next try waits at least this long. */
  rateLimitedRetrySeconds: number;
  /** The rendered message (signature included) may be at most this many characters. */
  maxChars: number;
  /** The whole short link (PUBLIC_BASE_URL + /a/ + 10 characters) may be at most this long. */
  maxLinkChars: number;
  /** Delivery receipts are polled this often (Alibaba QuerySendDetails, Tencent PullSmsSendStatus). */
  receiptPollSeconds: number;
  /** Receipts are looked for this long after a send; after that the attempt stays "sent, no receipt". */
  receiptMaxAgeHours: number;
  /** The secret path token of the provider callbacks, from HAZEOPS_SMS_CALLBACK_TOKEN (null: every callback answers 404). */
  callbackToken: string | null;
}

type Env = Record<string, string | undefined>;

function fail(field: string, why: string): never {
  throw new Error(`dispatch config: ${field} ${why}`);
}

function intIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(field, `must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

function text(value: unknown, field: string, pattern: RegExp | null = null): string {
  if (typeof value !== 'string' || value.trim() === '' || (pattern && !pattern.test(value)))
    fail(field, `must be ${pattern ? `a string matching ${pattern}` : 'a non-empty string'} (got ${JSON.stringify(value)})`);
  return value.trim();
}

function fromEnv(o: Record<string, unknown>, name: string, field: string, env: Env): string {
  const variable = o[name];
  if (typeof variable !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(variable)) fail(`${field}.${name}`, `must name an environment variable (got ${JSON.stringify(variable)})`);
  const value = env[variable]?.trim();
  if (!value) fail(`${field}.${name}`, `names ${variable}, which is not set in the environment`);
  return value;
}

function mapping(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be a mapping');
  return value as Record<string, unknown>;
}

function template(value: unknown, field: string, kind: SmsProviderKind): SmsTemplate {
  const o = mapping(value, field);
  const id = text(o.id, `${field}.id`, kind === 'aliyun' ? /^SMS_\d+$/ : /^\d+$/);
  if (!Array.isArray(o.params) || o.params.length === 0) fail(`${field}.params`, 'must list the template variables, e.g. [{ name: number, value: directiveNumber }]');
  const params = o.params.map((p: unknown, i) => {
    const po = mapping(p, `${field}.params[${i}]`);
    const name = text(po.name, `${field}.params[${i}].name`, /^[A-Za-z0-9_]{1,32}$/);
    if (!SMS_PARAM_SOURCES.includes(po.value as SmsParamSource)) fail(`${field}.params[${i}].value`, `must be one of ${SMS_PARAM_SOURCES.join(', ')} (got ${JSON.stringify(po.value)})`);
    return { name, value: po.value as SmsParamSource };
  });
  if (new Set(params.map((p) => p.name)).size !== params.length) fail(`${field}.params`, 'must not repeat a name');
  const body = text(o.text, `${field}.text`);
  params.forEach((p, i) => {
    const placeholder = kind === 'aliyun' ? `\${${p.name}}` : `{${i + 1}}`;
    if (!body.includes(placeholder)) fail(`${field}.text`, `must contain ${placeholder} for params[${i}] (${p.name})`);
  });
  return { id, params, text: body };
}

function provider(o: Record<string, unknown>, kind: SmsProviderKind, env: Env): SmsProviderConfig {
  const field = `sms.${kind}`;
  const p = mapping(o[kind], field);
  let url: URL;
  try {
    url = new URL(String(p.endpoint));
  } catch {
    fail(`${field}.endpoint`, `must be an http(s) URL (got ${JSON.stringify(p.endpoint)})`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || (url.pathname !== '/' && url.pathname !== ''))
    fail(`${field}.endpoint`, `must be an http(s) URL without path or query (got ${JSON.stringify(p.endpoint)})`);
  const templatesRaw = mapping(p.templates, `${field}.templates`);
  const templates: Partial<Record<SmsMessageKind, SmsTemplate>> = {};
  for (const [k, v] of Object.entries(templatesRaw)) {
    if (!KINDS.includes(k as SmsMessageKind)) fail(`${field}.templates.${k}`, `is not a message kind (${KINDS.join(', ')})`);
    if (v !== null && v !== undefined) templates[k as SmsMessageKind] = template(v, `${field}.templates.${k}`, kind);
  }
  if (!templates.order) fail(`${field}.templates.order`, 'is required: the order notice is what SMS is for');
  return {
    kind,
    endpoint: `${url.protocol}//${url.host}`,
    signName: text(p.signName, `${field}.signName`),
    appId: kind === 'tencent' ? text(p.appId, `${field}.appId`, /^\d+$/) : null,
    region: kind === 'tencent' ? text(p.region ?? 'ap-guangzhou', `${field}.region`, /^[a-z]+-[a-z]+$/) : null,
    accessKeyId: fromEnv(p, kind === 'aliyun' ? 'accessKeyIdEnv' : 'secretIdEnv', field, env),
    accessKeySecret: fromEnv(p, kind === 'aliyun' ? 'accessKeySecretEnv' : 'secretKeyEnv', field, env),
    templates,
  };
}

// A cron step: a divisor of a minute in seconds, or of an hour in whole minutes.
function pollSeconds(value: unknown): number {
  const n = intIn(value, 'sms.receiptPollSeconds', 5, 3600);
  if (n < 60 ? 60 % n !== 0 : n % 60 !== 0 || 60 % (n / 60) !== 0)
    fail('sms.receiptPollSeconds', `must divide a minute (5, 10, 15, 20, 30) or be whole minutes dividing an hour (60, 120, …, 3600) (got ${n})`);
  return n;
}

/** The cron expression (with seconds) that runs every `seconds`. */
export function pollCron(seconds: number): string {
  return seconds < 60 ? `*/${seconds} * * * * *` : `40 */${seconds / 60} * * * *`;
}

/** Validates dispatch.yaml `sms:`; a missing section is `provider: none`. */
export function parseSmsConfig(raw: unknown, env: Env): SmsConfig {
  const o = raw === undefined || raw === null ? { provider: 'none' } : mapping(raw, 'sms');
  const kind = o.provider ?? 'none';
  if (kind !== 'none' && kind !== 'aliyun' && kind !== 'tencent') fail('sms.provider', `must be none, aliyun or tencent (got ${JSON.stringify(kind)})`);
  const limits = o.rateLimits === undefined ? {} : mapping(o.rateLimits, 'sms.rateLimits');
  const rateLimits = {
    perMinute: intIn(limits.perMinute ?? 1, 'sms.rateLimits.perMinute', 1, 1000),
    perHour: intIn(limits.perHour ?? 5, 'sms.rateLimits.perHour', 1, 10_000),
    perDay: intIn(limits.perDay ?? 10, 'sms.rateLimits.perDay', 1, 100_000),
  };
  if (rateLimits.perHour < rateLimits.perMinute) fail('sms.rateLimits.perHour', 'must not be below perMinute');
  if (rateLimits.perDay < rateLimits.perHour) fail('sms.rateLimits.perDay', 'must not be below perHour');
  const tokenVar = o.callbackTokenEnv ?? 'HAZEOPS_SMS_CALLBACK_TOKEN';
  if (typeof tokenVar !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(tokenVar)) fail('sms.callbackTokenEnv', `must name an environment variable (got ${JSON.stringify(tokenVar)})`);
  const token = env[tokenVar]?.trim() || null;
  if (token !== null && token.length < 16) fail('sms.callbackTokenEnv', `names ${tokenVar}, whose value must be at least 16 characters`);
  return {
    provider: kind === 'none' ? null : provider(o, kind, env),
    rateLimits,
    rateLimitedRetrySeconds: intIn(o.rateLimitedRetrySeconds ?? 3600, 'sms.rateLimitedRetrySeconds', 1, 86_400),
    maxChars: intIn(o.maxChars ?? 134, 'sms.maxChars', 20, 1000),
    maxLinkChars: intIn(o.maxLinkChars ?? 40, 'sms.maxLinkChars', 20, 200),
    receiptPollSeconds: pollSeconds(o.receiptPollSeconds ?? 60),
    receiptMaxAgeHours: intIn(o.receiptMaxAgeHours ?? 72, 'sms.receiptMaxAgeHours', 1, 720),
    callbackToken: token,
  };
}

/**
 * The short link's length budget: the whole `PUBLIC_BASE_URL/a/<10 characters>` must fit
 * `maxLinkChars`, so the link stays one unbroken token in one SMS.
 */
export function shortLinkLength(publicBaseUrl: string): number {
  return `${publicBaseUrl.replace(/\/$/, '')}/a/`.length + SHORT_CODE_LENGTH;
}

export const SHORT_CODE_LENGTH = 10;
