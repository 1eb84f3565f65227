// The escalation service of the distributed shape (npm run start:distributed).
import 'reflect-metadata';
import { runService } from '@weerbaar/service';
import { EscalationModule } from './escalation.module';

void runService({ name: 'escalation', features: [EscalationModule] });
