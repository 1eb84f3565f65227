// Creates the embedded platform as a Nest application (used by main.ts and the e2e tests).
import type { WeerbaarConfig } from '@weerbaar/config';
import { createServiceApp, type ServiceApp, type ServiceAppOptions } from '@weerbaar/service';
import { PLATFORM_FEATURES } from './platform.module';

export type PlatformApp = ServiceApp;

export function createPlatformApp(
  config: WeerbaarConfig,
  options: Omit<ServiceAppOptions, 'features'> = {},
): Promise<PlatformApp> {
  return createServiceApp(config, { ...options, features: PLATFORM_FEATURES });
}
