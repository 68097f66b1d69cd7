// The contacts column: `name|role|email|phone; name|role|email|phone`.
import type { KeyName } from '../../rules/key-name.js';
import type { Contact } from '../../rules/enterprise.js';
import { keyCell } from './cell-values.js';

export interface ContactsCellResult {
  contacts: Record<string, unknown>[];
  /** Messages for entries that are not in the `name|role|email|phone` form. */
  problems: string[];
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
    if (parts.length < 2 || parts.length > 4) {
      problems.push(`contacts entry ${i + 1} must be written name|role|email|phone (email and phone may be empty) (got "${entry}")`);
      return;
    }
    const [name, role, email, phone] = parts;
    contacts.push({ name, role: keyCell(role ?? null, roles) ?? '', email: email || null, phone: phone || null });
  });
  return { contacts, problems };
}

export function formatContactsCell(contacts: readonly Contact[]): string {
  return contacts.map((c) => [c.name, c.role, c.email ?? '', c.phone ?? ''].join('|')).join('; ');
}
