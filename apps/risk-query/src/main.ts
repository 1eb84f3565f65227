// The risk-query service of the distributed shape (npm run start:distributed).
import 'reflect-metadata';
import { runService } from '@weerbaar/service';
import { RiskQueryModule } from './risk-query.module';

void runService({ name: 'risk-query', features: [RiskQueryModule], webApp: true });
