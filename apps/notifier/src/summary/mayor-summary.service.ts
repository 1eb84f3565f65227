// Builds the burgemeester's summary of one municipality (SPEC §6) from the read models: the risk
// picture without the signals withheld from the mayor, the escalations the mayor may see with the
// signals they may count, and whom to call at the RIEC. Nothing here can carry a subject, a
// description, a note or a detail of a TLP:RED signal: the summary's type has no room for them.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { addDays, emptyCategoryCounts, type EscalationOutcome } from '@weerbaar/domain';
import type { MayorEscalationLine, MayorSummary } from '@weerbaar/notifications';
import {
  contributingCategoryCounts,
  mayorEscalations,
  riskPicturesAsOf,
} from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import { ContactDirectory } from '../contacts/contact-directory.service';

/** Closed escalations stay in the summary this long. */
const RECENTLY_CLOSED_DAYS = 90;

@Injectable()
export class MayorSummaryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceData,
    private readonly contacts: ContactDirectory,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
  ) {}

  async build(code: string, now: Date): Promise<MayorSummary> {
    const municipality = this.referenceData.municipality(code);
    const region = municipality && this.referenceData.riecRegion(municipality.riecRegion);
    if (!municipality || !region) throw new Error(`No municipality ${code} in the reference data`);
    const [pictures, rows, contacts] = await Promise.all([
      riskPicturesAsOf(this.dataSource, [code], now, this.config.risk, { forMayor: true }),
      mayorEscalations(this.dataSource, code, addDays(now, -RECENTLY_CLOSED_DAYS)),
      this.contacts.riecContacts(region.id),
    ]);
    const counts = await contributingCategoryCounts(
      this.dataSource,
      rows.map((row) => row.escalationId),
      { forMayor: true },
    );
    const picture = pictures.pictures[0];
    const escalations: MayorEscalationLine[] = rows.map((row) => ({
      escalationId: row.escalationId,
      ruleId: row.ruleId,
      status: row.status as MayorEscalationLine['status'],
      raisedAt: row.raisedAt.toISOString(),
      closedAt: row.closedAt?.toISOString() ?? null,
      outcome: row.outcome as EscalationOutcome | null,
      signalCounts: { ...emptyCategoryCounts(), ...counts.get(row.escalationId) },
    }));
    // Open cases first, then the recently closed ones; newest first within each.
    escalations.sort((a, b) => Number(a.status === 'CLOSED') - Number(b.status === 'CLOSED'));
    return {
      municipality: { code, name: municipality.name },
      riec: {
        id: region.id,
        name: region.name,
        contacts: contacts.map(({ name, email, phone }) =>
          phone ? { name, email, phone } : { name, email },
        ),
      },
      generatedAt: now.toISOString(),
      risk: {
        level: picture.level,
        previousLevel: picture.trend.previousLevel,
        trendDays: this.config.risk.trend.lookbackDays,
        trend: picture.trend.direction,
        counts: picture.counts,
        aangifte: picture.aangifte,
        lastSignalAt: picture.lastSignalAt?.toISOString() ?? null,
      },
      escalations,
    };
  }
}
