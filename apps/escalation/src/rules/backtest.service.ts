// Back-tests a rule set against the log (SPEC §5): replays every event, in pages, through the
// rule engine in memory and compares what it would have raised in a window with what the live
// rule sets raised. Reads only: the event store and every table stay as they were.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { NotFoundError } from '@weerbaar/domain';
import { EVENT_STORE, type EventStore, START_OF_LOG } from '@weerbaar/event-store';
import {
  Backtest,
  type BacktestEscalation,
  type BacktestRequest,
  type RuleSet,
} from '@weerbaar/escalation-rules';
import { escalationsRaisedBetween } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import { ruleEngineContext, toRuleEngineEvent } from './escalation-rules.service';
import { RuleCatalogueService } from './rule-catalogue.service';

const PAGE = 2_000;
/** Commit times and log order may differ by moments: read on a little past the window's end. */
const END_MARGIN_MS = 60_000;

export interface BacktestReport {
  ruleSet: { version: number | null; live: boolean };
  /** The region reported on; null: every region (operators). */
  riecRegion: string | null;
  from: string;
  to: string;
  eventsReplayed: number;
  escalations: BacktestEscalation[];
  comparison: {
    backtest: number;
    live: number;
    inBoth: number;
    onlyInBacktest: string[];
    onlyInLive: { escalationId: string; ruleId: string; municipality: string; raisedAt: string }[];
    perRule: { ruleId: string; backtest: number; live: number; inBoth: number }[];
  };
}

@Injectable()
export class BacktestService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceData,
    private readonly catalogue: RuleCatalogueService,
  ) {}

  async run(riecRegion: string | null, request: BacktestRequest): Promise<BacktestReport> {
    const ruleSet = await this.ruleSetOf(request.ruleSet);
    const backtest = new Backtest(ruleEngineContext(this.config, this.referenceData), {
      from: request.from,
      to: request.to,
      ...(ruleSet ? { ruleSet } : {}),
    });
    let position = START_OF_LOG;
    let replayed = 0;
    for (;;) {
      const { events, checkpoint } = await this.store.readAll(position, PAGE);
      backtest.feed(events.map(toRuleEngineEvent).filter((event) => event !== undefined));
      replayed += events.length;
      const last = events.at(-1);
      const pastWindow =
        last !== undefined && last.recordedAt.getTime() > request.to.getTime() + END_MARGIN_MS;
      if (events.length < PAGE || pastWindow) break;
      position = checkpoint;
    }

    const simulated = backtest
      .result()
      .filter((e) => riecRegion === null || e.riecRegion === riecRegion);
    const municipalities = (
      riecRegion === null
        ? this.referenceData.municipalities()
        : this.referenceData.municipalitiesOfRegion(riecRegion)
    ).map((m) => m.code);
    const live = await escalationsRaisedBetween(
      this.dataSource,
      municipalities,
      request.from,
      request.to,
    );
    const liveIds = new Set(live.map((e) => e.escalationId));
    const simulatedIds = new Set(simulated.map((e) => e.escalationId));
    const ruleIds = [...new Set([...simulated, ...live].map((e) => e.ruleId))].sort();
    return {
      // A rule set from a file or a request without a version is reported as version null.
      ruleSet: {
        version: ruleSet && ruleSet.version > 0 ? ruleSet.version : null,
        live: ruleSet === undefined,
      },
      riecRegion,
      from: request.from.toISOString(),
      to: request.to.toISOString(),
      eventsReplayed: replayed,
      escalations: simulated,
      comparison: {
        backtest: simulated.length,
        live: live.length,
        inBoth: simulated.filter((e) => liveIds.has(e.escalationId)).length,
        onlyInBacktest: simulated
          .filter((e) => !liveIds.has(e.escalationId))
          .map((e) => e.escalationId),
        onlyInLive: live
          .filter((e) => !simulatedIds.has(e.escalationId))
          .map((e) => ({
            escalationId: e.escalationId,
            ruleId: e.ruleId,
            municipality: e.municipality,
            raisedAt: e.raisedAt.toISOString(),
          })),
        perRule: ruleIds.map((ruleId) => ({
          ruleId,
          backtest: simulated.filter((e) => e.ruleId === ruleId).length,
          live: live.filter((e) => e.ruleId === ruleId).length,
          inBoth: simulated.filter((e) => e.ruleId === ruleId && liveIds.has(e.escalationId))
            .length,
        })),
      },
    };
  }

  /** The rule set to judge with: given in full, a stored version, or none (the live ones). */
  private async ruleSetOf(given: BacktestRequest['ruleSet']): Promise<RuleSet | undefined> {
    if (given === undefined) return undefined;
    if ('rules' in given) return { version: given.version ?? 0, rules: given.rules };
    const stored = (await this.catalogue.read()).versions.find((v) => v.version === given.version);
    if (stored === undefined) throw new NotFoundError('rule set', String(given.version));
    return { version: stored.version, rules: stored.rules };
  }
}
