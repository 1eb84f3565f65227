// Where a subject fingerprint appears: its signals (current versions) and their municipalities.
import type { DataSource } from 'typeorm';

export interface SubjectAppearance {
  signalId: string;
  municipality: string;
  riecRegion: string;
  kind: string;
  category: string;
  status: string;
  occurredAt: Date;
}

export async function subjectAppearances(
  dataSource: DataSource,
  fingerprint: string,
): Promise<SubjectAppearance[]> {
  const rows = await dataSource.query<
    {
      signal_id: string;
      municipality: string;
      riec_region: string;
      kind: string;
      category: string;
      status: string;
      occurred_at: Date;
    }[]
  >(
    `SELECT DISTINCT ON (s.signal_id) s.signal_id, v.municipality, v.riec_region, s.kind,
            v.category, v.status, v.occurred_at
       FROM signal_subjects s
       JOIN signal_versions v ON v.signal_id = s.signal_id AND v.superseded_at IS NULL
      WHERE s.fingerprint = $1
      ORDER BY s.signal_id, s.position`,
    [fingerprint],
  );
  return rows
    .map((row) => ({
      signalId: row.signal_id,
      municipality: row.municipality,
      riecRegion: row.riec_region,
      kind: row.kind,
      category: row.category,
      status: row.status,
      occurredAt: new Date(row.occurred_at),
    }))
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
}
