// Risk query: the read side for analysts, mayors and coordinators.
import { Module } from '@nestjs/common';
import { RiskHttpController } from './risk/risk.http.controller';
import { SubjectsHttpController } from './subjects/subjects.http.controller';
import { DevSignInHttpController } from './web/dev-sign-in.http.controller';
import { ReferenceHttpController } from './web/reference.http.controller';
import { SignInOptionsHttpController } from './web/sign-in-options.http.controller';

/** Also what the web app needs besides the API: reference data and how to sign in. */
@Module({
  controllers: [
    RiskHttpController,
    SubjectsHttpController,
    ReferenceHttpController,
    DevSignInHttpController,
    SignInOptionsHttpController,
  ],
})
export class RiskQueryModule {}
