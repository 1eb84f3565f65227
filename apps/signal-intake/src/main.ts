// The signal-intake service of the distributed shape (npm run start:distributed).
import 'reflect-metadata';
import { runService } from '@weerbaar/service';
import { SignalIntakeModule } from './signal-intake.module';

void runService({ name: 'signal-intake', features: [SignalIntakeModule] });
