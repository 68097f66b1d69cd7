// A seeded, realistic registry for demos, tests and benchmarks: every generated enterprise
// passes validateEnterprise. The first enterprises are showcases that cover every county,
// industry and exemption case of RULES.md; the rest are drawn at random.
import type { CityConfig, County } from '../../config/city-config.js';
import {
  POLLUTANTS,
  type Contact,
  type EmissionSource,
  type Enterprise,
  type LineEmissions,
  type Livelihood,
  type Pollutant,
  type ProductionLine,
  type ProvincialApproval,
} from '../../rules/enterprise.js';
import { USCC_ALPHABET, makeUscc } from '../validation/uscc.js';
import { defaultChannels } from '../../rules/contacts/mobile-number.js';
import { profileFor, type IndustryProfile } from './industry-profiles.js';
import { EXAMPLE_DOMAINS, GIVEN_NAMES, SURNAMES, TRADE_NAMES } from './name-pools.js';
import { mulberry32, type Rng } from '../../rules/prng.js';
import { generateMeasures } from './registry-measures.js';
import { showcaseSpecs, type EnterpriseSpec } from './showcase-specs.js';

export interface RegistryGeneratorOptions {
  seed: number;
  enterprises: number;
  city: CityConfig;
  /** First year of the winter season; livelihood filings are dated against its Sep 30. Default 2026. */
  seasonYear?: number;
}

export const DEMO_SEED = 20261115;
export const DEMO_ENTERPRISES = 320;

const UNREACHABLE_SHARE = 0.04;
const LATE_FILING_SHARE = 0.25;
const WEBHOOK_SHARE = 0.08;
const ORG_SPACE = 31 ** 9;
/** Share of the randomly drawn air-emitting enterprises that have not reported emission figures (未填报). */
const UNREPORTED_EMISSIONS_SHARE = 0.05;
/** Each figure is drawn within ± this share of the industry's typical rate. */
const EMISSION_SPREAD = 0.3;
/** Figures are rounded to grams per hour. */
const RATE_DECIMALS = 3;
/** Where figures come from, and how often: most from the permit (排污许可证). */
const EMISSION_SOURCE_WEIGHTS: ReadonlyArray<readonly [EmissionSource, number]> = [
  ['permit', 0.6],
  ['inventory', 0.3],
  ['monitoring', 0.1],
];
/** How many years before the season's first year the figures may describe (the latest inventory is the previous year's). */
const EMISSION_YEARS_BACK: readonly [number, number] = [1, 2];
/**
 * The emission figures are drawn from their own stream of the seed: adding or changing them
 * leaves every other generated value (codes, lines, measures) as it was.
 */
const EMISSION_STREAM = 0x5eed_e415;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 91 (enterprise) + 6-digit county code + 9-character organisation code, unique per index. */
function enterpriseCode(county: County, index: number, offset: number): string {
  const region = county.code.replace(/\D/g, '').padEnd(6, '0').slice(0, 6);
  // An affine map with a multiplier coprime to 31 is a bijection: distinct indexes, distinct codes.
  let n = (index * 2_654_435_761 + offset) % ORG_SPACE;
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = USCC_ALPHABET[n % 31]! + org;
    n = Math.floor(n / 31);
  }
  return makeUscc('91' + region + org);
}

function companyName(rng: Rng, city: CityConfig, county: County, suffixes: readonly string[]): string {
  // District enterprises carry the city's name (焦作市中站区…); counties and county-level cities their own.
  const place = county.name.endsWith('区') ? city.city.name + county.name : county.name;
  return place + rng.pick(TRADE_NAMES) + rng.pick(suffixes);
}

function phone(rng: Rng): string {
  return '13' + String(rng.int(0, 999_999_999)).padStart(9, '0');
}

