// Projects escalation events into the escalation view.
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@weerbaar/event-store';
import type { EscalationAcknowledged, EscalationRaised, EscalationUpdated } from '@weerbaar/domain';
import { EscalationViewEntity } from '../entities/escalation-view.entity';

export class EscalationViewProjection {
  async apply(em: EntityManager, event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'EscalationRaised': {
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
          revision: event.streamRevision,
          recordedAt: event.recordedAt,
        });
        return;
      }
      case 'EscalationUpdated': {
        const data = event.data as EscalationUpdated['data'];
        await em.update(
          EscalationViewEntity,
          { escalationId: data.escalationId },
          {
            contributingSignalIds: data.contributingSignalIds,
            explanation: data.explanation,
            updatedAt: new Date(data.updatedAt),
            revision: event.streamRevision,
          },
        );
        return;
      }
      case 'EscalationAcknowledged': {
        const data = event.data as EscalationAcknowledged['data'];
        await em.update(
          EscalationViewEntity,
          { escalationId: data.escalationId },
          {
            status: 'ACKNOWLEDGED',
            acknowledgedAt: new Date(data.acknowledgedAt),
            acknowledgedBy: data.acknowledgedBy,
            revision: event.streamRevision,
          },
        );
        return;
      }
      default:
        return;
    }
  }
}
