// The escalation as a case: reading it within the caller's scope (the burgemeester's view written
// from the signals they may count) and carrying out the analyst's commands on its stream.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@weerbaar/config';
import {
  countNl,
  emptyCategoryCounts,
  type EscalationCommand,
  escalationDecider,
  type EscalationEvent,
  escalationStreamId,
  NotFoundError,
} from '@weerbaar/domain';
import {
  EVENT_STORE,
  type EventStore,
  handleCommand,
  SQL_DATABASE,
  type SqlDatabase,
} from '@weerbaar/event-store';
import { DEFAULT_PAGE_SIZE } from '@weerbaar/http';
import { DeliveryStore, mayorEscalationText } from '@weerbaar/notifications';
import {
  contributingCategoryCounts,
  currentSignalFacts,
  decodeCursor,
  type EscalationViewEntity,
  findEscalation,
  isShownToMayor,
  listEscalations,
  nextCursor,
  signalsShownToMayor,
} from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import { canSeeMunicipality, municipalitiesInScope, type Principal } from '@weerbaar/security';
import {
  type CaseCommandResponse,
  type EscalationDetailView,
  type EscalationView,
  toAnalystView,
  toContributingSignal,
  toMayorView,
} from './escalation.response';

export interface EscalationListQuery {
  status?: string;
  municipality?: string;
  ruleId?: string;
  assignee?: string;
  limit?: number;
  cursor?: string;
}

/** Builds a case command from the clock and the analyst; `noteId` for a note. */
type CaseCommandOf = (metadata: { now: Date; actor: string }) => EscalationCommand;

@Injectable()
export class EscalationCaseService {
  private readonly deliveries = new DeliveryStore();

  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceData,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(principal: Principal, query: EscalationListQuery) {
    const scope = municipalitiesInScope(principal, this.referenceData, query.municipality);
    if (!scope) {
      throw new NotFoundException(`No municipality ${query.municipality} within your scope`);
    }
    const forMayor = principal.role === 'burgemeester';
    const page = await listEscalations(this.dataSource, {
      municipalities: scope,
      status: query.status,
      ruleId: query.ruleId,
      assignee: query.assignee,
      forMayor,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      after: decodeCursor(query.cursor),
    });
    const items = forMayor
      ? await this.mayorViews(page.items)
      : page.items.map((row) => toAnalystView(row));
    return {
      items,
      nextCursor: nextCursor(page, (row) => [row.raisedAt.toISOString(), row.escalationId]),
    };
  }

  async detail(principal: Principal, escalationId: string): Promise<EscalationDetailView> {
    const row = await this.inScope(principal, escalationId);
    const events = await this.store.readStream(escalationStreamId(escalationId));
    if (principal.role === 'burgemeester') {
      const [view] = await this.mayorViews([row]);
      return { ...view, deliveries: [], history: mayorHistory(events) };
    }
    const [signals, deliveries] = await Promise.all([
      currentSignalFacts(this.dataSource, row.contributingSignalIds),
      this.deliveries.ofEscalation(this.database, escalationId),
    ]);
    return {
      ...toAnalystView(row),
      contributingSignals: signals.map(toContributingSignal),
      notes: events.flatMap((event) =>
        event.type === 'EscalationNoted'
          ? [
              noteOf(
                event.data as { noteId: string; text: string; notedBy: string; notedAt: string },
              ),
            ]
          : [],
      ),
      deliveries: deliveries.map((d) => ({
        deliveryId: d.deliveryId,
        channel: d.channel,
        kind: d.kind,
        recipient: d.recipient,
        revision: d.revision,
        status: d.status,
        attempts: d.attemptLog.map((a) => ({ ...a, at: a.at.toISOString() })),
        nextAttemptAt: d.status === 'PENDING' ? d.nextAttemptAt.toISOString() : null,
      })),
      history: events.map((event) => ({
        revision: event.streamRevision,
        type: event.type,
        at: event.recordedAt.toISOString(),
        by: typeof event.metadata.actor === 'string' ? event.metadata.actor : 'system',
        summary: summaryOf(event.type, event.data),
      })),
    };
  }

