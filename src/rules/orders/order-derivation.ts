import type { Enterprise } from '../enterprise.js';
import type { LevelOrNone } from '../levels/level-ladder.js';
import type { Reason } from '../reason.js';
import { gradeSteps, type GradeStep } from '../grading/grade-steps.js';
import { RulesInputError } from '../rules.errors.js';
import { phaseObjectAt } from '../season/season-calendar.js';
import { isLocalDate, localDateOf, parseInstant } from '../time/local-time.js';
import { compiledRules, groupFor, type CompiledRules } from './compiled-rules.js';
import { selectCells, selectLines } from './line-selection.js';
import type { Order, OrderConfig, OrderLine } from './order.types.js';

/** What a proposal check needs beyond the order itself. */
export interface DerivationMeta {
  /** Lines that must stop whatever else is chosen (full stop, a level's stop measure). */
  forcedLines: string[];
  /** Set-level minimum share of capacity to stop, or 0. */
  minStopPercent: number;
  basis: 'lines' | 'cells';
}

const NO_REASONS: readonly Reason[] = Object.freeze([]);

// Scratch buffers reused across calls (the derivation is synchronous, so never shared).
let size = 0;
let stopped = new Uint8Array(0);
let chosen = new Uint8Array(0);
let kiln = new Uint8Array(0);
let cellsK = new Int32Array(0);
let idx = new Int32Array(0);
let limitV = new Float64Array(0);
let capped = new Uint8Array(0);
const stopR: (readonly Reason[] | null)[] = [];
const limitR: (readonly Reason[] | null)[] = [];
/** Reasons a line runs although its list names it (a grade's exemption). */
const exemptR: (readonly Reason[] | null)[] = [];

// One shared frozen array per reason: most lines have a single reason, so no array is allocated for them.
const singles = new WeakMap<Reason, readonly Reason[]>();
function single(r: Reason): readonly Reason[] {
  let a = singles.get(r);
  if (a === undefined) singles.set(r, (a = Object.freeze([r])));
  return a;
}

function ensure(n: number): void {
  if (n <= size) return;
  size = Math.max(n, size * 2, 16);
  stopped = new Uint8Array(size);
  chosen = new Uint8Array(size);
  kiln = new Uint8Array(size);
  cellsK = new Int32Array(size);
  idx = new Int32Array(size);
  limitV = new Float64Array(size);
  capped = new Uint8Array(size);
}

let lastAtInput: Date | string | null = null;
let lastAtMs = 0;
let lastAtIso = '';
let lastAtLocalDate: string | null = null;
let lastAtZone = '';

/** Local date of the current order time, computed once per distinct time and zone. */
function localDateOfAt(timezone: string): string {
  if (lastAtLocalDate === null || lastAtZone !== timezone) {
    lastAtLocalDate = localDateOf(lastAtMs, timezone);
    lastAtZone = timezone;
  }
  return lastAtLocalDate;
}

function instant(at: Date | string): number {
  if (at === lastAtInput) return lastAtMs;
  // A zone is required: a bare local time would be read in the server's zone.
  const ms = parseInstant(at);
  if (Number.isNaN(ms)) throw new RulesInputError(`"at" must be an ISO 8601 time such as 2026-12-10T08:00:00+08:00 (got ${JSON.stringify(at)})`);
  lastAtInput = at;
  lastAtMs = ms;
  lastAtIso = new Date(ms).toISOString();
  lastAtLocalDate = null;
  return ms;
}

function addReason(list: (readonly Reason[] | null)[], i: number, r: Reason): void {
  const cur = list[i];
  if (cur === null || cur === undefined) list[i] = single(r);
  else if (!cur.includes(r)) list[i] = [...cur, r];
}

/** A limit of v % on line i: the stricter value wins, equal values keep both reasons. */
function limitTo(i: number, v: number, r: Reason): void {
  if (v < limitV[i]!) {
    limitV[i] = v;
    limitR[i] = single(r);
  } else if (v === limitV[i]) addReason(limitR, i, r);
}

/** The grade's step at a ladder index, or null where it takes the listed measures (no grade, no table, a grade not in it). */
function gradeStepAt(cfg: OrderConfig, c: CompiledRules, grade: string | null, levelIdx: number): GradeStep | null {
  if (grade === null || grade === undefined || cfg.grading === undefined) return null;
  return gradeSteps(cfg.grading, c.ladder).get(grade)?.[levelIdx] ?? null;
}

