// Validates one registry enterprise in its JSON form (DESIGN.md) and returns a fresh,
// normalised copy. Pure: no Nest, no database. Every issue is collected, not just the first.
import type { CityConfig } from '../../config/city-config.js';
import type { Contact, Enterprise, Livelihood, Measure, Measures, ProductionLine, ProvincialApproval } from '../../rules/enterprise.js';
import type { LevelKey } from '../../rules/levels/level-ladder.js';
import { localDateOf } from '../../rules/time/local-time.js';
import { SANE_INSTANT_FROM } from '../../common/dto/sane-instant.js';
import { readLineEmissions, type EmissionYears } from './emissions-reader.js';
import { cityKeys, type CityKeys } from './city-keys.js';
import { IssueList, type FieldIssue } from './field-issue.js';
import {
  isBlank,
  isHttpUrl,
  isObject,
  isPlausibleEmail,
  isPlausiblePhone,
  readDate,
  readKey,
  readOptionalKey,
  readOptionalText,
  readPercent,
  readPositiveNumber,
  readText,
  type Obj,
} from './field-readers.js';
import { explainUsccError } from './uscc.js';
import { CONTACT_CHANNELS, channelProblem, checkMobileNumber, defaultChannels, type ContactChannel } from '../../rules/contacts/mobile-number.js';

export type { FieldIssue } from './field-issue.js';

export type EnterpriseValidation = { ok: true; value: Enterprise } | { ok: false; errors: FieldIssue[] };

/** What validation needs to know of the moment: emission figures may not describe a later year, a grading not a later day. */
export interface ValidationContext {
  /** The current year in the city's time zone. */
  currentYear: number;
  /** Today in the city's time zone, YYYY-MM-DD. */
  today: string;
}

/** The context at an instant (the caller's clock), in the city's time zone. */
export function validationContextAt(at: Date, city: CityConfig): ValidationContext {
  const today = localDateOf(at.getTime(), city.city.timezone);
  return { currentYear: Number(today.slice(0, 4)), today };
}

/** The earliest grading date taken: the same floor as every instant the API takes. */
const EARLIEST_GRADED_ON = new Date(SANE_INSTANT_FROM).toISOString().slice(0, 10);

export const ENTERPRISE_NAME_MAX = 200;
export const LINE_CODE_MAX = 32;
export const LINE_NAME_MAX = 200;
export const LINE_UNIT_MAX = 20;
export const CONTACT_NAME_MAX = 100;
export const REFERENCE_MAX = 200;
export const GRADING_AUTHORITY_MAX = 200;

function readCode(value: unknown, issues: IssueList): string | undefined {
  if (typeof value !== 'string') {
    issues.add('code', 'must be an 18-character unified social credit code', value);
    return undefined;
  }
  // Codes are printed in uppercase; people type them in either case and with stray spaces.
  const code = value.trim().toUpperCase();
  const problem = explainUsccError(code);
  if (problem) {
    issues.add('code', `must be a valid 18-character unified social credit code: it ${problem}`, value);
    return undefined;
  }
  return code;
}

function readLivelihood(value: unknown, keys: CityKeys, issues: IssueList): Livelihood | null | undefined {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    issues.add('livelihood', 'must be null or an object with duty, maxLoadPercent and filedOn', value);
    return undefined;
  }
  const duty = readKey(value.duty, 'livelihood.duty', keys.livelihoodDuties, issues);
  const maxLoadPercent = readPercent(value.maxLoadPercent, 'livelihood.maxLoadPercent', issues);
  const filedOn = readDate(value.filedOn, 'livelihood.filedOn', issues);
  if (duty === undefined || maxLoadPercent === undefined || filedOn === undefined) return undefined;
  return { duty, maxLoadPercent, filedOn };
}

function readProvincialApproval(value: unknown, issues: IssueList): ProvincialApproval | null | undefined {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    issues.add('provincialApproval', 'must be null or an object with maxLoadPercent, approvedOn and reference', value);
    return undefined;
  }
  const maxLoadPercent = readPercent(value.maxLoadPercent, 'provincialApproval.maxLoadPercent', issues);
  const approvedOn = readDate(value.approvedOn, 'provincialApproval.approvedOn', issues);
  const reference = readOptionalText(value.reference, 'provincialApproval.reference', REFERENCE_MAX, issues);
  if (maxLoadPercent === undefined || approvedOn === undefined || reference === undefined) return undefined;
  return { maxLoadPercent, approvedOn, reference };
}