function contacts(rng: Rng, city: CityConfig, code: string, reachable: boolean): Contact[] {
  const roles = city.contactRoles.map((r) => r.key);
  const count = rng.int(1, Math.min(3, roles.length));
  const preferred = roles.includes('env_officer') ? 'env_officer' : roles[0]!;
  const chosen = [preferred, ...roles.filter((r) => r !== preferred)].slice(0, count);
  const domain = rng.pick(EXAMPLE_DOMAINS);
  return chosen.map((role, i) => {
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
    // The first contact of a reachable enterprise always has an email; others only sometimes.
    const email = reachable && (i === 0 || rng.chance(0.5)) ? `${role.replace(/_/g, '.')}.${code.slice(-8).toLowerCase()}@${domain}` : null;
    const tel = rng.chance(0.9) ? phone(rng) : null;
    // The number is a 13x mobile: it takes SMS as well as calls.
    const mobile = tel;
    return { name, role, email, phone: tel, mobile, channels: defaultChannels({ email, phone: tel, mobile }) };
  });
}

function livelihood(rng: Rng, duty: string, late: boolean, year: number): Livelihood {
  // The filing deadline is Sep 30 of the season's first year (RULES.md §1).
  const filedOn = late ? `${year}-10-${pad2(rng.int(1, 31))}` : `${year}-${pad2(rng.int(7, 9))}-${pad2(rng.int(1, 30))}`;
  return { duty, maxLoadPercent: rng.pick([30, 40, 50, 60, 70]), filedOn };
}

function provincialApproval(rng: Rng, year: number): ProvincialApproval {
  return {
    maxLoadPercent: rng.pick([30, 40, 50]),
    approvedOn: `${year}-${pad2(rng.int(9, 10))}-${pad2(rng.int(1, 30))}`,
    reference: rng.chance(0.8) ? `省环函〔${year}〕${rng.int(1, 300)}号` : null,
  };
}

function emissionSource(rng: Rng): EmissionSource {
  let x = rng.next();
  for (const [source, weight] of EMISSION_SOURCE_WEIGHTS) {
    x -= weight;
    if (x < 0) return source;
  }
  return EMISSION_SOURCE_WEIGHTS[0]![0];
}

/** A line's figures: the industry's typical rate per unit of capacity times the capacity, spread. */
function lineEmissions(rng: Rng, profile: IndustryProfile, capacity: number, source: EmissionSource, year: number): LineEmissions {
  const scale = 10 ** RATE_DECIMALS;
  const rate = (p: Pollutant): number => Math.round(profile.kgPerHourPerCapacity[p] * capacity * (1 - EMISSION_SPREAD + 2 * EMISSION_SPREAD * rng.next()) * scale) / scale;
  return { kgPerHour: Object.fromEntries(POLLUTANTS.map((p) => [p, rate(p)])) as Record<Pollutant, number>, source, year };
}

/** The enterprise's lines with their figures (one source and year per enterprise), or without any. */
function withEmissions(rng: Rng, profile: IndustryProfile, lines: ProductionLine[], reported: boolean, seasonYear: number, earliestYear: number): ProductionLine[] {
  if (!reported) return lines.map((l) => ({ ...l, emissions: null }));
  const source = emissionSource(rng);
  const year = Math.max(earliestYear, seasonYear - rng.int(EMISSION_YEARS_BACK[0], EMISSION_YEARS_BACK[1]));
  return lines.map((l) => ({ ...l, emissions: lineEmissions(rng, profile, l.capacity, source, year) }));
}

function randomSpec(rng: Rng, industries: readonly string[], totalWeight: number): EnterpriseSpec {
  let x = rng.next() * totalWeight;
  for (const industry of industries) {
    x -= profileFor(industry).weight;
    if (x < 0) return { industry };
  }
  return { industry: industries[industries.length - 1]! };
}