function lineIndex(e: Enterprise, code: string): number {
  const lines = e.lines;
  for (let i = 0; i < lines.length; i++) if (lines[i]!.code === code) return i;
  return -1;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The production order for one enterprise at one moment and level (RULES.md §3): the least
 * production that satisfies the season phase, the level's measures (and every milder
 * level's), and any load cap. Pure; compiled lookups are cached per config objects.
 */
export function deriveOrder(enterprise: Enterprise, at: Date | string, level: LevelOrNone, cfg: OrderConfig): Order {
  return derive(enterprise, at, level, cfg, null);
}

export function derive(e: Enterprise, at: Date | string, level: LevelOrNone, cfg: OrderConfig, meta: DerivationMeta | null): Order {
  const c = compiledRules(cfg);
  const atMs = instant(at);
  const levelIdx = c.levelIndex.get(level);
  if (levelIdx === undefined) throw new RulesInputError(`"level" must be none or one of ${c.ladder.map((l) => l.key).join(', ')} (got ${JSON.stringify(level)})`);
  const lines = e.lines;
  const n = lines.length;
  ensure(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += lines[i]!.capacity;
    stopped[i] = 0;
    chosen[i] = 0;
    kiln[i] = 0;
    cellsK[i] = 0;
    limitV[i] = Number.POSITIVE_INFINITY;
    capped[i] = 0;
    stopR[i] = null;
    limitR[i] = null;
    exemptR[i] = null;
  }
  const notes: string[] = [];

  const cg = groupFor(c, e.industry, e.process, e.fuel, e.airEmitting);
  const phase = cg === null ? null : phaseObjectAt(cg.group, atMs);
  let phaseRef: Order['phase'] = null;
  if (cg !== null) {
    const phases = cg.group.phases;
    phaseRef = phase !== null ? cg.refs[phases.indexOf(phase) + 1]! : atMs < phases[0]!.startMs ? cg.refs[0]! : cg.refs[phases.length + 1]!;
  }

  // Livelihood duty counts only with a timely filing (item 43: 9月底前报市政府备案).
  let livelihoodValid = false;
  const lh = e.livelihood;
  if (lh !== null && lh !== undefined) {
    if (isLocalDate(lh.filedOn) && lh.filedOn <= c.filingDeadline) livelihoodValid = true;
    else if (!isLocalDate(lh.filedOn)) notes.push(`保民生任务（${dutyName(c, lh.duty)}）未提供有效的最大允许生产负荷备案日期，不予豁免错峰生产和应急减排措施。`);
    else notes.push(`保民生任务（${dutyName(c, lh.duty)}）最大允许生产负荷于${lh.filedOn}备案，晚于${c.filingDeadline}的备案截止日期，不予豁免错峰生产和应急减排措施。`);
  }

  let cap = Number.POSITIVE_INFINITY;
  let capReason: Reason | null = null;
  let minStop = 0;
  let cellsBasis = false;
  let phaseReason: Reason | null = null;
  if (phase !== null) {
    phaseReason = phase.reason;
    const k = phase.constraint;
    if (livelihoodValid && lh) {
      cap = lh.maxLoadPercent;
      capReason = c.livelihoodReason;
      notes.push(`承担保民生任务（${dutyName(c, lh.duty)}），${lh.filedOn}已备案，不实施错峰生产，最大允许生产负荷${lh.maxLoadPercent}%。`);
    } else if (k.kind === 'full_stop') {
      const pa = e.provincialApproval;
      const approved = k.provincialApprovalCaps && pa !== null && pa !== undefined && isLocalDate(pa.approvedOn) && pa.approvedOn <= localDateOfAt(c.timezone);
      if (approved && pa) {
        cap = Math.min(cap, pa.maxLoadPercent);
        capReason = c.provincialReason;
        notes.push(`经省级相关部门批准（${pa.reference ?? pa.approvedOn}），以最大生产负荷${pa.maxLoadPercent}%代替停产。`);
      } else {
        if (k.provincialApprovalCaps && pa) notes.push(`省级批准日期${pa.approvedOn}晚于指令时间或无效，仍须停产。`);
        for (let i = 0; i < n; i++) {
          stopped[i] = 1;
          if (k.noKilnBanking) kiln[i] = 1;
          addReason(stopR, i, phase.reason);
        }
      }
    } else {
      minStop = k.minStopPercent;
      cellsBasis = k.basis === 'cells';
    }
  }

  // Level measures: the level's own and every milder level's; per line the strictest.
  if (levelIdx >= 0) {
    const exemptWarnings = livelihoodValid && !c.livelihoodTakesWarningMeasures;
    // The grade's step at this level (RULES.md §5); the livelihood exemption, where it holds, comes first.
    const step = exemptWarnings && c.ladder[levelIdx]!.kind === 'warning' ? null : gradeStepAt(cfg, c, e.grade, levelIdx);
    const kind = step === null ? 'listed' : step.treatment.kind;
    const capV = step !== null && step.treatment.kind === 'cap' ? step.treatment.maxLoadPercent : 0;
    let skipped = false;
    let exempted = false;
    for (let li = 0; li <= levelIdx; li++) {
      const def = c.ladder[li]!;
      const measures = e.measures?.[def.key];
      if (measures === undefined || measures.length === 0) continue;
      if (exemptWarnings && def.kind === 'warning') {
        skipped = true;
        continue;
      }
      for (let mi = 0; mi < measures.length; mi++) {
        const m = measures[mi]!;
        const i = lineIndex(e, m.line);
        if (i < 0) {
          notes.push(`应急减排清单（${def.name}）中的生产线${m.line}不在企业生产线中，已忽略。`);
          continue;
        }
        if (kind === 'exempt') {
          addReason(exemptR, i, step!.reason);
          exempted = true;
        } else if (m.action === 'stop' && kind !== 'cap') {
          stopped[i] = 1;
          addReason(stopR, i, c.levelStopReason[li]!);
        } else if (m.action === 'stop') {
          capped[i] = 1;
          limitTo(i, capV, c.levelStopReason[li]!);
        } else {
          if (m.maxLoadPercent === null) notes.push(`应急减排清单（${def.name}）中生产线${m.line}的限产负荷未填写，按0%（停止生产）处理。`);
          limitTo(i, m.maxLoadPercent ?? 0, c.levelLimitReason[li]!);
        }
      }
    }
    if (skipped) notes.push('承担保民生任务且已按期备案，按规定不执行预警级别的应急减排措施。');
    if (step !== null) {
      const r = step.reason;
      if (kind === 'full_stop') {
        for (let i = 0; i < n; i++) {
          stopped[i] = 1;
          addReason(stopR, i, r);
        }
        notes.push(`${r.text}（${r.rule}）。`);
      } else if (kind === 'cap') {
        for (let i = 0; i < n; i++) if (capped[i] === 1 && limitV[i] === capV) addReason(limitR, i, r);
      } else if (exempted) notes.push(`${r.text}（${r.rule}）。`);
    }
  }

  // Set-level minimum by whole lines (or cells); forced stops count towards it.
  const eps = total * 1e-9;
  if (minStop > 0 && total > 0 && phaseReason !== null) {
    let forced = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (stopped[i] === 1) forced += lines[i]!.capacity;
      else idx[count++] = i;
    }
    const required = (minStop / 100) * total - forced;
    if (required > eps) {
      if (cellsBasis) selectCells(lines, idx, count, required, eps, cellsK);
      else selectLines(lines, idx, count, required, eps, c.exactMax, chosen);
      for (let j = 0; j < count; j++) {
        const i = idx[j]!;
        if (chosen[i] === 1 || (cellsK[i]! > 0 && cellsK[i]! >= (lines[i]!.cells || 1))) {
          stopped[i] = 1;
          cellsK[i] = 0;
          addReason(stopR, i, phaseReason);
        }
      }
    }
  }

  // Assemble the order.
  let stoppedCap = 0;
  const out: OrderLine[] = new Array<OrderLine>(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (stopped[i] === 1) {
      stoppedCap += line.capacity;
      out[i] = { code: line.code, action: 'stop', maxLoadPercent: null, stoppedCells: line.cells ?? null, noKilnBanking: kiln[i] === 1, reasons: stopR[i] ?? NO_REASONS };
      continue;
    }
    const lv = limitV[i]!;
    const max = lv < cap ? lv : cap;
    let reasons: readonly Reason[] = NO_REASONS;
    if (max !== Number.POSITIVE_INFINITY) {
      if (lv < cap) reasons = limitR[i]!;
      else if (cap < lv) reasons = single(capReason!);
      else reasons = [capReason!, ...limitR[i]!];
    }
    const k = cellsK[i]!;
    if (k > 0) {
      stoppedCap += (line.capacity * k) / (line.cells || 1);
      reasons = reasons === NO_REASONS ? single(phaseReason!) : [phaseReason!, ...reasons];
      out[i] = { code: line.code, action: 'limit', maxLoadPercent: max === Number.POSITIVE_INFINITY ? null : max, stoppedCells: k, noKilnBanking: false, reasons };
    } else if (max !== Number.POSITIVE_INFINITY) {
      out[i] = { code: line.code, action: 'limit', maxLoadPercent: max, stoppedCells: null, noKilnBanking: false, reasons };
    } else {
      out[i] = { code: line.code, action: 'run', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: exemptR[i] ?? NO_REASONS };
    }
  }

  if (meta !== null) {
    meta.forcedLines.length = 0;
    for (let i = 0; i < n; i++) if (stopR[i]?.some((r) => r !== phaseReason || phase?.constraint.kind === 'full_stop')) meta.forcedLines.push(lines[i]!.code);
    meta.minStopPercent = minStop;
    meta.basis = cellsBasis ? 'cells' : 'lines';
  }

  return {
    enterpriseCode: e.code,
    at: lastAtIso,
    level,
    phase: phaseRef,
    lines: out,
    stoppedCapacityPercent: total > 0 ? round2((stoppedCap / total) * 100) : 0,
    maxLoadPercent: cap === Number.POSITIVE_INFINITY ? null : cap,
    notes,
  };
}

function dutyName(c: CompiledRules, duty: string): string {
  return c.dutyNames.get(duty) ?? duty;
}
