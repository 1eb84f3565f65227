// The embedded platform (PGlite in memory, every module in one process) listening on a free
// port and serving the web app's production build from dist/web, as `npm start` does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WeerbaarConfig } from '@weerbaar/config';
import {
  startTestPlatform,
  type TestPlatform,
} from '../../../apps/platform/src/testing/test-platform';

export interface BrowserTestPlatform extends TestPlatform {
  baseUrl: string;
}

export async function startPlatformForBrowser(
  overrides: Partial<WeerbaarConfig> = {},
): Promise<BrowserTestPlatform> {
  const webAppDir = join(__dirname, '..', '..', '..', 'dist', 'web');
  if (!existsSync(join(webAppDir, 'index.html'))) {
    throw new Error(
      'No web app build in dist/web: run `npm run test:e2e` (it builds) or `npm run build`.',
    );
  }
  const platform = await startTestPlatform(overrides, { webAppDir });
  await platform.platform.app.listen(0, '127.0.0.1');
  const address = platform.http.address();
  if (address === null || typeof address === 'string') throw new Error('No port');
  return { ...platform, baseUrl: `http://127.0.0.1:${address.port}` };
}
