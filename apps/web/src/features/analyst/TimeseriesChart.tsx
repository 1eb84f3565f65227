// A municipality's signals per week and category as stacked bars, with its words: a summary
// under the chart, a legend, and the data as a table behind a disclosure (the chart's text
// alternative). Categories differ by pattern as well as colour.
import { CATEGORIES, type Category } from '@weerbaar/vocabulary';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, i18n, TIME_ZONE } from '../../i18n';
import { dayAsDate } from './days';
import type { Timeseries } from './queries';
import { niceScale, weeklyBuckets, type WeekBucket } from './weeks';

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 8, bottom: 44, left: 40 };

const CATEGORY_COLOURS: Record<Category, string> = {
  THREAT: '#154273',
  BRIBERY: '#a34f00',
  INFILTRATION: '#5b2a86',
};

function categoryFill(prefix: string, category: Category): string {
  return category === 'THREAT' ? CATEGORY_COLOURS.THREAT : `url(#${prefix}-${category})`;
}

function CategoryPatternDefs({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern
        id={`${prefix}-BRIBERY`}
        width="5"
        height="5"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="5" height="5" fill={CATEGORY_COLOURS.BRIBERY} />
        <line x1="0" y1="0" x2="0" y2="5" stroke="#ffffff" strokeWidth="1.4" />
      </pattern>
      <pattern id={`${prefix}-INFILTRATION`} width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill={CATEGORY_COLOURS.INFILTRATION} />
        <circle cx="2.5" cy="2.5" r="1.1" fill="#ffffff" />
      </pattern>
    </defs>
  );
}

function monthLabel(day: string, withYear: boolean): string {
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', {
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: TIME_ZONE,
  }).format(dayAsDate(day));
}

export function TimeseriesChart({ series }: { series: Timeseries }) {
  const { t } = useTranslation('analyst');
  const prefix = `analyst-chart-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const buckets = useMemo(
    () => weeklyBuckets(series.from, series.to, series.days),
    [series.from, series.to, series.days],
  );
  const totals = useMemo(() => {
    const perCategory = { THREAT: 0, BRIBERY: 0, INFILTRATION: 0 } as Record<Category, number>;
    for (const bucket of buckets) {
      for (const category of CATEGORIES) perCategory[category] += bucket.counts[category];
    }
    return perCategory;
  }, [buckets]);
  const total = totals.THREAT + totals.BRIBERY + totals.INFILTRATION;
  const busiest = buckets.reduce<WeekBucket | undefined>(
    (best, bucket) => (best === undefined || bucket.total > best.total ? bucket : best),
    undefined,
  );
  const period = {
    from: formatDate(dayAsDate(series.from)),
    to: formatDate(dayAsDate(series.to)),
  };

  if (total === 0 || !busiest) {
    return <p>{t('chart.empty', period)}</p>;
  }

  const summary = t('chart.summary', {
    ...period,
    count: total,
    week: formatDate(dayAsDate(busiest.start)),
    busiest: busiest.total,
  });
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { top, step } = niceScale(busiest.total);
  const band = innerWidth / buckets.length;
  const barWidth = Math.max(1, band * 0.72);
  const y = (value: number) => MARGIN.top + innerHeight - (value / top) * innerHeight;
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  let lastLabelX = -Infinity;
  const monthLabels = buckets.flatMap((bucket, i) => {
    const month = bucket.start.slice(0, 7);
    const previous = i === 0 ? undefined : buckets[i - 1].start.slice(0, 7);
    const x = MARGIN.left + i * band;
    if (month === previous || x - lastLabelX < 44) return [];
    lastLabelX = x;
    const withYear = i === 0 || month.endsWith('-01');
    return [{ x, text: monthLabel(bucket.start, withYear), key: bucket.start }];
  });

  return (
    <figure className="analyst-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${prefix}-title`}
        aria-describedby={`${prefix}-summary`}
        className="analyst-chart__svg"
      >
        <title id={`${prefix}-title`}>{t('chart.title')}</title>
        <CategoryPatternDefs prefix={prefix} />
        {ticks.map((value) => (
          <g key={value}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(value)}
              y2={y(value)}
              className={value === 0 ? 'analyst-chart__axis' : 'analyst-chart__grid'}
            />
            <text x={MARGIN.left - 6} y={y(value)} dy="0.32em" textAnchor="end">
              {formatNumber(value, 0)}
            </text>
          </g>
        ))}
        {buckets.map((bucket, i) => {
          let base = 0;
          const x = MARGIN.left + i * band + (band - barWidth) / 2;
          return (
            <g key={bucket.start}>
              <title>
                {`${t('chart.weekOf', { date: formatDate(dayAsDate(bucket.start)) })}: ${CATEGORIES.map(
                  (category) => `${t(`common:categories.${category}`)} ${bucket.counts[category]}`,
                ).join(', ')}`}
              </title>
              {CATEGORIES.map((category) => {
                const count = bucket.counts[category];
                if (count === 0) return null;
                const rect = (
                  <rect
                    key={category}
                    x={x}
                    width={barWidth}
                    y={y(base + count)}
                    height={y(base) - y(base + count)}
                    fill={categoryFill(prefix, category)}
                    className="analyst-chart__bar"
                    data-category={category}
                  />
                );
                base += count;
                return rect;
              })}
            </g>
          );
        })}
        {monthLabels.map((label) => (
          <g key={label.key}>
            <line
              x1={label.x}
              x2={label.x}
              y1={MARGIN.top + innerHeight}
              y2={MARGIN.top + innerHeight + 5}
              className="analyst-chart__axis"
            />
            <text x={label.x + 2} y={MARGIN.top + innerHeight + 18}>
              {label.text}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="analyst-chart__legend" aria-label={t('chart.legend')}>
          {CATEGORIES.map((category) => (
            <li key={category}>
              <svg viewBox="0 0 18 14" className="analyst-legend__swatch" aria-hidden="true">
                <rect
                  x="0.5"
                  y="0.5"
                  width="17"
                  height="13"
                  fill={categoryFill(prefix, category)}
                  stroke="#1a1a1a"
                />
              </svg>
              {t(`common:categories.${category}`)} ({formatNumber(totals[category], 0)})
            </li>
          ))}
        </ul>
        <p id={`${prefix}-summary`}>{summary}</p>
      </figcaption>
      <details className="analyst-chart__data">
        <summary>{t('chart.showTable')}</summary>
        <table>
          <caption>{t('chart.tableCaption', period)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.week')}</th>
              {CATEGORIES.map((category) => (
                <th key={category} scope="col" className="number">
                  {t(`common:categories.${category}`)}
                </th>
              ))}
              <th scope="col" className="number">
                {t('chart.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((bucket) => (
              <tr key={bucket.start}>
                <th scope="row">
                  {t('chart.weekRange', {
                    from: formatDate(dayAsDate(bucket.start)),
                    to: formatDate(dayAsDate(bucket.end)),
                  })}
                </th>
                {CATEGORIES.map((category) => (
                  <td key={category} className="number">
                    {formatNumber(bucket.counts[category], 0)}
                  </td>
                ))}
                <td className="number">{formatNumber(bucket.total, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
