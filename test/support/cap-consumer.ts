import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'cap', 'CAP-v1.2.xsd'), 'utf8');

/** Validates CAP documents against the OASIS CAP 1.2 schema; answers the problems (none: valid). */
export async function capSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'alert.xml', contents: xml }], schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

export interface ConsumedInfo {
  severity: string;
  onset: number;
  expires: number | null;
  areas: string[];
}

export interface ConsumedAlert {
  identifier: string;
  sender: string;
  sent: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  /** `sender,identifier,sent` triples. */
  references: Array<{ sender: string; identifier: string; sent: string }>;
  infos: ConsumedInfo[];
  xml: string;
}

const one = (xml: string, tag: string): string | null => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1] ?? null;
const all = (xml: string, tag: string): string[] => [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);

export function parseAlert(xml: string): ConsumedAlert {
  const head = xml.slice(0, xml.indexOf('<info>') >= 0 ? xml.indexOf('<info>') : xml.length);
  const refs = one(head, 'references');
  return {
    identifier: one(head, 'identifier')!,
    sender: one(head, 'sender')!,
    sent: one(head, 'sent')!,
    msgType: one(head, 'msgType') as ConsumedAlert['msgType'],
    references: refs
      ? refs.split(/\s+/).map((r) => {
          const [sender, identifier, sent] = r.split(',');
          return { sender: sender!, identifier: identifier!, sent: sent! };
        })
      : [],
    infos: all(xml, 'info').map((info) => {
      const expires = one(info, 'expires');
      return { severity: one(info, 'severity')!, onset: Date.parse(one(info, 'onset')!), expires: expires === null ? null : Date.parse(expires), areas: all(info, 'areaDesc') };
    }),
    xml,
  };
}

/** The alerts of an Atom feed, oldest first (the feed lists the newest first). */
export function alertsOfFeed(feed: string): ConsumedAlert[] {
  return [...feed.matchAll(/<alert xmlns="urn:oasis:names:tc:emergency:cap:1\.2">[\s\S]*?<\/alert>/g)].map((m) => parseAlert(m[0])).reverse();
}

const LEVEL_OF_SEVERITY: Record<string, string> = { Minor: 'blue', Moderate: 'yellow', Severe: 'orange', Extreme: 'red' };

/**
 * What a CAP consumer (a TV station, an aggregator) holds: it applies each message once, in
 * order — an Alert adds, an Update replaces what it references, a Cancel removes it — and
 * shows, per area, the infos whose onset has come and whose expiry has not.
 */
export class CapConsumer {
  private readonly held = new Map<string, ConsumedAlert>();
  private readonly seen = new Set<string>();

  apply(alerts: ConsumedAlert[]): void {
    for (const a of alerts) {
      const key = `${a.sender},${a.identifier}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      for (const r of a.references) {
        if (a.msgType === 'Alert') throw new Error(`${a.identifier}: an Alert should not reference`);
        this.held.delete(`${r.sender},${r.identifier}`);
      }
      if (a.msgType !== 'Cancel') this.held.set(key, a);
    }
  }

  /** Per area, every warning level shown at `t` (a truthful feed shows at most one). */
  shownAt(t: number): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const a of this.held.values()) {
      for (const i of a.infos) {
        if (i.onset > t || (i.expires !== null && i.expires <= t)) continue;
        for (const area of i.areas) out.set(area, [...(out.get(area) ?? []), LEVEL_OF_SEVERITY[i.severity] ?? i.severity]);
      }
    }
    return out;
  }

  heldIdentifiers(): string[] {
    return [...this.held.values()].map((a) => a.identifier);
  }
}
