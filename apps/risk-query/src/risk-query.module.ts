// Risk query: the read side for analysts, mayors and coordinators.
import { Module } from '@nestjs/common';
import { RiskHttpController } from './risk/risk.http.controller';
import { SubjectsHttpController } from './subjects/subjects.http.controller';

@Module({ controllers: [RiskHttpController, SubjectsHttpController] })
export class RiskQueryModule {}
