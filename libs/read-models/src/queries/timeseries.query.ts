// Daily counts of live signals per category of one municipality, for charts.
import type { DataSource } from 'typeorm';

export interface DailyCount {
  day: string;
  category: string;
  count: number;
}

export async function dailyCounts(
  dataSource: DataSource,
  municipality: string,
  fromDay: string,
  toDay: string,
): Promise<DailyCount[]> {
  const rows = await dataSource.query<{ day: string; category: string; count: number }[]>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, category, count FROM daily_signal_counts
      WHERE municipality = $1 AND day >= $2::date AND day <= $3::date ORDER BY day, category`,
    [municipality, fromDay, toDay],
  );
  return rows.map((row) => ({ day: row.day, category: row.category, count: Number(row.count) }));
}