  /** Runs an analyst's command on the case; outside the analyst's region it does not exist. */
  async command(
    principal: Principal,
    escalationId: string,
    commandOf: CaseCommandOf,
  ): Promise<CaseCommandResponse> {
    const now = this.clock();
    const result = await handleCommand(
      this.store,
      escalationStreamId(escalationId),
      escalationDecider,
      commandOf({ now, actor: principal.sub }),
      {
        metadata: { actor: principal.sub },
        authorize: (state) => {
          if (
            state.status === 'NOT_RAISED' ||
            !canSeeMunicipality(principal, state.municipality, this.referenceData)
          ) {
            throw new NotFoundError('escalation', escalationId);
          }
        },
        // Two analysts at once: the second decides again on the first one's result.
        retriesOnConflict: 3,
      },
    );
    const status = result.state.status === 'NOT_RAISED' ? 'OPEN' : result.state.status;
    return { escalationId, status, revision: result.revision };
  }

  newNoteId(): string {
    return randomUUID();
  }

  private async inScope(principal: Principal, escalationId: string): Promise<EscalationViewEntity> {
    const row = await findEscalation(this.dataSource, escalationId);
    const visible =
      row !== null &&
      canSeeMunicipality(principal, row.municipality, this.referenceData) &&
      (principal.role !== 'burgemeester' || (await isShownToMayor(this.dataSource, escalationId)));
    if (!visible) throw new NotFoundError('escalation', escalationId);
    return row;
  }

  private async mayorViews(rows: readonly EscalationViewEntity[]): Promise<EscalationView[]> {
    const ids = rows.map((row) => row.escalationId);
    const [counts, shown] = await Promise.all([
      contributingCategoryCounts(this.dataSource, ids, { forMayor: true }),
      signalsShownToMayor(
        this.dataSource,
        rows.flatMap((row) => row.contributingSignalIds),
      ),
    ]);
    return rows.map((row) =>
      toMayorView(
        row,
        mayorEscalationText(row.ruleId, {
          ...emptyCategoryCounts(),
          ...counts.get(row.escalationId),
        }),
        shown,
      ),
    );
  }
}

function noteOf(data: { noteId: string; text: string; notedBy: string; notedAt: string }) {
  return { noteId: data.noteId, text: data.text, by: data.notedBy, at: data.notedAt };
}

const MELDING = ['melding', 'meldingen'] as const;

/** A few Dutch words on what an event did to the case (no note text, no personal data). */
function summaryOf(type: string, data: unknown): string {
  const event = { type, data } as EscalationEvent;
  switch (event.type) {
    case 'EscalationRaised':
      return `Escalatie door regel ${event.data.ruleId} (versie ${event.data.ruleVersion}) met ${countNl(event.data.contributingSignalIds.length, ...MELDING)}`;
    case 'EscalationUpdated':
      return `${countNl(event.data.addedSignalIds.length, ...MELDING)} toegevoegd`;
    case 'EscalationAcknowledged':
      return 'In behandeling genomen';
    case 'EscalationAssigned':
      return `Toegewezen aan ${event.data.assignee}`;
    case 'EscalationNoted':
      return 'Notitie toegevoegd';
    case 'EscalationClosed':
      return `Afgesloten: ${event.data.outcome}`;
    case 'EscalationNotified':
      return `Bezorgd per ${event.data.channel === 'EMAIL' ? 'e-mail' : 'webhook'} aan ${event.data.recipient}`;
    case 'EscalationDeliveryFailed':
      return `Bezorging per ${event.data.channel === 'EMAIL' ? 'e-mail' : 'webhook'} aan ${event.data.recipient} mislukt na ${event.data.attempts} pogingen (${event.data.reason})`;
  }
}

/** What a burgemeester may know of the case's course: when, not who, nothing of the work. */
function mayorHistory(
  events: readonly { type: string; streamRevision: number; recordedAt: Date }[],
) {
  const shown: Record<string, string> = {
    EscalationRaised: 'Escalatie',
    EscalationAcknowledged: 'In behandeling bij het RIEC',
    EscalationClosed: 'Afgesloten',
  };
  return events
    .filter((event) => shown[event.type] !== undefined)
    .map((event) => ({
      revision: event.streamRevision,
      type: event.type,
      at: event.recordedAt.toISOString(),
      summary: shown[event.type],
    }));
}
