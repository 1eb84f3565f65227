// Builders of signal request bodies for HTTP tests: aThreatRequest().in('GM0363').daysAgo(3).build().
const DAY_MS = 86_400_000;

export type SignalRequestBody = Record<string, unknown>;

export class SignalRequestBuilder {
  private constructor(private readonly body: SignalRequestBody) {}

  static of(category: 'THREAT' | 'BRIBERY' | 'INFILTRATION', subcategory: string) {
    return new SignalRequestBuilder({
      municipality: 'GM0363',
      category,
      subcategory,
      targetRole: 'WETHOUDER',
      severity: 3,
      occurredAt: new Date(Date.now() - DAY_MS).toISOString(),
      description: 'Dreigende berichten na een raadsvergadering',
      policeReportFiled: false,
      source: 'DIRECT',
    });
  }

  in(municipality: string) {
    return this.with({ municipality });
  }

  daysAgo(days: number) {
    return this.with({ occurredAt: new Date(Date.now() - days * DAY_MS).toISOString() });
  }

  severity(severity: number) {
    return this.with({ severity });
  }

  withId(signalId: string) {
    return this.with({ signalId });
  }

  withSubjects(...subjects: { kind: string; identifier: string; displayName?: string }[]) {
    return this.with({ subjects });
  }

  with(fields: SignalRequestBody) {
    return new SignalRequestBuilder({ ...this.body, ...fields });
  }

  without(field: string) {
    const rest = { ...this.body };
    delete rest[field];
    return new SignalRequestBuilder(rest);
  }

  build(): SignalRequestBody {
    return { ...this.body };
  }
}

export const aThreatRequest = () => SignalRequestBuilder.of('THREAT', 'ONLINE');
export const aBriberyRequest = () => SignalRequestBuilder.of('BRIBERY', 'MONEY_OFFER');
export const anInfiltrationRequest = () => SignalRequestBuilder.of('INFILTRATION', 'REAL_ESTATE');
