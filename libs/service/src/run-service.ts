// The `main` of every service of the distributed shape: read the configuration, compose the
// service's features, listen, and stop cleanly on SIGTERM (Nest's shutdown hooks: HTTP first,
// then the consumers finish their batch and disconnect, then the database).
import type { Type } from '@nestjs/common';
import { ConfigError, loadConfig } from '@weerbaar/config';
import { createServiceApp } from './service-app';

export interface ServiceDefinition {
  name: string;
  features: Type[];
  /** Serves the web app's build at / (risk-query in the distributed shape). */
  webApp?: boolean;
}

export async function runService(definition: ServiceDefinition): Promise<void> {
  try {
    const config = loadConfig();
    const service = await createServiceApp(config, {
      features: definition.features,
      webAppDir: definition.webApp ? undefined : false,
    });
    await service.app.listen(config.port, config.host);
    process.stdout.write(
      `Weerbaar ${definition.name} is running at ${(await service.app.getUrl()).replace('[::1]', 'localhost')}.\n`,
    );
  } catch (error) {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `Weerbaar ${definition.name} could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
