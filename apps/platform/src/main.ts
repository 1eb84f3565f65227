// `npm start`: the embedded Weerbaar platform in one process.
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@weerbaar/config';
import { DeliveryWorker } from '../../notifier/src/delivery/delivery-worker.service';
import { createPlatformApp } from './platform.app';

async function main(): Promise<void> {
  const config = loadConfig();
  const platform = await createPlatformApp(config);
  await platform.app.listen(config.port, config.host);
  const url = await platform.app.getUrl();
  const where = config.databaseUrl ? 'a PostgreSQL server' : `${config.dataDir} (embedded)`;
  process.stdout.write(
    [
      `Weerbaar is running at ${url.replace('[::1]', 'localhost')} — data in ${where}.`,
      `  Web app:   ${url}/${config.auth.devSignIn ? ' (development sign-in: pick a role)' : ''}`,
      `  API docs:  ${url}/api/docs`,
      config.auth.jwtSecretGenerated
        ? `  A development signing secret was generated in ${config.dataDir}/secrets.`
        : '',
      `  Mail goes to ${platform.app.get(DeliveryWorker).mailer.destination}.`,
      '  Mint a token:  npm run cli -- token --role coordinator --municipality GM0363',
      '',
    ]
      .filter((line) => line !== '')
      .join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Weerbaar could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
