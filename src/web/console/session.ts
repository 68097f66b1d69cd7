import { reactive } from 'vue';
import { call } from './api/client';
import { authControllerCloseSession, authControllerMe, authControllerOpenSession, referenceControllerReference } from './api/generated/sdk.gen';
import type { Me, Reference } from './api/models';

/** Who is signed in and the city's reference data; the session itself lives in an HttpOnly cookie. */
export const session = reactive<{ me: Me | null; checked: boolean; reference: Reference | null; mustChangePassword: boolean }>({
  me: null,
  checked: false,
  reference: null,
  mustChangePassword: false,
});

export async function loadMe(): Promise<Me | null> {
  try {
    session.me = await call<Me>(authControllerMe());
  } catch {
    session.me = null;
  }
  session.checked = true;
  return session.me;
}

export async function signIn(username: string, password: string): Promise<Me> {
  const me = await call<Me & { mustChangePassword?: boolean }>(authControllerOpenSession({ body: { username, password } }));
  session.me = me;
  session.mustChangePassword = me.mustChangePassword === true;
  session.checked = true;
  return me;
}

export async function signOut(): Promise<void> {
  await call<unknown>(authControllerCloseSession()).catch(() => undefined);
  session.me = null;
  session.reference = null;
}

export async function reference(): Promise<Reference> {
  session.reference ??= await call<Reference>(referenceControllerReference());
  return session.reference;
}

export const can = {
  /** Issue, adjust, lift, import, draw, users: the command center only. */
  command: (): boolean => session.me?.role === 'commander',
  /** Edit enterprises, resolve alerts, record phone notices: the command center and county officers. */
  edit: (): boolean => session.me?.role === 'commander' || session.me?.role === 'county_officer',
};

/** A county officer sees its county only. */
export function ownCounty(): string | null {
  return session.me?.role === 'county_officer' ? session.me.county : null;
}

export function levelName(key: string | null | undefined): string {
  if (!key || key === 'none') return '无';
  return session.reference?.levels.find((l) => l.key === key)?.name ?? key;
}
