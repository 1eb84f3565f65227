// The notifier service of the distributed shape (npm run start:distributed).
import 'reflect-metadata';
import { runService } from '@weerbaar/service';
import { NotifierModule } from './notifier.module';

void runService({ name: 'notifier', features: [NotifierModule] });
