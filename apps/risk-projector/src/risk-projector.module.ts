// Risk projector: builds the read models from the global log.
import { Module } from '@nestjs/common';
import { ReadModelProjectionService } from './read-model-projection.service';

@Module({ providers: [ReadModelProjectionService], exports: [ReadModelProjectionService] })
export class RiskProjectorModule {}
