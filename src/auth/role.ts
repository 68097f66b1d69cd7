export const ROLES = ['commander', 'county_officer', 'enterprise', 'inspector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as carried in the access token. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  county: string | null;
  enterpriseCode: string | null;
  team: string | null;
}
