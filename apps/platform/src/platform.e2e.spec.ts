// The embedded platform's HTTP API end to end, on in-memory PGlite.
import { describeHardening, HARDENING_HTTP_LIMITS } from './testing/hardening.contract';
import { describePlatformApi } from './testing/platform-api.contract';
import { startTestPlatform } from './testing/test-platform';

describePlatformApi('PGlite (embedded)', () => startTestPlatform());
describeHardening('PGlite (embedded)', () => startTestPlatform({ http: HARDENING_HTTP_LIMITS }));
