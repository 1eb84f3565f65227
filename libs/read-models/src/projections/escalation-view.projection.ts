// Projects escalation events into the escalation view: the current state of each case, with the
// knowledge times that let a picture as of a past moment count the escalations open then.
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@weerbaar/event-store';
import type {
  EscalationAcknowledged,
  EscalationAssigned,
  EscalationClosed,
  EscalationEvent,
  EscalationRaised,
  EscalationUpdated,
} from '@weerbaar/domain';
import { EscalationViewEntity } from '../entities/escalation-view.entity';

type Changes = Partial<Omit<EscalationViewEntity, 'escalationId'>>;

export class EscalationViewProjection {
  async apply(em: EntityManager, event: RecordedEvent): Promise<void> {
    const type = event.type as EscalationEvent['type'];
    if (type === 'EscalationRaised') {
      const data = event.data as EscalationRaised['data'];
      await em.insert(EscalationViewEntity, {
        escalationId: data.escalationId,
        ruleId: data.ruleId,
        ruleVersion: data.ruleVersion,
        municipality: data.municipality,
        riecRegion: data.riecRegion,
        severity: data.severity,
        status: 'OPEN',
        explanation: data.explanation,
        contributingSignalIds: data.contributingSignalIds,
        raisedAt: new Date(data.raisedAt),
        updatedAt: new Date(data.raisedAt),
        acknowledgedAt: null,
        acknowledgedBy: null,
        assignee: null,
        closedAt: null,
        closedBy: null,
        outcome: null,
        subjectFingerprint: data.subjectFingerprint ?? null,
        revision: event.streamRevision,
        recordedAt: event.recordedAt,
      });
      return;
    }
    if (type === 'EscalationUpdated') {
      const data = event.data as EscalationUpdated['data'];
      // Added ids are appended in SQL: the list is never read back into this process.
      await em.query(
        `UPDATE escalations SET
           contributing_signal_ids = CASE WHEN $2::jsonb IS NOT NULL THEN $2::jsonb ELSE
             contributing_signal_ids || (SELECT coalesce(jsonb_agg(a), '[]'::jsonb)
               FROM jsonb_array_elements($3::jsonb) AS a
              WHERE NOT contributing_signal_ids @> jsonb_build_array(a)) END,
           explanation = $4, updated_at = $5, revision = $6
         WHERE escalation_id = $1`,
        [
          data.escalationId,
          data.contributingSignalIds === undefined
            ? null
            : JSON.stringify(data.contributingSignalIds),
          JSON.stringify(data.addedSignalIds),
          data.explanation,
          new Date(data.updatedAt),
          event.streamRevision,
        ],
      );
      return;
    }
    const changes = changesOf(event);
    if (changes === undefined) return;
    const { escalationId } = event.data as { escalationId: string };
    await em.update(
      EscalationViewEntity,
      { escalationId },
      { ...changes, revision: event.streamRevision },
    );
  }
}

/** What an event after the raise changes in the view (every one moves the revision). */
function changesOf(event: RecordedEvent): Changes | undefined {
  switch (event.type as EscalationEvent['type']) {
    case 'EscalationAcknowledged': {
      const data = event.data as EscalationAcknowledged['data'];
      return {
        status: 'ACKNOWLEDGED',
        acknowledgedAt: new Date(data.acknowledgedAt),
        acknowledgedBy: data.acknowledgedBy,
      };
    }
    case 'EscalationAssigned':
      return { assignee: (event.data as EscalationAssigned['data']).assignee };
    case 'EscalationClosed': {
      const data = event.data as EscalationClosed['data'];
      return {
        status: 'CLOSED',
        outcome: data.outcome,
        closedBy: data.closedBy,
        closedAt: event.recordedAt,
      };
    }
    case 'EscalationNoted':
    case 'EscalationNotified':
    case 'EscalationDeliveryFailed':
      return {};
    case 'EscalationRaised':
    case 'EscalationUpdated':
      return undefined; // see apply()
    default:
      // Not an escalation event.
      return undefined;
  }
}
