// Loads the rule engine's working state for one batch of the log from its tables — only the rows
// the batch can touch — and writes back what the batch changed. The writes run in the
// transaction that moves the engine's checkpoint, so state and position never disagree.
import {
  type Category,
  type Classification,
  DAY_MS,
  type Severity,
  type Subcategory,
  type TargetRole,
} from '@weerbaar/domain';
import type { SqlQueryable } from '@weerbaar/event-store';
import type {
  ActiveSnooze,
  OpenEscalation,
  RuleEngineEvent,
  TrackedSignal,
} from '../rule-engine.types';
import { DEFAULT_RULE_SET, horizonsOf, type RuleSet } from '../rule-set';
import { type RuleStateChanges, RuleWorkingState } from '../rule-state';

interface SignalRow {
  signal_id: string;
  municipality: string;
  category: string;
  subcategory: string;
  target_role: string;
  severity: number;
  occurred_at: Date | string;
  classification: string;
  fingerprints: string[];
}

interface SlotRow {
  slot_key: string;
  rule_id: string;
  escalation_id: string;
  municipality: string;
  riec_region: string;
  fingerprint: string | null;
  contributing_signal_ids: string[];
}

interface SnoozeRow {
  snooze_id: string;
  rule_id: string;
  riec_region: string;
  municipality: string | null;
  fingerprint: string | null;
  until: Date | string;
}

const SIGNAL_COLUMNS = `signal_id::text AS signal_id, municipality, category, subcategory,
  target_role, severity, occurred_at, classification, fingerprints`;

export interface LoadOptions {
  /** A back-test's rule set: then only its windows decide what is loaded. */
  fixedRuleSet?: RuleSet;
}

export class SqlRuleStateStore {
  /** The working state for `events`: every row their rules can ask for, and nothing more. */
  async load(
    q: SqlQueryable,
    events: readonly RuleEngineEvent[],
    options: LoadOptions = {},
  ): Promise<RuleWorkingState> {
    const ruleSet = await this.loadRuleSet(q);
    const inPlay = options.fixedRuleSet
      ? [options.fixedRuleSet]
      : [
          ruleSet,
          ...events.flatMap((e) =>
            e.type === 'RuleSetPublished' ? [{ version: e.data.version, rules: e.data.rules }] : [],
          ),
        ];
    const horizons = horizonsOf(inPlay);

    const changedIds = new Set<string>();
    const municipalities = new Set<string>();
    const fingerprints = new Set<string>();
    const closedIds: string[] = [];
    let firstClock = Number.POSITIVE_INFINITY;
    for (const event of events) {
      firstClock = Math.min(firstClock, event.recordedAt.getTime());
      if (event.type === 'SignalRecorded') {
        municipalities.add(event.data.facts.municipality);
        event.data.facts.subjectFingerprints.forEach((f) => fingerprints.add(f));
      } else if (event.type === 'SignalAmended') {
        changedIds.add(event.data.signalId);
        event.data.changes.subjectFingerprints?.forEach((f) => fingerprints.add(f));
      } else if (event.type === 'SignalRetracted') {
        changedIds.add(event.data.signalId);
      } else if (event.type === 'EscalationClosed') {
        closedIds.push(event.data.escalationId);
      }
    }

    const signals = new Map<string, TrackedSignal>();
    const keep = (rows: SignalRow[]) =>
      rows.forEach((row) => signals.set(row.signal_id, toSignal(row)));
    if (changedIds.size > 0) {
      keep(
        await q.query<SignalRow>(
          `SELECT ${SIGNAL_COLUMNS} FROM rule_engine_signals WHERE signal_id = ANY($1::uuid[])`,
          [[...changedIds]],
        ),
      );
      for (const signal of signals.values()) {
        municipalities.add(signal.municipality);
        signal.fingerprints.forEach((f) => fingerprints.add(f));
      }
    }
    const since = (days: number) => new Date(firstClock - days * DAY_MS).toISOString();
    for (const [category, days] of Object.entries(horizons.municipality)) {
      if (days === 0 || municipalities.size === 0) continue;
      keep(
        await q.query<SignalRow>(
          `SELECT ${SIGNAL_COLUMNS} FROM rule_engine_signals
            WHERE municipality = ANY($1::varchar[]) AND category = $2
              AND occurred_at >= $3::timestamptz`,
          [[...municipalities], category, since(days)],
        ),
      );
    }
    if (horizons.subject > 0 && fingerprints.size > 0) {
      keep(
        await q.query<SignalRow>(
          `SELECT ${SIGNAL_COLUMNS} FROM rule_engine_signals
            WHERE fingerprints && $1::text[] AND occurred_at >= $2::timestamptz`,
          [[...fingerprints], since(horizons.subject)],
        ),
      );
    }

    const slots =
      municipalities.size + fingerprints.size + closedIds.length === 0
        ? []
        : await q.query<SlotRow>(
            `SELECT slot_key, rule_id, escalation_id::text AS escalation_id, municipality,
                    riec_region, fingerprint, contributing_signal_ids
               FROM rule_engine_open_escalations
              WHERE municipality = ANY($1::varchar[]) OR fingerprint = ANY($2::text[])
                 OR escalation_id = ANY($3::uuid[])`,
            [[...municipalities], [...fingerprints], closedIds],
          );
    const scores =
      municipalities.size === 0
        ? []
        : await q.query<{ municipality: string; base_day: number; sum: number }>(
            `SELECT municipality, base_day, sum FROM rule_engine_scores
              WHERE municipality = ANY($1::varchar[])`,
            [[...municipalities]],
          );
    const snoozes = await q.query<SnoozeRow>(
      `SELECT snooze_id::text AS snooze_id, rule_id, riec_region, municipality, fingerprint, until
         FROM rule_engine_snoozes WHERE until > $1::timestamptz`,
      [
        Number.isFinite(firstClock)
          ? new Date(firstClock).toISOString()
          : new Date(0).toISOString(),
      ],
    );

    return new RuleWorkingState({
      ruleSet,
      signals: signals.values(),
      slots: slots.map(toSlot),
      scores: scores.map((row) => ({
        municipality: row.municipality,
        sum: { baseDay: Number(row.base_day), sum: Number(row.sum) },
      })),
      snoozes: snoozes.map(toSnooze),
    });
  }

