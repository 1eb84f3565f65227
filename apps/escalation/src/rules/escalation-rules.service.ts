// Evaluates the escalation rules on every event of the global log and carries out their
// decisions on Escalation streams. Per batch it loads just the state the batch can touch from the
// engine's tables, decides, appends (deterministic event ids: a batch that runs again after a
// crash appends nothing new), and then writes the changed state in the transaction that moves
// its checkpoint. A start reads nothing of the log's past.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { escalationDecider, type EscalationState, escalationStreamId } from '@weerbaar/domain';
import {
  EVENT_STORE,
  type EventStore,
  handleCommand,
  LruStateCache,
  type RecordedEvent,
  SQL_DATABASE,
  type SqlDatabase,
  type SqlQueryable,
} from '@weerbaar/event-store';
import {
  deterministicUuid,
  ESCALATION_RULES_PROCESSOR,
  type EscalationDecision,
  RULE_ENGINE_ACTOR,
  RULE_ENGINE_EVENT_TYPES,
  type RuleEngineContext,
  type RuleEngineEvent,
  runRuleEngine,
  SqlRuleStateStore,
} from '@weerbaar/escalation-rules';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@weerbaar/messaging';
import { ReferenceData } from '@weerbaar/reference-data';

/** Appends lost to an analyst's concurrent command are decided again on the newer state. */
const RETRIES_ON_CONFLICT = 5;
/** Escalation streams written at once when a batch decides for many. */
const CONCURRENT_STREAMS = 32;
/** Escalation states kept in memory (a few kilobytes each). */
const STATE_CACHE_SIZE = 2_000;

@Injectable()
export class EscalationRulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EscalationRulesService.name);
  private readonly context: RuleEngineContext;
  private readonly subscription: BusSubscription;
  private readonly states = new SqlRuleStateStore();
  /**
   * The escalations it wrote last, folded: a case open for long gets an update per signal, and
   * reading its whole stream each time would cost the square of its length.
   */
  private readonly escalationStates = new LruStateCache<EscalationState>(STATE_CACHE_SIZE);

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(WEERBAAR_CONFIG) config: WeerbaarConfig,
    referenceData: ReferenceData,
  ) {
    this.context = ruleEngineContext(config, referenceData);
    this.subscription = bus.subscribe<SqlQueryable>({
      name: ESCALATION_RULES_PROCESSOR,
      idempotentEffects: true,
      transaction: (fn) => database.transaction((q) => fn(q, q)),
      handle: (events) => this.handle(events),
    });
  }

  onApplicationBootstrap(): void {
    this.subscription.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }

  /** Evaluates everything in the log up to now (tests, CLI). */
  catchUp(): Promise<void> {
    return this.subscription.catchUp();
  }

  private async handle(recorded: RecordedEvent[]) {
    const events = recorded.map(toRuleEngineEvent).filter((e) => e !== undefined);
    if (events.length === 0) return undefined;
    const state = await this.states.load(this.database, events);
    const decisions = runRuleEngine(events, state, this.context);
    // An escalation's events share the correlation id of the event that triggered them.
    const correlations = new Map(
      recorded.map((e) => [e.eventId, e.metadata?.correlationId ?? e.eventId]),
    );
    await this.carryOutAll(decisions, correlations);
    const changes = state.changes();
    const clock = Math.max(...events.map((e) => e.recordedAt.getTime()));
    return (q: SqlQueryable) => this.states.save(q, changes, clock);
  }

  /**
   * In order per escalation, side by side across escalations: the event store gathers
   * concurrent appends into one statement and one commit (group commit).
   */
  private async carryOutAll(
    decisions: readonly EscalationDecision[],
    correlations: ReadonlyMap<string, unknown>,
  ): Promise<void> {
    const perEscalation = new Map<string, EscalationDecision[]>();
    for (const decision of decisions) {
      const list = perEscalation.get(decision.data.escalationId) ?? [];
      list.push(decision);
      perEscalation.set(decision.data.escalationId, list);
    }
    const queue = [...perEscalation.values()];
    const worker = async (): Promise<void> => {
      for (let list = queue.shift(); list !== undefined; list = queue.shift()) {
        for (const decision of list) {
          const correlationId = correlations.get(decision.data.triggeredByEventId);
          await this.carryOut(
            decision,
            typeof correlationId === 'string' ? correlationId : undefined,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_STREAMS, queue.length) }, worker));
  }

  private async carryOut(decision: EscalationDecision, correlationId?: string): Promise<void> {
    const { escalationId, triggeredByEventId } = decision.data;
    await handleCommand(this.store, escalationStreamId(escalationId), escalationDecider, decision, {
      metadata: { actor: RULE_ENGINE_ACTOR, causationId: triggeredByEventId, correlationId },
      eventId: (event) =>
        deterministicUuid(
          'weerbaar/escalation-event',
          escalationId,
          event.type,
          triggeredByEventId,
        ),
      retriesOnConflict: RETRIES_ON_CONFLICT,
      states: this.escalationStates,
      // A raise creates a stream (its id is new); an update follows the engine's own last write
      // as a rule: neither needs a read first, and the append's revision check catches the rest.
      expectNewStream: decision.type === 'RaiseEscalation',
      trustKeptState: true,
    });
    if (decision.type === 'RaiseEscalation') {
      this.logger.log(`Escalation ${escalationId} raised by rule ${decision.data.ruleId}`);
    }
  }
}

/** The rule engine's view of the configuration and the reference data. */
export function ruleEngineContext(
  config: Pick<WeerbaarConfig, 'risk' | 'escalation'>,
  places: RuleEngineContext['places'],
): RuleEngineContext {
  return { places, risk: config.risk, electionDays: config.escalation.electionDays };
}

/** An event of the log as the rule engine takes it, or undefined for types it ignores. */
export function toRuleEngineEvent(event: RecordedEvent): RuleEngineEvent | undefined {
  if (!RULE_ENGINE_EVENT_TYPES.has(event.type)) return undefined;
  return {
    type: event.type,
    data: event.data,
    eventId: event.eventId,
    recordedAt: event.recordedAt,
  } as RuleEngineEvent;
}
