// The contacts column: `name|role|email|phone|mobile|channels; …` (mobile and channels may be left off).
import { CONTACT_CHANNELS, defaultChannels, type ContactChannel } from '../../rules/contacts/mobile-number.js';
import type { KeyName } from '../../rules/key-name.js';
import type { Contact } from '../../rules/enterprise.js';
import { keyCell } from './cell-values.js';

export interface ContactsCellResult {
  contacts: Record<string, unknown>[];
  /** Messages for entries that are not in the `name|role|email|phone|mobile|channels` form. */
  problems: string[];
}

/** A channel as written in a sheet: its key or a Chinese name. */
const CHANNEL_ALIASES: Record<string, ContactChannel> = {
  email: 'email',
  邮件: 'email',
  电子邮件: 'email',
  邮箱: 'email',
  sms: 'sms',
  短信: 'sms',
  phone: 'phone',
  电话: 'phone',
};

/** The channels cell (`email,sms`, `邮件、短信`): keys for known names, the text as written otherwise (the validator names it). */
function channelsCell(text: string): string[] | null {
  if (text === '') return null;
  return text
    .split(/[,，、/\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => CHANNEL_ALIASES[p.toLowerCase()] ?? p);
}

export function parseContactsCell(text: string, roles: readonly KeyName[]): ContactsCellResult {
  const contacts: Record<string, unknown>[] = [];
  const problems: string[] = [];
  // Full-width separators come from Chinese input methods.
  const entries = text
    .split(/[;；]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  entries.forEach((entry, i) => {
    const parts = entry.split(/[|｜]/).map((p) => p.trim());
    if (parts.length < 2 || parts.length > 6) {
      problems.push(`contacts entry ${i + 1} must be written name|role|email|phone|mobile|channels (all but name and role may be empty or left off) (got "${entry}")`);
      return;
    }
    const [name, role, email, phone, mobile, channels] = parts;
    contacts.push({ name, role: keyCell(role ?? null, roles) ?? '', email: email || null, phone: phone || null, mobile: mobile || null, channels: channelsCell(channels ?? '') });
  });
  return { contacts, problems };
}

/** The shortest form that says it all: four fields without a mobile, five with one, six when the channels are not the default. */
export function formatContactsCell(contacts: readonly Contact[]): string {
  return contacts
    .map((c) => {
      const mobile = c.mobile ?? null;
      const channels = c.channels ?? defaultChannels({ email: c.email, phone: c.phone, mobile });
      const defaults = defaultChannels({ email: c.email, phone: c.phone, mobile });
      const base = [c.name, c.role, c.email ?? '', c.phone ?? ''];
      const same = channels.join(',') === defaults.join(',');
      if (mobile === null && same) return base.join('|');
      if (same) return [...base, mobile].join('|');
      // '/' rather than ',': the cell stays one CSV field without quoting.
      return [...base, mobile ?? '', CONTACT_CHANNELS.filter((ch) => channels.includes(ch)).join('/')].join('|');
    })
    .join('; ');
}
