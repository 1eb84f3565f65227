// Builders for signals in tests: `aThreat().in('GM0363').daysAgo(3).recorded()`. Defaults are
// a valid, unremarkable signal, so a test states only what matters to it.
import {
  addDays,
  type Category,
  type RecordSignal,
  type RiskSignal,
  type Severity,
  type SignalFacts,
  type SignalPersonalData,
  type SignalRecorded,
  type Subcategory,
  type Subject,
  type TargetRole,
} from '@weerbaar/domain';

/** The fixed "now" of the tests; no test reads the wall clock. */
export const TEST_NOW = new Date('2025-06-01T12:00:00.000Z');

let sequence = 0;
/** A readable, unique UUID-shaped id: 00000000-0000-4000-8000-000000000042. */
export function testUuid(n: number = ++sequence): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export class SignalBuilder {
  private signalId = testUuid();
  private now = TEST_NOW;
  private recordedAt: Date | undefined;
  private readonly facts: SignalFacts;
  private personal: SignalPersonalData = {
    description: 'Dreigende taal bij de balie.',
    subjects: [],
  };

  constructor(category: Category, subcategory: Subcategory) {
    this.facts = {
      municipality: 'GM0363',
      category,
      subcategory,
      targetRole: 'WETHOUDER',
      severity: 3,
      occurredAt: addDays(TEST_NOW, -1).toISOString(),
      policeReportFiled: false,
      source: 'DIRECT',
      classification: 'TLP:AMBER',
      sourceReliability: 'F',
      informationCredibility: '6',
      subjectFingerprints: [],
    };
  }

  withId(signalId: string): this {
    this.signalId = signalId;
    return this;
  }

  in(municipality: string): this {
    this.facts.municipality = municipality;
    return this;
  }

  subcategory(subcategory: Subcategory): this {
    this.facts.subcategory = subcategory;
    return this;
  }

  severity(severity: Severity): this {
    this.facts.severity = severity;
    return this;
  }

  targeting(targetRole: TargetRole): this {
    this.facts.targetRole = targetRole;
    return this;
  }

  /** The moment daysAgo and the default recording time are measured from. */
  asOf(now: Date): this {
    this.now = now;
    return this;
  }

  occurredAt(instant: Date | string): this {
    this.facts.occurredAt = new Date(instant).toISOString();
    return this;
  }

  daysAgo(days: number): this {
    return this.occurredAt(addDays(this.now, -days));
  }

  recordedOn(instant: Date): this {
    this.recordedAt = instant;
    return this;
  }

  withPoliceReport(reference?: string): this {
    this.facts.policeReportFiled = true;
    if (reference !== undefined)
      this.personal = { ...this.personal, policeReportReference: reference };
    return this;
  }

  classified(classification: SignalFacts['classification']): this {
    this.facts.classification = classification;
    return this;
  }

  withSubjects(
    subjects: Subject[],
    fingerprints = subjects.map((s) => `fp:${s.kind}:${s.identifier}`),
  ): this {
    this.personal = { ...this.personal, subjects };
    this.facts.subjectFingerprints = fingerprints;
    return this;
  }

  get id(): string {
    return this.signalId;
  }

  data(): SignalRecorded['data'] {
    return {
      signalId: this.signalId,
      facts: structuredClone(this.facts),
      personal: structuredClone(this.personal),
    };
  }

  recorded(): SignalRecorded {
    return { type: 'SignalRecorded', data: this.data() };
  }

  recordCommand(actor = 'coordinator-1'): RecordSignal {
    return { type: 'RecordSignal', data: this.data(), metadata: { now: this.now, actor } };
  }

  /** The risk maths' view; recorded when it occurred unless recordedOn says otherwise. */
  risk(status: RiskSignal['status'] = 'LIVE'): RiskSignal {
    const occurredAt = new Date(this.facts.occurredAt);
    return {
      signalId: this.signalId,
      municipality: this.facts.municipality,
      category: this.facts.category,
      subcategory: this.facts.subcategory,
      severity: this.facts.severity,
      occurredAt,
      recordedAt: this.recordedAt ?? occurredAt,
      policeReportFiled: this.facts.policeReportFiled,
      status,
    };
  }
}

export const aThreat = (subcategory: Subcategory = 'VERBAL'): SignalBuilder =>
  new SignalBuilder('THREAT', subcategory);
export const aBribery = (subcategory: Subcategory = 'MONEY_OFFER'): SignalBuilder =>
  new SignalBuilder('BRIBERY', subcategory);
export const anInfiltration = (subcategory: Subcategory = 'REAL_ESTATE'): SignalBuilder =>
  new SignalBuilder('INFILTRATION', subcategory);
