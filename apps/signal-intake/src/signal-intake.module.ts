// Signal intake: the command side of signals (record, amend, retract) and reading them back.
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AmendSignalHandler } from './signals/amend-signal/amend-signal.handler';
import { AmendSignalHttpController } from './signals/amend-signal/amend-signal.http.controller';
import { GetSignalHandler } from './signals/get-signal/get-signal.query';
import { GetSignalHttpController } from './signals/get-signal/get-signal.http.controller';
import { GetSignalHistoryHttpController } from './signals/get-signal-history/get-signal-history.http.controller';
import { GetSignalHistoryHandler } from './signals/get-signal-history/get-signal-history.query';
import { ListSignalsHttpController } from './signals/list-signals/list-signals.http.controller';
import { RecordSignalHandler } from './signals/record-signal/record-signal.handler';
import { RecordSignalHttpController } from './signals/record-signal/record-signal.http.controller';
import { RetractSignalHandler } from './signals/retract-signal/retract-signal.handler';
import { RetractSignalHttpController } from './signals/retract-signal/retract-signal.http.controller';

@Module({
  imports: [CqrsModule],
  controllers: [
    RecordSignalHttpController,
    ListSignalsHttpController,
    GetSignalHttpController,
    GetSignalHistoryHttpController,
    AmendSignalHttpController,
    RetractSignalHttpController,
  ],
  providers: [
    RecordSignalHandler,
    AmendSignalHandler,
    RetractSignalHandler,
    GetSignalHandler,
    GetSignalHistoryHandler,
  ],
})
export class SignalIntakeModule {}