  /** Writes what a batch changed; `clockMs` is the batch's last clock (expired snoozes go). */
  async save(q: SqlQueryable, changes: RuleStateChanges, clockMs: number): Promise<void> {
    if (changes.signals.length > 0) {
      await q.query(
        `INSERT INTO rule_engine_signals (signal_id, municipality, category, subcategory,
                target_role, severity, occurred_at, classification, fingerprints)
         SELECT signal_id, municipality, category, subcategory, target_role, severity, occurred_at,
                classification, fingerprints
           FROM jsonb_to_recordset($1::jsonb) AS x(signal_id uuid, municipality varchar,
                category varchar, subcategory varchar, target_role varchar, severity smallint,
                occurred_at timestamptz, classification varchar, fingerprints text[])
         ON CONFLICT (signal_id) DO UPDATE SET category = EXCLUDED.category,
                subcategory = EXCLUDED.subcategory, target_role = EXCLUDED.target_role,
                severity = EXCLUDED.severity, occurred_at = EXCLUDED.occurred_at,
                classification = EXCLUDED.classification, fingerprints = EXCLUDED.fingerprints`,
        [JSON.stringify(changes.signals.map(fromSignal))],
      );
    }
    if (changes.removedSignalIds.length > 0) {
      await q.query(`DELETE FROM rule_engine_signals WHERE signal_id = ANY($1::uuid[])`, [
        changes.removedSignalIds,
      ]);
    }
    if (changes.removedSlotKeys.length > 0) {
      await q.query(`DELETE FROM rule_engine_open_escalations WHERE slot_key = ANY($1::text[])`, [
        changes.removedSlotKeys,
      ]);
    }
    if (changes.slots.length > 0) {
      await q.query(
        `INSERT INTO rule_engine_open_escalations (slot_key, rule_id, escalation_id, municipality,
                riec_region, fingerprint, contributing_signal_ids)
         SELECT slot_key, rule_id, escalation_id, municipality, riec_region, fingerprint,
                contributing_signal_ids
           FROM jsonb_to_recordset($1::jsonb) AS x(slot_key text, rule_id varchar,
                escalation_id uuid, municipality varchar, riec_region varchar, fingerprint text,
                contributing_signal_ids jsonb)
         ON CONFLICT (slot_key) DO UPDATE SET escalation_id = EXCLUDED.escalation_id,
                contributing_signal_ids = EXCLUDED.contributing_signal_ids`,
        [JSON.stringify(changes.slots.map(fromSlot))],
      );
    }
    if (changes.scores.length > 0) {
      await q.query(
        `INSERT INTO rule_engine_scores (municipality, base_day, sum)
         SELECT municipality, base_day, sum FROM jsonb_to_recordset($1::jsonb)
             AS x(municipality varchar, base_day double precision, sum double precision)
         ON CONFLICT (municipality) DO UPDATE SET base_day = EXCLUDED.base_day, sum = EXCLUDED.sum`,
        [
          JSON.stringify(
            changes.scores.map(({ municipality, sum }) => ({
              municipality,
              base_day: sum.baseDay,
              sum: sum.sum,
            })),
          ),
        ],
      );
    }
    if (changes.snoozes.length > 0) {
      await q.query(
        `INSERT INTO rule_engine_snoozes (snooze_id, rule_id, riec_region, municipality,
                fingerprint, until)
         SELECT snooze_id, rule_id, riec_region, municipality, fingerprint, until
           FROM jsonb_to_recordset($1::jsonb) AS x(snooze_id uuid, rule_id varchar,
                riec_region varchar, municipality varchar, fingerprint text, until timestamptz)
         ON CONFLICT (snooze_id) DO NOTHING`,
        [JSON.stringify(changes.snoozes.map(fromSnooze))],
      );
    }
    await q.query(`DELETE FROM rule_engine_snoozes WHERE until <= $1::timestamptz`, [
      new Date(clockMs).toISOString(),
    ]);
    if (changes.ruleSet !== undefined) {
      await q.query(
        `INSERT INTO rule_engine_rule_set (id, rule_set) VALUES (1, $1::jsonb)
         ON CONFLICT (id) DO UPDATE SET rule_set = EXCLUDED.rule_set`,
        [JSON.stringify(changes.ruleSet)],
      );
    }
  }

