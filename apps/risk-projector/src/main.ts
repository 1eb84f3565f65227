// The risk-projector service of the distributed shape (npm run start:distributed).
import 'reflect-metadata';
import { runService } from '@weerbaar/service';
import { RiskProjectorModule } from './risk-projector.module';

void runService({ name: 'risk-projector', features: [RiskProjectorModule] });