function buildEnterprise(rng: Rng, emissionRng: Rng, index: number, spec: EnterpriseSpec, showcase: boolean, county: County, offset: number, opts: RegistryGeneratorOptions): Enterprise {
  const { city } = opts;
  const year = opts.seasonYear ?? 2026;
  const profile = profileFor(spec.industry);
  const code = enterpriseCode(county, index, offset);
  const processKeys = new Set(city.processes.map((p) => p.key));
  const fuelKeys = new Set(city.fuels.map((f) => f.key));
  const duties = new Set(city.livelihoodDuties.map((d) => d.key));

  const process = spec.process !== undefined ? spec.process : profile.processes ? rng.pick(profile.processes) : null;
  const fuel = spec.fuel !== undefined ? spec.fuel : profile.fuels ? rng.pick(profile.fuels) : null;
  const airEmitting = spec.airEmitting ?? !(profile.nonAirShare !== undefined && rng.chance(profile.nonAirShare));

  let duty: string | null = spec.duty ?? null;
  if (spec.duty === undefined && profile.livelihood && rng.chance(profile.livelihood.share)) duty = rng.pick(profile.livelihood.duties);
  const late = spec.lateFiling ?? rng.chance(LATE_FILING_SHARE);
  const withApproval = airEmitting && (spec.provincial ?? (profile.provincialShare !== undefined && rng.chance(profile.provincialShare)));

  const count = spec.lineCells?.length ?? rng.int(profile.lineCount[0], profile.lineCount[1]);
  const lines: ProductionLine[] = [];
  for (let i = 1; i <= count; i++) {
    const line = profile.line(rng, i, count);
    const cells = spec.lineCells?.[i - 1];
    if (cells === undefined || line.cells === null) lines.push({ code: `L${i}`, ...line });
    else {
      // A fixed number of cells: scale the drawn capacity to it.
      const capacity = Math.round((line.capacity * cells * 10) / line.cells) / 10;
      lines.push({ code: `L${i}`, ...line, name: line.name.replace(/\d+台/, `${cells}台`), capacity, cells });
    }
  }
  // Showcases always report their figures; a non-air-emitting enterprise has none to report.
  const reported = airEmitting && (showcase || !emissionRng.chance(UNREPORTED_EMISSIONS_SHARE));
  const linesWithEmissions = withEmissions(emissionRng, profile, lines, reported, year, city.emissionInventory.earliestYear);
  const grade = rng.chance(0.5) || city.grades.length === 0 ? null : rng.pick(city.grades);
  const reachable = !(spec.unreachable ?? rng.chance(UNREACHABLE_SHARE));
  return {
    code,
    name: companyName(rng, city, county, profile.suffixes),
    county: county.name,
    industry: spec.industry,
    process: process !== null && processKeys.has(process) ? process : null,
    fuel: fuel !== null && fuelKeys.has(fuel) ? fuel : null,
    airEmitting,
    grade,
    // Graded before the season by the city's environment bureau (no draw: the rest of the demo stays as it was).
    gradedOn: grade === null ? null : `${year}-09-15`,
    gradingAuthority: grade === null ? null : `${city.city.name}生态环境局`,
    livelihood: duty !== null && duties.has(duty) ? livelihood(rng, duty, late, year) : null,
    provincialApproval: withApproval ? provincialApproval(rng, year) : null,
    contacts: contacts(rng, city, code, reachable),
    lines: linesWithEmissions,
    measures: generateMeasures(
      rng,
      lines,
      city.levels.map((l) => l.key),
    ),
    webhookUrl: rng.chance(WEBHOOK_SHARE) ? `https://hooks.example.com/hazeops/${code}` : null,
  };
}

/** Streams enterprises one by one, so that 100,000 of them need not be held in memory. */
export function* generateEnterprises(opts: RegistryGeneratorOptions): Generator<Enterprise> {
  const rng = mulberry32(opts.seed);
  const emissionRng = mulberry32((opts.seed ^ EMISSION_STREAM) >>> 0);
  const { city } = opts;
  const industries = city.industries.map((i) => i.key);
  const totalWeight = industries.reduce((sum, k) => sum + profileFor(k).weight, 0);
  const showcases = showcaseSpecs(city);
  const offset = rng.int(0, ORG_SPACE - 1);
  for (let index = 0; index < opts.enterprises; index++) {
    // Every county appears among the first enterprises, then at random.
    const county = index < city.counties.length ? city.counties[index]! : rng.pick(city.counties);
    const showcase = showcases[index];
    const spec = showcase ?? randomSpec(rng, industries, totalWeight);
    yield buildEnterprise(rng, emissionRng, index, spec, showcase !== undefined, county, offset, opts);
  }
}

export function generateRegistry(opts: RegistryGeneratorOptions): Enterprise[] {
  return [...generateEnterprises(opts)];
}

/** The demo registry: fixed seed, 320 enterprises. */
export function demoRegistry(city: CityConfig): Enterprise[] {
  return generateRegistry({ seed: DEMO_SEED, enterprises: DEMO_ENTERPRISES, city });
}
