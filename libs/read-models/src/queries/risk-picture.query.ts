// Risk pictures as of a moment (ADR 0003): the signal versions known then, through the pure
// risk maths of the domain.
import type { DataSource } from 'typeorm';
import {
  addDays,
  aggregateRegionRisk,
  computeMunicipalityRisk,
  type MunicipalityRisk,
  type RegionRisk,
  type RiskConfig,
  type RiskSignal,
} from '@weerbaar/domain';
import { SignalVersionEntity } from '../entities/signal-version.entity';
import { SHOWN_TO_MAYOR } from './mayor-view';

/** Whose picture it is: the burgemeester's leaves out signals withheld from them. */
export interface PictureViewer {
  forMayor?: boolean;
}

/** The risk view of every signal of the municipalities, in its version known at `moment`. */
export async function riskSignalsKnownAt(
  dataSource: DataSource,
  municipalities: readonly string[],
  moment: Date,
  viewer: PictureViewer = {},
): Promise<RiskSignal[]> {
  if (municipalities.length === 0) return [];
  const query = dataSource
    .getRepository(SignalVersionEntity)
    .createQueryBuilder('s')
    .where('s.municipality IN (:...municipalities)', { municipalities })
    .andWhere('s.recorded_at <= :moment', { moment })
    .andWhere('(s.superseded_at IS NULL OR s.superseded_at > :moment)', { moment });
  if (viewer.forMayor) query.andWhere('NOT s.withheld_from_mayor');
  const rows = await query.getMany();
  return rows.map((row) => ({
    signalId: row.signalId,
    municipality: row.municipality,
    category: row.category as RiskSignal['category'],
    subcategory: row.subcategory as RiskSignal['subcategory'],
    severity: row.severity as RiskSignal['severity'],
    occurredAt: row.occurredAt,
    recordedAt: row.firstRecordedAt,
    policeReportFiled: row.policeReportFiled,
    status: row.status as RiskSignal['status'],
  }));
}

/** Escalations of each municipality known at `moment` and not closed by then. */
export async function openEscalationsAt(
  dataSource: DataSource,
  municipalities: readonly string[],
  moment: Date,
  viewer: PictureViewer = {},
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (municipalities.length === 0) return counts;
  const rows = await dataSource.query<{ municipality: string; open: string }[]>(
    `SELECT e.municipality, count(*)::text AS open FROM escalations e
      WHERE e.municipality = ANY($1) AND e.recorded_at <= $2
        AND (e.closed_at IS NULL OR e.closed_at > $2) ${viewer.forMayor ? `AND ${SHOWN_TO_MAYOR}` : ''}
      GROUP BY e.municipality`,
    [municipalities, moment],
  );
  for (const row of rows) counts.set(row.municipality, Number(row.open));
  return counts;
}

export interface RiskPictures {
  pictures: MunicipalityRisk[];
  openEscalations: Map<string, number>;
}

/** The pictures of several municipalities as of one moment, with their trend's knowledge. */
export async function riskPicturesAsOf(
  dataSource: DataSource,
  municipalities: readonly string[],
  asOf: Date,
  config: RiskConfig,
  viewer: PictureViewer = {},
): Promise<RiskPictures> {
  const previousAsOf = addDays(asOf, -config.trend.lookbackDays);
  const [now, before, openEscalations] = await Promise.all([
    riskSignalsKnownAt(dataSource, municipalities, asOf, viewer),
    riskSignalsKnownAt(dataSource, municipalities, previousAsOf, viewer),
    openEscalationsAt(dataSource, municipalities, asOf, viewer),
  ]);
  const pictures = municipalities.map((municipality) =>
    computeMunicipalityRisk({ municipality, signals: now, previousSignals: before, asOf, config }),
  );
  return { pictures, openEscalations };
}

export async function regionRiskAsOf(
  dataSource: DataSource,
  riecRegion: string,
  municipalities: readonly string[],
  asOf: Date,
  config: RiskConfig,
): Promise<RiskPictures & { region: RegionRisk }> {
  const result = await riskPicturesAsOf(dataSource, municipalities, asOf, config);
  const region = aggregateRegionRisk({ riecRegion, asOf, municipalities: result.pictures, config });
  return { ...result, region };
}
