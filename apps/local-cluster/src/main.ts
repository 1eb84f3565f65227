// `npm run start:distributed`: the distributed shape on one machine (LocalCluster), with nginx
// as the one origin on PORT (default 3000). Prints `KAFKA_BROKERS=…` and `DATABASE_URL=…` on
// stdout once everything is ready; stops everything it started on SIGTERM or Ctrl-C, keeping the
// data under WEERBAAR_DATA_DIR.
import { join, resolve } from 'node:path';
import { LocalCluster } from './local-cluster';

const log = (message: string) => process.stderr.write(`start-distributed: ${message}\n`);

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../../..');
  const dataDir = resolve(process.env.WEERBAAR_DATA_DIR?.trim() || join(root, 'data'));
  const port = Number(process.env.PORT ?? 3000);
  let cluster: LocalCluster | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (code: number) => {
    stopping ??= (cluster?.stop() ?? Promise.resolve()).finally(() => process.exit(code));
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  try {
    cluster = await LocalCluster.start({
      root,
      dataDir,
      port,
      host: process.env.HOST?.trim() || '127.0.0.1',
      log,
    });
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  if (stopping) return;
  process.stdout.write(`KAFKA_BROKERS=${cluster.brokers}\nDATABASE_URL=${cluster.databaseUrl}\n`);
  log(`Weerbaar (distributed) is running at http://localhost:${port}/ — data in ${dataDir}`);
}

void main();
