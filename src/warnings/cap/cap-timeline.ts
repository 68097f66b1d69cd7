import type { LevelKey } from '../../rules/levels/level-ladder.js';
import { levelAt } from '../../rules/levels/level-at.js';
import type { LevelHistoryEntry } from '../../rules/levels/response-level.machine.js';

/** A level directive as stored (issue/adjust set a level; lift/expire end it at `startsAt`). */
export interface LevelDirectiveRecord {
  id: string;
  kind: 'issue' | 'adjust' | 'lift' | 'expire';
  level: LevelKey | null;
  counties: string[];
  startsAt: Date;
  endsAt: Date | null;
  issuedAt: Date;
}

/** One stretch of one warning level for a group of counties: one CAP <info>. */
export interface CapInfoPlan {
  level: LevelKey;
  onset: number;
  /** null: until lifted. */
  expires: number | null;
  counties: string[];
}

export interface CapMessagePlan {
  directive: LevelDirectiveRecord;
  msgType: 'Alert' | 'Update' | 'Cancel';
  /** Every message in force that this one replaces. */
  references: Array<{ id: string; sent: Date }>;
  /** What is in force after this message (for a Cancel: what it ends). */
  infos: CapInfoPlan[];
}

interface InForce {
  id: string;
  sent: Date;
  counties: Set<string>;
  infos: CapInfoPlan[];
}

/** The county's level stretches from its directive history, adjacent equal levels merged. */
function segments(history: LevelHistoryEntry[]): Array<{ level: LevelKey | 'none'; from: number; to: number | null }> {
  const points = new Set<number>();
  for (const e of history) {
    if ('startsAt' in e) {
      points.add(Date.parse(e.startsAt));
      if (e.endsAt !== null) points.add(Date.parse(e.endsAt));
    } else points.add(Date.parse(e.at));
  }
  const sorted = [...points].filter(Number.isFinite).sort((a, b) => a - b);
  const out: Array<{ level: LevelKey | 'none'; from: number; to: number | null }> = [];
  for (const from of sorted) {
    const level = levelAt({ history }, new Date(from).toISOString());
    const last = out[out.length - 1];
    if (last && last.level === level) continue;
    if (last) last.to = from;
    out.push({ level, from, to: null });
  }
  return out;
}

/**
 * Turns the level directives, in the order they were issued, into the CAP messages that keep
 * a consumer truthful per county: the messages in force never overlap, and after each one
 * every county under a warning is covered by exactly one of them, at its level and time
 * (several <info> blocks when counties or stretches differ). A directive replaces every
 * message in force that covers any of its counties (referencing each); the counties those
 * covered, plus its own, are re-described from their level history: Update, or Cancel when
 * none of them is left under a warning, or Alert when nothing was in force. A message whose
 * stretches have all ended by themselves (`expires`) is dropped without a Cancel.
 */
export function planCapMessages(directives: readonly LevelDirectiveRecord[], isWarning: (level: LevelKey) => boolean): CapMessagePlan[] {
  const histories = new Map<string, LevelHistoryEntry[]>();
  const inForce = new Map<string, InForce>();
  const out: CapMessagePlan[] = [];
  for (const d of directives) {
    const s = d.issuedAt.getTime();
    for (const [id, a] of inForce) if (a.infos.every((i) => i.expires !== null && i.expires <= s)) inForce.delete(id);
    for (const county of d.counties) {
      const h = histories.get(county) ?? [];
      if (d.kind === 'issue' || d.kind === 'adjust') {
        if (d.level === null) continue;
        h.push({ kind: d.kind, level: d.level, startsAt: d.startsAt.toISOString(), endsAt: d.endsAt?.toISOString() ?? null, basis: '', episodeId: '', decidedAt: null });
      } else {
        h.push({ kind: d.kind, at: d.startsAt.toISOString(), basis: null, episodeId: '' });
      }
      histories.set(county, h);
    }
    const replaced = [...inForce.values()].filter((a) => d.counties.some((c) => a.counties.has(c)));
    const scope = new Set<string>(d.counties);
    for (const a of replaced) for (const c of a.counties) scope.add(c);
    const groups = new Map<string, CapInfoPlan>();
    for (const county of [...scope].sort()) {
      for (const seg of segments(histories.get(county) ?? [])) {
        if (seg.level === 'none' || !isWarning(seg.level) || (seg.to !== null && seg.to <= s)) continue;
        const key = `${seg.level}|${seg.from}|${seg.to}`;
        const g = groups.get(key) ?? { level: seg.level, onset: seg.from, expires: seg.to, counties: [] };
        g.counties.push(county);
        groups.set(key, g);
      }
    }
    const infos = [...groups.values()].sort((a, b) => a.onset - b.onset || a.level.localeCompare(b.level));
    if (replaced.length === 0 && infos.length === 0) continue;
    const references = replaced.map((a) => ({ id: a.id, sent: a.sent }));
    for (const a of replaced) inForce.delete(a.id);
    if (infos.length === 0) {
      out.push({ directive: d, msgType: 'Cancel', references, infos: replaced.flatMap((a) => a.infos) });
      continue;
    }
    out.push({ directive: d, msgType: replaced.length ? 'Update' : 'Alert', references, infos });
    inForce.set(d.id, { id: d.id, sent: d.issuedAt, counties: new Set(infos.flatMap((i) => i.counties)), infos });
  }
  return out;
}
