// The region's municipalities as a table the analyst can sort by any column: a button in each
// column header, the sorted column marked with aria-sort (the pattern of the WAI-ARIA APG's
// sortable table), and the new order announced.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../i18n';
import { LevelBadge, RISK_LEVELS, type RiskLevel } from '../../ui/LevelBadge';
import { escalationsOfMunicipalityPath, municipalityPath } from './paths';
import { TrendText } from './Trend';

export interface RiskRow {
  code: string;
  name: string;
  level: RiskLevel;
  score: number;
  trend: string;
  openEscalations: number;
  /** Live signals that occurred in the last 30 days, all categories. */
  signals30: number;
}

export type SortKey = 'name' | 'level' | 'score' | 'trend' | 'openEscalations' | 'signals30';
type Direction = 'ascending' | 'descending';

const COLUMNS: readonly { key: SortKey; numeric: boolean }[] = [
  { key: 'name', numeric: false },
  { key: 'level', numeric: false },
  { key: 'score', numeric: true },
  { key: 'trend', numeric: false },
  { key: 'openEscalations', numeric: true },
  { key: 'signals30', numeric: true },
];

const TREND_RANK: Record<string, number> = { FALLING: 0, STABLE: 1, RISING: 2 };

const byName = (a: RiskRow, b: RiskRow) => a.name.localeCompare(b.name, 'nl');

const COMPARE: Record<SortKey, (a: RiskRow, b: RiskRow) => number> = {
  name: byName,
  // Within a level, the score says which is nearer the next one.
  level: (a, b) => RISK_LEVELS.indexOf(a.level) - RISK_LEVELS.indexOf(b.level) || a.score - b.score,
  score: (a, b) => a.score - b.score,
  trend: (a, b) => (TREND_RANK[a.trend] ?? 1) - (TREND_RANK[b.trend] ?? 1),
  openEscalations: (a, b) => a.openEscalations - b.openEscalations,
  signals30: (a, b) => a.signals30 - b.signals30,
};

/** Names read A to Z first; numbers and levels highest first, which is what an analyst looks for. */
const FIRST_DIRECTION: Record<SortKey, Direction> = {
  name: 'ascending',
  level: 'descending',
  score: 'descending',
  trend: 'descending',
  openEscalations: 'descending',
  signals30: 'descending',
};

export function sortRows(rows: readonly RiskRow[], key: SortKey, direction: Direction): RiskRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * COMPARE[key](a, b) || byName(a, b));
}

export function RiskTable({ rows, caption }: { rows: readonly RiskRow[]; caption: string }) {
  const { t } = useTranslation('analyst');
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({
    key: 'score',
    direction: 'descending',
  });
  const sorted = useMemo(() => sortRows(rows, sort.key, sort.direction), [rows, sort]);
  const [announcement, setAnnouncement] = useState('');

  const sortBy = (key: SortKey) => {
    const direction =
      sort.key === key
        ? sort.direction === 'ascending'
          ? 'descending'
          : 'ascending'
        : FIRST_DIRECTION[key];
    setSort({ key, direction });
    setAnnouncement(
      t('table.sorted', { column: t(`table.${key}`), direction: t(`table.${direction}`) }),
    );
  };

  return (
    <>
      <table className="analyst-table">
        <caption>
          {caption} <span className="visually-hidden">{t('table.sortHint')}</span>
        </caption>
        <thead>
          <tr>
            {COLUMNS.map(({ key, numeric }) => {
              const sorted = sort.key === key ? sort.direction : undefined;
              return (
                <th
                  key={key}
                  scope="col"
                  aria-sort={sorted}
                  className={numeric ? 'number' : undefined}
                >
                  <button type="button" className="sort" onClick={() => sortBy(key)}>
                    {t(`table.${key}`)}
                    <span aria-hidden="true" className="analyst-sort-mark">
                      {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.code} data-code={row.code}>
              <th scope="row">
                <Link to={municipalityPath(row.code)}>{row.name}</Link>
              </th>
              <td>
                <LevelBadge level={row.level} />
              </td>
              <td className="number">{formatNumber(row.score, 2)}</td>
              <td>
                <TrendText direction={row.trend} />
              </td>
              <td className="number">
                {row.openEscalations > 0 ? (
                  <Link to={escalationsOfMunicipalityPath(row.code)}>
                    {formatNumber(row.openEscalations, 0)}{' '}
                    <span className="visually-hidden">
                      {t('table.openEscalationsOf', { name: row.name })}
                    </span>
                  </Link>
                ) : (
                  formatNumber(0, 0)
                )}
              </td>
              <td className="number">{formatNumber(row.signals30, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}
