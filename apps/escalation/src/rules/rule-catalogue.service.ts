// The catalogue of rule sets on its stream: read it, draft a set, publish one (four eyes).
import { Inject, Injectable } from '@nestjs/common';
import { type Clock, CLOCK } from '@weerbaar/config';
import { asDomainEvent, EVENT_STORE, type EventStore, handleCommand } from '@weerbaar/event-store';
import {
  type Rule,
  RULE_SETS_STREAM,
  type RuleSetCatalogue,
  ruleSetCatalogueDecider,
  type RuleSetCommand,
  type RuleSetEvent,
} from '@weerbaar/escalation-rules';
import type { Principal } from '@weerbaar/security';

@Injectable()
export class RuleCatalogueService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(): Promise<RuleSetCatalogue> {
    const events = await this.store.readStream(RULE_SETS_STREAM);
    return events.reduce(
      (state, event) => ruleSetCatalogueDecider.evolve(state, asDomainEvent<RuleSetEvent>(event)),
      ruleSetCatalogueDecider.initialState(),
    );
  }

  /** Drafts a rule set; returns its version. */
  async draft(principal: Principal, rules: Rule[], note: string | null): Promise<number> {
    const result = await this.handle(principal, (metadata) => ({
      type: 'DraftRuleSet',
      data: { rules, note },
      metadata,
    }));
    return Math.max(...result.versions.map((v) => v.version));
  }

  async publish(principal: Principal, version: number): Promise<RuleSetCatalogue> {
    return this.handle(principal, (metadata) => ({
      type: 'PublishRuleSet',
      data: { version },
      metadata,
    }));
  }

  private async handle(
    principal: Principal,
    commandOf: (metadata: { now: Date; actor: string }) => RuleSetCommand,
  ): Promise<RuleSetCatalogue> {
    const result = await handleCommand(
      this.store,
      RULE_SETS_STREAM,
      ruleSetCatalogueDecider,
      commandOf({ now: this.clock(), actor: principal.sub }),
      // Drafts by several people at once each get the next version.
      { metadata: { actor: principal.sub }, retriesOnConflict: 5 },
    );
    return result.state;
  }
}
