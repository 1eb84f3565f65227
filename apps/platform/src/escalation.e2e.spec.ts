// Escalation and delivery end to end on the embedded platform (in-memory PGlite).
import { describeEscalationApi } from './testing/escalation-api.contract';
import { startTestPlatform } from './testing/test-platform';

describeEscalationApi('PGlite (embedded)', (config) => startTestPlatform(config));
