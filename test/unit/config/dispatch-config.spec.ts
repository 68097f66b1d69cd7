import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { escalationFor, loadDispatchConfig, parseDispatchConfig, retryDelaySeconds, robotEndpoint, robotRecipient } from '../../../src/config/dispatch-config.js';
import { projectRoot } from '../../../src/config/config-files.js';
import { DEFAULT_DIRECTIVE_NUMBER_FORMAT, formatDirectiveNumber, validateDirectiveNumberFormat } from '../../../src/rules/directive-number.js';

function rawDefaults(): Record<string, unknown> {
  return parse(readFileSync(join(projectRoot(), 'config', 'dispatch.yaml'), 'utf8')) as Record<string, unknown>;
}

function withField(path: string, value: unknown): Record<string, unknown> {
  const raw = rawDefaults();
  const keys = path.split('.');
  let o = raw;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys.at(-1)!] = value;
  return raw;
}

describe('directive numbers', () => {
  it('formats the default Jiaozuo style', () => {
    expect(formatDirectiveNumber(DEFAULT_DIRECTIVE_NUMBER_FORMAT, 2026, 12)).toBe('焦冬防指〔2026〕12号');
    expect(formatDirectiveNumber('{year}-{seq}-{seq}', 2027, 3)).toBe('2027-3-3');
  });

  it.each([
    ['焦冬防指〔2026〕{seq}号', /\{year\}/],
    ['焦冬防指〔{year}〕号', /\{seq\}/],
    ['〔{year}〕{seq}{county}号', /unknown placeholder \{county\}/],
    ['', /non-empty/],
  ])('rejects format %j', (format, message) => {
    expect(() => validateDirectiveNumberFormat(format)).toThrow(message);
    expect(() => formatDirectiveNumber(format, 2026, 1)).toThrow(message);
  });

  it('rejects bad year and sequence', () => {
    expect(() => formatDirectiveNumber(DEFAULT_DIRECTIVE_NUMBER_FORMAT, 26, 1)).toThrow(/year/);
    expect(() => formatDirectiveNumber(DEFAULT_DIRECTIVE_NUMBER_FORMAT, 2026, 0)).toThrow(/sequence/);
    expect(() => formatDirectiveNumber(DEFAULT_DIRECTIVE_NUMBER_FORMAT, 2026, 1.5)).toThrow(/sequence/);
  });
});

