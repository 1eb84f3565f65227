// The relay service of the distributed shape (npm run start:distributed).
import 'reflect-metadata';
import { runService } from '@weerbaar/service';
import { RelayModule } from './relay.module';

void runService({ name: 'relay', features: [RelayModule] });
