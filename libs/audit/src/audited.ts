// Marks a read whose every call goes into the audit trail (signal detail, subject links): what
// an analyst or coordinator looked at is as traceable as what they changed. Commands (every
// method but GET and HEAD) are audited without it.
import { SetMetadata } from '@nestjs/common';

export const AUDITED_READ = 'weerbaar:audited-read';

export const AuditedRead = () => SetMetadata(AUDITED_READ, true);