function readContact(value: unknown, path: string, keys: CityKeys, issues: IssueList): Contact | undefined {
  if (!isObject(value)) {
    issues.add(path, 'must be an object with name, role, email, phone, mobile and channels', value);
    return undefined;
  }
  const name = readText(value.name, `${path}.name`, CONTACT_NAME_MAX, issues);
  const role = readKey(value.role, `${path}.role`, keys.contactRoles, issues);
  let email: string | null | undefined = null;
  if (!isBlank(value.email)) {
    email = typeof value.email === 'string' ? value.email.trim() : undefined;
    if (email === undefined || !isPlausibleEmail(email)) {
      issues.add(`${path}.email`, 'must be null or an email address like name@example.com', value.email);
      email = undefined;
    }
  }
  let phone: string | null | undefined = null;
  if (!isBlank(value.phone)) {
    phone = typeof value.phone === 'string' ? value.phone.trim() : undefined;
    if (phone === undefined || !isPlausiblePhone(phone)) {
      issues.add(`${path}.phone`, 'must be null or a phone number of 7 to 20 characters (digits, +, -, spaces)', value.phone);
      phone = undefined;
    }
  }
  let mobile: string | null | undefined = null;
  if (!isBlank(value.mobile)) {
    const checked = typeof value.mobile === 'string' ? checkMobileNumber(value.mobile) : { ok: false as const, reason: 'must be null or an 11-digit mainland mobile number, e.g. 13812345678' };
    if (checked.ok) mobile = checked.mobile;
    else {
      issues.add(`${path}.mobile`, checked.reason, value.mobile);
      mobile = undefined;
    }
  }
  if (name === undefined || role === undefined || email === undefined || phone === undefined || mobile === undefined) return undefined;
  const channels = readChannels(value.channels, `${path}.channels`, { email, phone, mobile }, issues);
  if (channels === undefined) return undefined;
  return { name, role, email, phone, mobile, channels };
}

/** The channels named (each once, known, with its address), or the ones the contact has an address for. */
function readChannels(value: unknown, path: string, addresses: { email: string | null; phone: string | null; mobile: string | null }, issues: IssueList): ContactChannel[] | undefined {
  if (value === undefined || value === null) return defaultChannels(addresses);
  if (!Array.isArray(value)) {
    issues.add(path, `must be a list of ${CONTACT_CHANNELS.join(', ')}`, value);
    return undefined;
  }
  let ok = true;
  const named = new Set<ContactChannel>();
  value.forEach((c: unknown, i) => {
    if (typeof c !== 'string' || !(CONTACT_CHANNELS as readonly string[]).includes(c)) {
      issues.add(`${path}[${i}]`, `must be one of ${CONTACT_CHANNELS.join(', ')}`, c);
      ok = false;
      return;
    }
    const problem = channelProblem(c as ContactChannel, addresses);
    if (problem) {
      issues.add(`${path}[${i}]`, problem, c);
      ok = false;
    }
    named.add(c as ContactChannel);
  });
  // Stored in the fixed order, so that the same channels compare equal however they were written.
  return ok ? CONTACT_CHANNELS.filter((c) => named.has(c)) : undefined;
}

function readContacts(value: unknown, keys: CityKeys, issues: IssueList): Contact[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.add('contacts', 'must be a list of contacts', value);
    return undefined;
  }
  const contacts = value.map((c: unknown, i) => readContact(c, `contacts[${i}]`, keys, issues));
  return contacts.every((c) => c !== undefined) ? (contacts as Contact[]) : undefined;
}