describe('dispatch configuration', () => {
  it('loads the shipped defaults', () => {
    const c = loadDispatchConfig();
    expect(c).toEqual({
      directiveNumber: { format: '焦冬防指〔{year}〕{seq}号' },
      ackDeadlineHours: { level: 2, season: 72 },
      seasonDirectiveLeadDays: 7,
      escalation: {
        stage2AfterDeadlineHours: 2,
        checkEverySeconds: 60,
        ladder: [
          { stage: 0, at: 'delivery', afterMinutes: 0, channels: ['email', 'webhook'], to: 'enterprise' },
          { stage: 0, at: 'delivery', afterMinutes: 60, channels: ['sms'], to: 'enterprise' },
          { stage: 0, at: 'deadline', afterMinutes: -30, channels: ['email'], to: 'enterprise' },
          { stage: 1, at: 'deadline', afterMinutes: 0, channels: ['email', 'sms'], to: 'county_officers' },
          { stage: 1, at: 'deadline', afterMinutes: 0, channels: ['robot'], to: 'county_robot' },
          { stage: 2, at: 'stage2', afterMinutes: 0, channels: ['robot'], to: 'command_center_robot' },
          { stage: 2, at: 'stage2', afterMinutes: 0, channels: ['email', 'sms'], to: 'duty_officer' },
          { stage: 2, at: 'stage2', afterMinutes: 30, channels: ['email', 'sms'], to: 'shift_leader' },
        ],
        commandCenterEmails: [],
        counties: {},
      },
      statusReportTimes: ['09:00', '17:00'],
      retry: { maxAttempts: 8, baseDelaySeconds: 30, maxDelaySeconds: 3600 },
      linkValidityDays: 7,
      robots: { maxPerMinute: 20, batchWindowSeconds: 20, rateLimitedRetrySeconds: 600, maxMarkdownBytes: 4000, commandCenter: null, counties: {} },
      sms: {
        provider: null,
        callbackToken: null,
        maxChars: 134,
        maxLinkChars: 40,
        rateLimitedRetrySeconds: 3600,
        rateLimits: { perMinute: 1, perHour: 5, perDay: 10 },
        receiptMaxAgeHours: 72,
        receiptPollSeconds: 60,
      },
      worker: { batchSize: 100, concurrency: 8, leaseSeconds: 120 },
      timeSanity: { directiveStartToleranceMinutes: 15, directiveHorizonDays: 30, observationClockToleranceMinutes: 2, observationLookBackDays: 30 },
    });
  });

  it('reads per-county officer e-mails (none for a county not listed)', () => {
    const c = parseDispatchConfig(withField('escalation.counties', { '410821': { officerEmails: ['hbj@xiuwu.example.cn'] }, '410822': {} }));
    expect(escalationFor(c, '410821')).toEqual({ officerEmails: ['hbj@xiuwu.example.cn'] });
    expect(escalationFor(c, '410822')).toEqual({ officerEmails: [] });
    expect(escalationFor(c, '999999')).toEqual({ officerEmails: [] });
  });

  const notice = { stage: 0, at: 'delivery', afterMinutes: 0, channels: ['email', 'webhook'], to: 'enterprise' };
  it.each([
    [[], /escalation\.ladder must be a non-empty list of steps/],
    [[notice, { stage: 3, at: 'deadline', channels: ['sms'], to: 'enterprise' }], /escalation\.ladder\[1\]\.stage must be an integer from 0 to 2 \(got 3\)/],
    [[notice, { stage: 1, at: 'noon', channels: ['sms'], to: 'enterprise' }], /escalation\.ladder\[1\]\.at must be one of delivery, deadline, stage2 \(got "noon"\)/],
    [[notice, { stage: 1, at: 'deadline', channels: ['fax'], to: 'enterprise' }], /escalation\.ladder\[1\]\.channels\[0\] must be one of email, webhook, sms, robot/],
    [[notice, { stage: 1, at: 'deadline', channels: [], to: 'enterprise' }], /escalation\.ladder\[1\]\.channels must be a non-empty list/],
    [[notice, { stage: 1, at: 'deadline', channels: ['sms'], to: 'mayor' }], /escalation\.ladder\[1\]\.to must be one of enterprise, county_officers/],
    [[notice, { stage: 1, at: 'deadline', channels: ['robot'], to: 'county_officers' }], /escalation\.ladder\[1\]\.channels\[0\] must be one of email, sms for to: county_officers/],
    [[notice, { stage: 1, at: 'deadline', channels: ['sms'], to: 'county_robot' }], /escalation\.ladder\[1\]\.channels\[0\] must be one of robot for to: county_robot/],
    [[notice, { stage: 0, at: 'delivery', afterMinutes: -5, channels: ['sms'], to: 'enterprise' }], /escalation\.ladder\[1\]\.afterMinutes must not be negative for at: delivery/],
    [[notice, { stage: 1, at: 'deadline', afterMinutes: 1.5, channels: ['sms'], to: 'enterprise' }], /escalation\.ladder\[1\]\.afterMinutes must be an integer/],
    [[notice, { stage: 1, at: 'deadline', channels: ['sms'], to: 'enterprise', after: 5 }], /escalation\.ladder\[1\]\.after is not a step key/],
    [[notice, { stage: 1, at: 'deadline', channels: ['sms', 'sms'], to: 'enterprise' }], /escalation\.ladder\[1\]\.channels must not repeat a channel/],
    [[notice, { stage: 1, at: 'deadline', channels: ['sms'], to: 'enterprise' }, { stage: 1, at: 'deadline', channels: ['email'], to: 'enterprise' }], /escalation\.ladder\[2\] repeats step \[1\]/],
    [[{ stage: 1, at: 'deadline', channels: ['sms'], to: 'enterprise' }], /escalation\.ladder must contain the notice step/],
    [[{ ...notice, channels: ['email', 'robot'] }], /escalation\.ladder\[0\]\.channels\[1\] must be one of email, webhook, sms for to: enterprise/],
    [[notice, 'sms after an hour'], /escalation\.ladder\[1\] must be a mapping/],
  ])('refuses ladder %j', (ladder, message) => {
    expect(() => parseDispatchConfig(withField('escalation.ladder', ladder))).toThrow(message);
  });

  it('reads robots with credentials from the environment the file names', () => {
    const raw = withField('robots.counties', {
      '410821': { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send', tokenEnv: 'XIUWU_TOKEN', secretEnv: 'XIUWU_SECRET' },
      '410822': { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', keyEnv: 'BOAI_KEY' },
    });
    const c = parseDispatchConfig(raw, { XIUWU_TOKEN: 'tok', XIUWU_SECRET: 'SECabc', BOAI_KEY: 'key-1' });
    expect(c.robots.counties).toEqual({
      '410821': { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send', token: 'tok', secret: 'SECabc' },
      '410822': { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', token: 'key-1', secret: null },
    });
    expect(robotRecipient(c, { county: '410821' })).toBe('robot:county:410821');
    expect(robotRecipient(c, { county: '410823' })).toBeNull();
    expect(robotRecipient(c, 'command_center')).toBeNull();
    expect(robotEndpoint(c, 'robot:county:410822')?.token).toBe('key-1');
    expect(robotEndpoint(c, 'robot:county:410823')).toBeNull();
  });

  it.each([
    [{ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send', tokenEnv: 'T' }, {}, /robots\.commandCenter\.tokenEnv names T, which is not set/],
    [{ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send', tokenEnv: 'T' }, { T: 'x' }, /robots\.commandCenter\.secretEnv must name an environment variable/],
    [{ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=leak', keyEnv: 'K' }, { K: 'x' }, /robots\.commandCenter\.url must not carry a query/],
    [{ kind: 'feishu', url: 'https://example.cn' }, {}, /robots\.commandCenter\.kind must be dingtalk or wecom/],
    [{ kind: 'wecom', url: 'ftp://x', keyEnv: 'K' }, { K: 'x' }, /robots\.commandCenter\.url must be an http\(s\) URL/],
  ])('refuses robot %j', (robot, env, message) => {
    expect(() => parseDispatchConfig(withField('robots.commandCenter', robot), env)).toThrow(message);
  });

  it('computes capped exponential retry delays', () => {
    const c = loadDispatchConfig();
    expect([1, 2, 3, 7, 8, 50].map((a) => retryDelaySeconds(c, a))).toEqual([30, 60, 120, 1920, 3600, 3600]);
  });

  it.each([
    ['directiveNumber.format', '〔{year}〕号', /directiveNumber\.format is invalid: .*\{seq\}/],
    ['ackDeadlineHours.level', -1, /ackDeadlineHours\.level must be a number/],
    ['ackDeadlineHours.season', '72', /ackDeadlineHours\.season/],
    ['seasonDirectiveLeadDays', 1.5, /seasonDirectiveLeadDays must be an integer/],
    ['escalation.checkEverySeconds', 0, /escalation\.checkEverySeconds must be an integer from 1 to 60/],
    ['escalation.checkEverySeconds', 61, /escalation\.checkEverySeconds/],
    ['escalation.commandCenterEmails', ['not-an-email'], /escalation\.commandCenterEmails\[0\] must be an email/],
    ['escalation.counties', { '410821': { officerEmails: 'a@b.cn' } }, /escalation\.counties\.410821\.officerEmails must be a list/],
    ['statusReportTimes', ['9:00'], /statusReportTimes\[0\] must be "HH:MM"/],
    ['statusReportTimes', ['17:00', '09:00'], /statusReportTimes must be ascending/],
    ['retry.maxAttempts', 0, /retry\.maxAttempts must be an integer from 1/],
    ['retry.maxDelaySeconds', 10, /retry\.maxDelaySeconds must not be below retry\.baseDelaySeconds/],
    ['linkValidityDays', 0, /linkValidityDays/],
    ['worker.batchSize', 0, /worker\.batchSize/],
    ['worker.concurrency', 'eight', /worker\.concurrency/],
    ['worker.leaseSeconds', 1, /worker\.leaseSeconds/],
    ['worker', undefined, /worker must be a mapping/],
  ])('names the bad field %s', (field, value, message) => {
    expect(() => parseDispatchConfig(withField(field, value))).toThrow(message);
  });

  it('rejects a non-mapping document', () => {
    expect(() => parseDispatchConfig(null)).toThrow(/dispatch config: \(root\) must be a mapping/);
  });
});
