/**
 * The redirect's way to Postgres, loaded on the first cache miss rather than with the Worker. Links are
 * answered from isolate memory or KV almost always; loading drizzle, the driver and the table definitions
 * up front made the isolate's heap several times larger, and every full garbage collection walks it (the
 * pauses showed at the tail of the redirect's latency, bench/README.md).
 */
export async function databaseLookups() {
  const [client, queries] = await Promise.all([import("../../../../db/client"), import("../../../../db/queries/link-record")]);
  return { withDatabase: client.withDatabase, findLinkRecord: queries.findLinkRecord, findDomainRecord: queries.findDomainRecord };
}
