// What plants of each industry look like: company-name suffix, how many lines, and how a
// line is named and sized. Keyed by the industry keys of RULES.md; any other key falls back
// to a generic profile.
import type { Pollutant, ProductionLine } from '../../rules/enterprise.js';
import type { Rng } from '../../rules/prng.js';

export interface IndustryProfile {
  /** Relative frequency in a generated registry. */
  weight: number;
  suffixes: readonly string[];
  lineCount: readonly [number, number];
  /** Line `index` (1-based) of `count`; `code` is assigned by the caller. */
  line(rng: Rng, index: number, count: number): Omit<ProductionLine, 'code'>;
  /** Process keys to choose from (null: the industry does not record one). */
  processes?: readonly string[];
  fuels?: readonly (string | null)[];
  /** Share of enterprises of this industry that do not emit to air. */
  nonAirShare?: number;
  /** Livelihood duties this industry can carry (保民生), and how often. */
  livelihood?: { duties: readonly string[]; share: number };
  /** Air-emitting pharma / pesticide may hold a provincial load cap. */
  provincialShare?: number;
  /**
   * Typical emission rate at normal load per unit of line capacity (kg/h per `unit` of the
   * line), under the ultra-low emission limits of the Henan plans: flue-gas volume of such a
   * line times the limit concentration. The generator spreads each figure around it.
   */
  kgPerHourPerCapacity: Readonly<Record<Pollutant, number>>;
}

const numbered = (index: number, count: number, name: string): string => (count > 1 ? `${index}# ${name}` : name);

function simple(unit: string, sizes: readonly number[], label: string): IndustryProfile['line'] {
  return (rng, index, count) => {
    const capacity = rng.pick(sizes);
    return { name: numbered(index, count, `${capacity}${unit} ${label}`), capacity, unit, cells: null };
  };
}