  private async loadRuleSet(q: SqlQueryable): Promise<RuleSet> {
    const rows = await q.query<{ rule_set: RuleSet | string }>(
      `SELECT rule_set FROM rule_engine_rule_set WHERE id = 1`,
    );
    const stored = rows[0]?.rule_set;
    if (stored === undefined) return DEFAULT_RULE_SET;
    return typeof stored === 'string' ? (JSON.parse(stored) as RuleSet) : stored;
  }
}

function toSignal(row: SignalRow): TrackedSignal {
  return {
    signalId: row.signal_id,
    municipality: row.municipality,
    category: row.category as Category,
    subcategory: row.subcategory as Subcategory,
    targetRole: row.target_role as TargetRole,
    severity: Number(row.severity) as Severity,
    occurredAt: new Date(row.occurred_at).getTime(),
    classification: row.classification as Classification,
    fingerprints: row.fingerprints,
  };
}

function fromSignal(signal: TrackedSignal) {
  return {
    signal_id: signal.signalId,
    municipality: signal.municipality,
    category: signal.category,
    subcategory: signal.subcategory,
    target_role: signal.targetRole,
    severity: signal.severity,
    occurred_at: new Date(signal.occurredAt).toISOString(),
    classification: signal.classification,
    fingerprints: signal.fingerprints,
  };
}

function toSlot(row: SlotRow): OpenEscalation {
  return {
    slotKey: row.slot_key,
    ruleId: row.rule_id,
    escalationId: row.escalation_id,
    municipality: row.municipality,
    riecRegion: row.riec_region,
    fingerprint: row.fingerprint,
    contributingSignalIds:
      typeof row.contributing_signal_ids === 'string'
        ? (JSON.parse(row.contributing_signal_ids) as string[])
        : row.contributing_signal_ids,
  };
}

function fromSlot(slot: OpenEscalation) {
  return {
    slot_key: slot.slotKey,
    rule_id: slot.ruleId,
    escalation_id: slot.escalationId,
    municipality: slot.municipality,
    riec_region: slot.riecRegion,
    fingerprint: slot.fingerprint,
    contributing_signal_ids: slot.contributingSignalIds,
  };
}

function toSnooze(row: SnoozeRow): ActiveSnooze {
  return {
    snoozeId: row.snooze_id,
    ruleId: row.rule_id,
    riecRegion: row.riec_region,
    municipality: row.municipality,
    fingerprint: row.fingerprint,
    until: new Date(row.until).getTime(),
  };
}

function fromSnooze(snooze: ActiveSnooze) {
  return {
    snooze_id: snooze.snoozeId,
    rule_id: snooze.ruleId,
    riec_region: snooze.riecRegion,
    municipality: snooze.municipality,
    fingerprint: snooze.fingerprint,
    until: new Date(snooze.until).toISOString(),
  };
}

/** The snoozes in force for a region at `now`, soonest to end first (for analysts to review). */
export async function activeSnoozesOf(
  q: SqlQueryable,
  riecRegion: string,
  now: Date,
): Promise<ActiveSnooze[]> {
  const rows = await q.query<SnoozeRow>(
    `SELECT snooze_id::text AS snooze_id, rule_id, riec_region, municipality, fingerprint, until
       FROM rule_engine_snoozes WHERE riec_region = $1 AND until > $2::timestamptz
      ORDER BY until, snooze_id`,
    [riecRegion, now.toISOString()],
  );
  return rows.map(toSnooze);
}