function readLine(value: unknown, path: string, seen: Set<string>, years: EmissionYears, issues: IssueList): ProductionLine | undefined {
  if (!isObject(value)) {
    issues.add(path, 'must be an object with code, name, capacity, unit, cells and emissions', value);
    return undefined;
  }
  const code = readText(value.code, `${path}.code`, LINE_CODE_MAX, issues);
  if (code !== undefined) {
    if (seen.has(code)) {
      issues.add(`${path}.code`, 'must be unique within the enterprise', code);
    }
    seen.add(code);
  }
  const name = readText(value.name, `${path}.name`, LINE_NAME_MAX, issues);
  const capacity = readPositiveNumber(value.capacity, `${path}.capacity`, issues);
  const unit = readText(value.unit, `${path}.unit`, LINE_UNIT_MAX, issues);
  let cells: number | null | undefined = null;
  if (value.cells !== undefined && value.cells !== null) {
    if (typeof value.cells === 'number' && Number.isSafeInteger(value.cells) && value.cells > 0) cells = value.cells;
    else {
      issues.add(`${path}.cells`, 'must be null or a whole number greater than 0', value.cells);
      cells = undefined;
    }
  }
  const emissions = readLineEmissions(value.emissions, `${path}.emissions`, years, issues);
  if (code === undefined || name === undefined || capacity === undefined || unit === undefined || cells === undefined || emissions === undefined) {
    return undefined;
  }
  return { code, name, capacity, unit, cells, emissions };
}

function readLines(value: unknown, years: EmissionYears, issues: IssueList): ProductionLine[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add('lines', 'must be a non-empty list of production lines', value);
    return undefined;
  }
  const seen = new Set<string>();
  const before = issues.length;
  const lines = value.map((l: unknown, i) => readLine(l, `lines[${i}]`, seen, years, issues));
  return issues.length === before ? (lines as ProductionLine[]) : undefined;
}

function readMeasure(value: unknown, path: string, lineCodes: ReadonlySet<string> | null, issues: IssueList): Measure | undefined {
  if (!isObject(value)) {
    issues.add(path, 'must be an object with line, action and maxLoadPercent', value);
    return undefined;
  }
  let line = readText(value.line, `${path}.line`, LINE_CODE_MAX, issues);
  // Without valid lines we cannot tell whether the reference is right; the lines' own issues say why.
  if (line !== undefined && lineCodes !== null && !lineCodes.has(line)) {
    issues.add(`${path}.line`, `must name a line of this enterprise (${[...lineCodes].join(', ')})`, value.line);
    line = undefined;
  }
  const action = value.action;
  if (action === 'stop') {
    if (value.maxLoadPercent !== undefined && value.maxLoadPercent !== null) {
      issues.add(`${path}.maxLoadPercent`, 'must be null or absent when action is stop', value.maxLoadPercent);
      return undefined;
    }
    return line === undefined ? undefined : { line, action, maxLoadPercent: null };
  }
  if (action === 'limit') {
    const maxLoadPercent = readPercent(value.maxLoadPercent, `${path}.maxLoadPercent`, issues);
    return line === undefined || maxLoadPercent === undefined ? undefined : { line, action, maxLoadPercent };
  }
  issues.add(`${path}.action`, 'must be stop or limit', action);
  return undefined;
}

function sortByLine(measures: Measure[], order: ReadonlyMap<string, number>): Measure[] {
  return measures.sort((a, b) => order.get(a.line)! - order.get(b.line)!);
}

function readMeasures(value: unknown, lines: ProductionLine[] | undefined, keys: CityKeys, issues: IssueList): Measures | undefined {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    issues.add('measures', `must be an object keyed by level (${keys.levels.join(', ')})`, value);
    return undefined;
  }
  const lineCodes = lines ? new Set(lines.map((l) => l.code)) : null;
  const lineOrder = lines ? new Map(lines.map((l, i) => [l.code, i])) : null;
  const before = issues.length;
  for (const key of Object.keys(value)) {
    if (!keys.levelSet.has(key)) issues.add(`measures.${key}`, `is not a configured level; use one of ${keys.levels.join(', ')}`, key);
  }
  const measures: Measures = {};
  // Built in ladder order so that equal registries serialise identically.
  for (const level of keys.levels) {
    const list = value[level];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      issues.add(`measures.${level}`, 'must be a list of measures', list);
      continue;
    }
    const seen = new Set<string>();
    const read = list.map((m: unknown, i) => {
      const measure = readMeasure(m, `measures.${level}[${i}]`, lineCodes, issues);
      if (measure) {
        if (seen.has(measure.line)) issues.add(`measures.${level}[${i}].line`, 'must not repeat a line within one level', measure.line);
        seen.add(measure.line);
      }
      return measure;
    });
    // An empty list means the same as no list, and measures follow the order of the lines:
    // equal registries then have one form, whichever file format they came through.
    if (read.length > 0) measures[level as LevelKey] = lineOrder ? sortByLine(read as Measure[], lineOrder) : (read as Measure[]);
  }
  return issues.length === before ? measures : undefined;
}

