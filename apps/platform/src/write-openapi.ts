// `node dist/apps/platform/src/write-openapi.js <file>`: writes the platform's OpenAPI document
// as JSON without listening on a port (in-memory database, throwaway secrets), for linters.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@weerbaar/config';
import { buildOpenApiDocument } from '@weerbaar/http';
import { createPlatformApp } from './platform.app';

async function main(file: string | undefined): Promise<void> {
  if (!file) throw new Error('usage: write-openapi <file>');
  const dataDir = mkdtempSync(join(tmpdir(), 'weerbaar-openapi-'));
  try {
    // Settings of their own, not the caller's environment: the document does not depend on them.
    const config = loadConfig({
      WEERBAAR_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      SUBJECT_FINGERPRINT_KEY: randomBytes(32).toString('hex'),
    });
    const platform = await createPlatformApp(config, { inMemory: true });
    try {
      writeFileSync(
        file,
        `${JSON.stringify(buildOpenApiDocument(platform.app, 'Weerbaar'), null, 2)}\n`,
      );
    } finally {
      await platform.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(
    `write-openapi: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
