// Projects escalation events into the escalation view: the current state of each case, with the
// knowledge times that let a picture as of a past moment count the escalations open then. A
// batch is folded in memory per escalation and written with at most two statements: one insert
// of the cases raised in it, one update of the others (their signal lists are never read back).
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

/** The columns an event after the raise may set; absent = unchanged (none is ever cleared). */
interface FieldChanges {
  explanation?: string;
  updated_at?: string;
  status?: string;
  acknowledged_at?: string;
  acknowledged_by?: string;
  assignee?: string;
  closed_at?: string;
  closed_by?: string;
  outcome?: string;
}

/** A case raised in this batch: its whole row, later events of the batch applied. */
interface RaisedRow extends FieldChanges {
  escalation_id: string;
  rule_id: string;
  rule_version: number;
  municipality: string;
  riec_region: string;
  severity: string;
  status: string;
  explanation: string;
  contributing_signal_ids: string[];
  raised_at: string;
  updated_at: string;
  subject_fingerprint: string | null;
  revision: number;
  recorded_at: string;
}

/** A case raised before this batch: what the batch changes. */
interface Update extends FieldChanges {
  escalation_id: string;
  /** A whole new list of contributing signals (older events carry one)… */
  replaced?: string[];
  /** …or the ids to add to the stored list when not in it yet, in order. */
  added: string[];
  revision: number;
}

export class EscalationViewProjection {
  async applyBatch(em: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const raised = new Map<string, RaisedRow>();
    const updates = new Map<string, Update>();
    for (const event of events) {
      const type = event.type as EscalationEvent['type'];
      if (type === 'EscalationRaised') {
        const row = raisedRow(event);
        raised.set(row.escalation_id, row);
        continue;
      }
      const changes = changesOf(event);
      if (changes === undefined) continue;
      const { escalationId } = event.data as { escalationId: string };
      const target =
        raised.get(escalationId) ??
        updates.get(escalationId) ??
        updates
          .set(escalationId, { escalation_id: escalationId, added: [], revision: 0 })
          .get(escalationId)!;
      Object.assign(target, changes, { revision: event.streamRevision });
      if (type === 'EscalationUpdated') addSignals(target, event.data as EscalationUpdated['data']);
    }
    if (raised.size > 0) {
      await em.query(
        `INSERT INTO escalations (escalation_id, rule_id, rule_version, municipality, riec_region,
           severity, status, explanation, contributing_signal_ids, raised_at, updated_at,
           acknowledged_at, acknowledged_by, assignee, closed_at, closed_by, outcome,
           subject_fingerprint, revision, recorded_at)
         SELECT escalation_id, rule_id, rule_version, municipality, riec_region, severity, status,
           explanation, contributing_signal_ids, raised_at, updated_at, acknowledged_at,
           acknowledged_by, assignee, closed_at, closed_by, outcome, subject_fingerprint, revision,
           recorded_at
           FROM jsonb_to_recordset($1::jsonb) AS r(escalation_id uuid, rule_id varchar,
             rule_version int, municipality varchar, riec_region varchar, severity varchar,
             status varchar, explanation text, contributing_signal_ids jsonb,
             raised_at timestamptz, updated_at timestamptz, acknowledged_at timestamptz,
             acknowledged_by varchar, assignee varchar, closed_at timestamptz, closed_by varchar,
             outcome varchar, subject_fingerprint char(64), revision int, recorded_at timestamptz)`,
        [JSON.stringify([...raised.values()])],
      );
    }
    if (updates.size > 0) {
      await em.query(
        `UPDATE escalations e SET
           contributing_signal_ids = CASE WHEN u.replaced IS NOT NULL THEN u.replaced ELSE
             e.contributing_signal_ids || (
               SELECT coalesce(jsonb_agg(a.id ORDER BY a.n), '[]'::jsonb)
                 FROM jsonb_array_elements(u.added) WITH ORDINALITY AS a(id, n)
                WHERE NOT e.contributing_signal_ids @> jsonb_build_array(a.id)) END,
           explanation = coalesce(u.explanation, e.explanation),
           updated_at = coalesce(u.updated_at, e.updated_at),
           status = coalesce(u.status, e.status),
           acknowledged_at = coalesce(u.acknowledged_at, e.acknowledged_at),
           acknowledged_by = coalesce(u.acknowledged_by, e.acknowledged_by),
           assignee = coalesce(u.assignee, e.assignee),
           closed_at = coalesce(u.closed_at, e.closed_at),
           closed_by = coalesce(u.closed_by, e.closed_by),
           outcome = coalesce(u.outcome, e.outcome),
           revision = u.revision
         FROM jsonb_to_recordset($1::jsonb) AS u(escalation_id uuid, replaced jsonb, added jsonb,
           explanation text, updated_at timestamptz, status varchar, acknowledged_at timestamptz,
           acknowledged_by varchar, assignee varchar, closed_at timestamptz, closed_by varchar,
           outcome varchar, revision int)
        WHERE e.escalation_id = u.escalation_id`,
        [JSON.stringify([...updates.values()])],
      );
    }
  }
}