/**
 * Validates and normalises one enterprise; unknown fields are ignored. Without a context the
 * current year is read from the system clock (services pass their Clock's).
 */
export function validateEnterprise(input: unknown, city: CityConfig, context: ValidationContext = validationContextAt(new Date(), city)): EnterpriseValidation {
  const issues = new IssueList();
  if (!isObject(input)) {
    issues.add('enterprise', 'must be an object in the registry JSON form', input);
    return { ok: false, errors: issues.issues };
  }
  const keys = cityKeys(city);
  const o: Obj = input;
  const code = readCode(o.code, issues);
  const name = readText(o.name, 'name', ENTERPRISE_NAME_MAX, issues);
  const county = readKey(o.county, 'county', keys.counties, issues);
  const industry = readKey(o.industry, 'industry', keys.industries, issues);
  const process = readOptionalKey(o.process, 'process', keys.processes, issues);
  const fuel = readOptionalKey(o.fuel, 'fuel', keys.fuels, issues);
  const grade = readOptionalKey(o.grade, 'grade', keys.grades, issues);
  const gradedOn = isBlank(o.gradedOn) ? null : readDate(o.gradedOn, 'gradedOn', issues);
  const gradingAuthority = readOptionalText(o.gradingAuthority, 'gradingAuthority', GRADING_AUTHORITY_MAX, issues);
  if (grade === null && gradedOn) issues.add('gradedOn', 'must be empty when grade is empty: set the grade it dates, or clear the date', o.gradedOn);
  else if (gradedOn && (gradedOn > context.today || gradedOn < EARLIEST_GRADED_ON))
    issues.add('gradedOn', `must lie from ${EARLIEST_GRADED_ON} to today (${context.today}): a grading is dated the day it was awarded`, o.gradedOn);
  if (grade === null && gradingAuthority) issues.add('gradingAuthority', 'must be empty when grade is empty: set the grade it awarded, or clear the authority', o.gradingAuthority);
  let airEmitting = true; // most registered enterprises emit to air; the form lets the field be left out
  if (o.airEmitting !== undefined && o.airEmitting !== null) {
    if (typeof o.airEmitting === 'boolean') airEmitting = o.airEmitting;
    else issues.add('airEmitting', 'must be true or false', o.airEmitting);
  }
  const livelihood = readLivelihood(o.livelihood, keys, issues);
  const provincialApproval = readProvincialApproval(o.provincialApproval, issues);
  const contacts = readContacts(o.contacts, keys, issues);
  const lines = readLines(o.lines, { earliest: city.emissionInventory.earliestYear, latest: context.currentYear }, issues);
  const measures = readMeasures(o.measures, lines, keys, issues);
  let webhookUrl: string | null = null;
  if (!isBlank(o.webhookUrl)) {
    const url = typeof o.webhookUrl === 'string' ? o.webhookUrl.trim() : '';
    if (isHttpUrl(url)) webhookUrl = url;
    else issues.add('webhookUrl', 'must be null or an http:// or https:// URL', o.webhookUrl);
  }
  if (issues.length > 0) return { ok: false, errors: issues.issues };
  return {
    ok: true,
    value: {
      code: code!,
      name: name!,
      county: county!,
      industry: industry!,
      process: process!,
      fuel: fuel!,
      airEmitting,
      grade: grade!,
      gradedOn: gradedOn!,
      gradingAuthority: gradingAuthority!,
      livelihood: livelihood!,
      provincialApproval: provincialApproval!,
      contacts: contacts!,
      lines: lines!,
      measures: measures!,
      webhookUrl,
    },
  };
}
