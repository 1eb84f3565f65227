// The hash chain on the embedded engine (PGlite in memory), a fresh database per test.
import { PGliteDatabase } from '../sql/pglite-database';
import { PGliteHost } from '../sql/pglite-host';
import { describeHashChain } from '../contract/hash-chain.contract';

describeHashChain('PGlite', async () => {
  const database = new PGliteDatabase(await PGliteHost.open(), { ownsHost: true });
  return { database, dispose: () => database.close() };
});
