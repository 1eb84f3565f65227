// Signal intake: the command side of signals (record, amend, retract) and reading them back,
// and the erasure and retention of their personal data.
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Clock, CLOCK } from '@weerbaar/config';
import { EVENT_STORE, type EventStore } from '@weerbaar/event-store';
import { DataKeys, SubjectErasure } from '@weerbaar/personal-data';
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
import { EraseSubjectHttpController } from './subjects/erase-subject.http.controller';
import { SignalRetentionJob } from './subjects/signal-retention.job';

@Module({
  imports: [CqrsModule],
  controllers: [
    RecordSignalHttpController,
    ListSignalsHttpController,
    GetSignalHttpController,
    GetSignalHistoryHttpController,
    AmendSignalHttpController,
    RetractSignalHttpController,
    EraseSubjectHttpController,
  ],
  providers: [
    RecordSignalHandler,
    AmendSignalHandler,
    RetractSignalHandler,
    GetSignalHandler,
    GetSignalHistoryHandler,
    {
      provide: SubjectErasure,
      inject: [DataKeys, EVENT_STORE, CLOCK],
      useFactory: (keys: DataKeys, store: EventStore, clock: Clock) =>
        new SubjectErasure(keys, store, clock),
    },
    SignalRetentionJob,
  ],
})
export class SignalIntakeModule {}