export const INDUSTRY_PROFILES: Readonly<Record<string, IndustryProfile>> = {
  cement_clinker: {
    weight: 6,
    suffixes: ['水泥有限公司', '建材有限公司', '水泥股份有限公司'],
    lineCount: [2, 5],
    line: simple('t/d', [1000, 2000, 2500, 2500, 4500, 5000], '熟料线'),
    livelihood: { duties: ['municipal_waste', 'hazardous_waste'], share: 0.15 },
    // per t/d of clinker: about 480,000 m³/h at 5000 t/d; SO2 35, NOx 100, PM 10 mg/m³ plus the other stacks
    kgPerHourPerCapacity: { so2: 0.0035, nox: 0.0096, pm: 0.0025, vocs: 0.0003 },
  },
  foundry: {
    weight: 12,
    suffixes: ['铸造有限公司', '机械铸造有限公司', '精密铸造有限公司'],
    lineCount: [2, 7],
    line: (rng, index, count) => {
      const capacity = rng.pick([1, 2, 3, 5, 10]);
      const furnace = rng.pick(['中频感应电炉', '冲天炉', '电弧炉']);
      return { name: numbered(index, count, `${capacity}t ${furnace}熔炼线`), capacity, unit: 't', cells: null };
    },
    // per t of furnace: melting, core making and coating
    kgPerHourPerCapacity: { so2: 0.1, nox: 0.08, pm: 0.3, vocs: 0.15 },
  },
  carbon: {
    weight: 6,
    suffixes: ['碳素有限公司', '炭素有限公司'],
    lineCount: [2, 6],
    line: simple('万t/a', [2, 3, 5, 8, 10], '阳极焙烧炉'),
    // per 万t/a of baked anode: sulphur of the pitch, asphalt fume as VOCs
    kgPerHourPerCapacity: { so2: 1.5, nox: 0.6, pm: 0.25, vocs: 0.4 },
  },
  refractory: {
    weight: 10,
    suffixes: ['耐火材料有限公司', '耐材有限公司'],
    lineCount: [2, 7],
    line: simple('万t/a', [1, 2, 3, 5], '耐火材料隧道窑'),
    // per 万t/a of tunnel kiln
    kgPerHourPerCapacity: { so2: 0.5, nox: 0.8, pm: 0.2, vocs: 0.03 },
  },
  corundum: {
    weight: 5,
    suffixes: ['刚玉有限公司', '磨料磨具有限公司'],
    lineCount: [2, 6],
    line: simple('t/d', [10, 15, 20, 30, 40], '刚玉冶炼炉'),
    // per t/d of arc furnace: mostly dust
    kgPerHourPerCapacity: { so2: 0.03, nox: 0.02, pm: 0.1, vocs: 0.003 },
  },
  glass: {
    weight: 4,
    suffixes: ['玻璃有限公司', '玻璃制品有限公司'],
    lineCount: [2, 5],
    line: simple('t/d', [300, 450, 600, 700, 900], '浮法玻璃线'),
    fuels: ['coal', 'natural_gas'],
    // per t/d of float glass: about 80,000 m³/h at 600 t/d; NOx 400 mg/m³
    kgPerHourPerCapacity: { so2: 0.013, nox: 0.05, pm: 0.003, vocs: 0.0002 },
  },
  brick_tile: {
    weight: 12,
    suffixes: ['新型建材有限公司', '砖瓦有限公司', '墙体材料有限公司'],
    lineCount: [2, 6],
    line: simple('万块/a', [3000, 4000, 6000, 8000], '砖瓦生产线'),
    processes: ['sintered', 'non_sintered'],
    // per 万块/a (10,000 bricks a year)
    kgPerHourPerCapacity: { so2: 0.0008, nox: 0.0006, pm: 0.00025, vocs: 0.00002 },
  },
  steel: {
    weight: 3,
    suffixes: ['钢铁有限公司', '特钢有限公司'],
    lineCount: [3, 7],
    line: (rng, index, count) => {
      const capacity = rng.pick([50, 80, 100, 120, 150]);
      const unit = rng.pick(['烧结机', '高炉', '转炉', '电弧炉', '轧钢线']);
      return { name: numbered(index, count, `${capacity}万t/a ${unit}`), capacity, unit: '万t/a', cells: null };
    },
    processes: ['sintered', 'non_sintered'],
    // per 万t/a: a 100万t/a sinter strand moves about 1,000,000 m³/h
    kgPerHourPerCapacity: { so2: 0.25, nox: 0.35, pm: 0.15, vocs: 0.02 },
  },
  electrolytic_aluminium: {
    weight: 2,
    suffixes: ['铝业有限公司', '电解铝有限公司'],
    lineCount: [2, 4],
    // Counted by cells (RULES.md §1). About 2.734 t of aluminium per kA per year and cell.
    line: (rng, index) => {
      const cells = rng.pick([200, 240, 240, 280]);
      const amps = rng.pick([300, 400, 500]);
      const capacity = Math.round((cells * amps * 2.734) / 1000) / 10;
      return { name: `${index}期 ${amps}kA 电解系列（${cells}台电解槽）`, capacity, unit: '万t/a', cells };
    },
    // per 万t/a: anode sulphur as SO2, fluoride-bearing dust
    kgPerHourPerCapacity: { so2: 2, nox: 0.1, pm: 0.4, vocs: 0.01 },
  },
  alumina: {
    weight: 2,
    suffixes: ['氧化铝有限公司'],
    lineCount: [2, 5],
    line: simple('万t/a', [40, 60, 80, 100], '氧化铝生产线'),
    // per 万t/a of calcination
    kgPerHourPerCapacity: { so2: 0.25, nox: 0.35, pm: 0.1, vocs: 0.005 },
  },
  pharma: {
    weight: 5,
    suffixes: ['制药有限公司', '药业有限公司', '生物制药有限公司'],
    lineCount: [2, 6],
    line: (rng, index) => {
      const capacity = rng.pick([50, 100, 200, 300, 500]);
      return { name: `${index}号原料药合成车间（${capacity}t/a）`, capacity, unit: 't/a', cells: null };
    },
    nonAirShare: 0.25,
    provincialShare: 0.4,
    // per t/a of active ingredient: solvents as VOCs, a small boiler
    kgPerHourPerCapacity: { so2: 0.0002, nox: 0.001, pm: 0.0002, vocs: 0.015 },
  },
  pesticide: {
    weight: 3,
    suffixes: ['农药化工有限公司', '农化有限公司'],
    lineCount: [2, 6],
    line: (rng, index) => {
      const capacity = rng.pick([500, 1000, 2000, 3000]);
      return { name: `${index}号农药原药车间（${capacity}t/a）`, capacity, unit: 't/a', cells: null };
    },
    nonAirShare: 0.25,
    provincialShare: 0.4,
    // per t/a of technical: solvents as VOCs
    kgPerHourPerCapacity: { so2: 0.0001, nox: 0.0003, pm: 0.0001, vocs: 0.005 },
  },
  coking: {
    weight: 3,
    suffixes: ['焦化有限公司', '煤化工有限公司'],
    lineCount: [2, 5],
    line: simple('万t/a', [60, 80, 100, 130], '焦炉'),
    // per 万t/a of coke: oven firing, charging and quenching
    kgPerHourPerCapacity: { so2: 0.15, nox: 0.4, pm: 0.08, vocs: 0.1 },
  },
  chemical: {
    weight: 10,
    suffixes: ['化工有限公司', '化学有限公司'],
    lineCount: [2, 7],
    line: (rng, index) => {
      const capacity = rng.pick([1, 2, 5, 10]);
      return { name: `${index}号反应装置（${capacity}万t/a）`, capacity, unit: '万t/a', cells: null };
    },
    // per 万t/a of reactor: mostly VOCs
    kgPerHourPerCapacity: { so2: 0.2, nox: 0.4, pm: 0.1, vocs: 0.8 },
  },
  power: {
    weight: 3,
    suffixes: ['热电有限公司', '发电有限责任公司'],
    lineCount: [2, 4],
    line: (rng, index) => {
      const capacity = rng.pick([135, 300, 350, 600, 660]);
      return { name: `${index}号 ${capacity}MW 燃煤机组`, capacity, unit: 'MW', cells: null };
    },
    fuels: ['coal', 'coal', 'natural_gas'],
    livelihood: { duties: ['heating'], share: 0.6 },
    // per MW: about 3,300 m³/h per MW; SO2 35, NOx 50, PM 5 mg/m³
    kgPerHourPerCapacity: { so2: 0.11, nox: 0.16, pm: 0.02, vocs: 0.003 },
  },
  other: {
    weight: 14,
    suffixes: ['实业有限公司', '科技有限公司', '新材料有限公司'],
    lineCount: [2, 7],
    line: simple('t/d', [20, 50, 100, 200], '生产线'),
    fuels: [null, 'electricity', 'natural_gas', 'other'],
    // per t/d
    kgPerHourPerCapacity: { so2: 0.005, nox: 0.008, pm: 0.004, vocs: 0.006 },
  },
};

export function profileFor(industry: string): IndustryProfile {
  return INDUSTRY_PROFILES[industry] ?? INDUSTRY_PROFILES.other!;
}