function raisedRow(event: RecordedEvent): RaisedRow {
  const data = event.data as EscalationRaised['data'];
  return {
    escalation_id: data.escalationId,
    rule_id: data.ruleId,
    rule_version: data.ruleVersion,
    municipality: data.municipality,
    riec_region: data.riecRegion,
    severity: data.severity,
    status: 'OPEN',
    explanation: data.explanation,
    contributing_signal_ids: [...data.contributingSignalIds],
    raised_at: data.raisedAt,
    updated_at: data.raisedAt,
    subject_fingerprint: data.subjectFingerprint ?? null,
    revision: event.streamRevision,
    recorded_at: event.recordedAt.toISOString(),
  };
}

/** An update's signals: a whole list replaces (and ignores the added ones), else they are added. */
function addSignals(target: RaisedRow | Update, data: EscalationUpdated['data']): void {
  if ('contributing_signal_ids' in target) {
    const list = data.contributingSignalIds ?? target.contributing_signal_ids;
    target.contributing_signal_ids =
      data.contributingSignalIds !== undefined ? [...list] : appendNew(list, data.addedSignalIds);
  } else if (data.contributingSignalIds !== undefined) {
    target.replaced = [...data.contributingSignalIds];
    target.added = [];
  } else if (target.replaced !== undefined) {
    target.replaced = appendNew(target.replaced, data.addedSignalIds);
  } else {
    target.added = appendNew(target.added, data.addedSignalIds);
  }
}

const appendNew = (list: readonly string[], ids: readonly string[]): string[] => {
  const seen = new Set(list);
  const result = [...list];
  for (const id of ids) {
    if (!seen.has(id)) result.push(id);
    seen.add(id);
  }
  return result;
};

/** What an event after the raise changes in the view (every one moves the revision). */
function changesOf(event: RecordedEvent): FieldChanges | undefined {
  switch (event.type as EscalationEvent['type']) {
    case 'EscalationUpdated': {
      const data = event.data as EscalationUpdated['data'];
      return { explanation: data.explanation, updated_at: data.updatedAt };
    }
    case 'EscalationAcknowledged': {
      const data = event.data as EscalationAcknowledged['data'];
      return {
        status: 'ACKNOWLEDGED',
        acknowledged_at: data.acknowledgedAt,
        acknowledged_by: data.acknowledgedBy,
      };
    }
    case 'EscalationAssigned':
      return { assignee: (event.data as EscalationAssigned['data']).assignee };
    case 'EscalationClosed': {
      const data = event.data as EscalationClosed['data'];
      return {
        status: 'CLOSED',
        outcome: data.outcome,
        closed_by: data.closedBy,
        closed_at: event.recordedAt.toISOString(),
      };
    }
    case 'EscalationNoted':
    case 'EscalationNotified':
    case 'EscalationDeliveryFailed':
      return {};
    case 'EscalationRaised':
      return undefined; // a row of its own, see applyBatch()
    default:
      // Not an escalation event.
      return undefined;
  }
}
