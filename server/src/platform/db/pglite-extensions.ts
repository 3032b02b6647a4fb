/**
 * PostgreSQL extensions the schema uses, loaded into every embedded database (PostgreSQL ships them):
 * pg_trgm, for trigram indexes that make substring search fast, Chinese included.
 */
export async function pgliteExtensions() {
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return { pg_trgm };
}
