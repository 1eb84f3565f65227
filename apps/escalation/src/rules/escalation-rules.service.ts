// Evaluates the escalation rules on every event of the global log and carries out their
// decisions on Escalation streams. The engine's state is rebuilt from the log at start (it is a
// pure fold); decisions append with deterministic event ids, so a redelivery or a restart never
// raises twice (at-least-once delivery, idempotent effects).
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { escalationDecider, escalationStreamId } from '@weerbaar/domain';
import {
  CheckpointStore,
  compareGlobalPositions,
  EVENT_STORE,
  type EventStore,
  type GlobalPosition,
  handleCommand,
  type RecordedEvent,
  SQL_DATABASE,
  type SqlDatabase,
  START_OF_LOG,
} from '@weerbaar/event-store';
import {
  applyEvent,
  deterministicUuid,
  DEFAULT_RULE_SET,
  type EscalationDecision,
  initialRuleEngineState,
  RULE_ENGINE_ACTOR,
  type RuleEngineContext,
  type RuleEngineEvent,
  type RuleEngineState,
} from '@weerbaar/escalation-rules';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@weerbaar/messaging';
import { ReferenceData } from '@weerbaar/reference-data';

export const ESCALATION_RULES_PROCESSOR = 'escalation-rules';
const RULE_EVENT_TYPES = new Set([
  'SignalRecorded',
  'SignalAmended',
  'SignalRetracted',
  'EscalationRaised',
  'EscalationUpdated',
  'EscalationAcknowledged',
]);

@Injectable()
export class EscalationRulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EscalationRulesService.name);
  private readonly context: RuleEngineContext;
  private readonly subscription: BusSubscription;
  private state: RuleEngineState = initialRuleEngineState();
  private warmedUp: Promise<void> | undefined;

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    referenceData: ReferenceData,
  ) {
    this.context = { ruleSet: DEFAULT_RULE_SET, places: referenceData };
    this.subscription = bus.subscribe<SqlDatabase>({
      name: ESCALATION_RULES_PROCESSOR,
      idempotentEffects: true,
      transaction: (fn) => database.transaction((q) => fn(database, q)),
      handle: (events) => this.handle(events),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.warmUp();
    this.subscription.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }

  /** Evaluates everything in the log up to now (tests, CLI). */
  async catchUp(): Promise<void> {
    await this.warmUp();
    await this.subscription.catchUp();
  }

  /** Rebuilds the engine's state from the start of the log up to the processor's checkpoint. */
  private warmUp(): Promise<void> {
    this.warmedUp ??= (async () => {
      const checkpoint = await new CheckpointStore().load(
        this.database,
        ESCALATION_RULES_PROCESSOR,
      );
      let from: GlobalPosition = START_OF_LOG;
      for (;;) {
        const { events, checkpoint: next } = await this.store.readAll(from, 1000);
        const known = events.filter(
          (event) => compareGlobalPositions(event.globalPosition, checkpoint) <= 0,
        );
        for (const event of known) {
          const ruleEvent = toRuleEvent(event);
          if (ruleEvent) this.state = applyEvent(this.state, ruleEvent, this.context).state;
        }
        if (known.length < events.length || events.length < 1000) return;
        from = next;
      }
    })();
    return this.warmedUp;
  }

  private async handle(events: RecordedEvent[]): Promise<void> {
    let state = this.state;
    for (const event of events) {
      const ruleEvent = toRuleEvent(event);
      if (!ruleEvent) continue;
      const outcome = applyEvent(state, ruleEvent, this.context);
      for (const decision of outcome.decisions) await this.carryOut(decision);
      state = outcome.state;
    }
    // Only after every decision is stored: a failed batch is evaluated again from the old state.
    this.state = state;
  }

  private async carryOut(decision: EscalationDecision): Promise<void> {
    const { escalationId, triggeredByEventId } = decision.data;
    await handleCommand(this.store, escalationStreamId(escalationId), escalationDecider, decision, {
      metadata: { actor: RULE_ENGINE_ACTOR, causationId: triggeredByEventId },
      eventId: (event) =>
        deterministicUuid(
          'weerbaar/escalation-event',
          escalationId,
          event.type,
          triggeredByEventId,
        ),
    });
    if (decision.type === 'RaiseEscalation') {
      this.logger.log(`Escalation ${escalationId} raised by rule ${decision.data.ruleId}`);
    }
  }
}

function toRuleEvent(event: RecordedEvent): RuleEngineEvent | undefined {
  if (!RULE_EVENT_TYPES.has(event.type)) return undefined;
  return {
    type: event.type,
    data: event.data,
    eventId: event.eventId,
    recordedAt: event.recordedAt,
  } as RuleEngineEvent;
}
