const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path id can name a uuid row at all: anything else is "not found", asked of no database. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
