// /municipalities/:code: one municipality's risk picture (the analyst's for each municipality of
// their region, the coordinator's for their own): level, score and trend with its basis, counts
// per window and category, aangifte rate, the last signal, open escalations and a year of
// signals per week; now or as known at the end of a past day. Outside the reader's scope the
// API answers 404, and so does this page.
import { CATEGORIES, SUBCATEGORIES, type Category } from '@weerbaar/vocabulary';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { NotFoundPage } from '../../app/HomeRedirect';
import { useReference } from '../../app/reference';
import { useSession } from '../../auth/session';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { LevelBadge } from '../../ui/LevelBadge';
import { PageTitle } from '../../ui/PageTitle';
import { asOfError, AsOfForm, AsOfNotice, useAsOfDay } from './AsOf';
import { addDays, dayAsDate } from './days';
import { escalationsOfMunicipalityPath, REGION_PATH } from './paths';
import { useMunicipalityRisk, useTimeseries, type MunicipalityRisk } from './queries';
import { TimeseriesChart } from './TimeseriesChart';
import { TrendText } from './Trend';
import './analyst.css';

const WINDOWS = ['d30', 'd90', 'd365'] as const;
type Window = (typeof WINDOWS)[number];
type SubcategoryCounts = Record<Window, Record<Category, Record<string, number>>>;

export function MunicipalityPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation('analyst');
  const session = useSession();
  const reference = useReference();
  const asOfDay = useAsOfDay();
  const picture = useMunicipalityRisk(code, asOfDay.asOf);
  const series = useTimeseries(
    code,
    addDays(asOfDay.lastDay, -365),
    asOfDay.lastDay,
    // No series for a municipality the API has just said is not there.
    !(picture.error instanceof ApiError && picture.error.status === 404),
  );

  if (picture.error instanceof ApiError && picture.error.status === 404) {
    return <NotFoundPage />;
  }
  const name = picture.data?.name ?? reference.municipalityName(code);
  const title = asOfDay.past
    ? t('picture.titlePast', { name, date: formatDate(dayAsDate(asOfDay.lastDay)) })
    : t('picture.title', { name });
  const fieldError = asOfError(picture.error);
  const isAnalyst = session?.role === 'analyst';

  return (
    <section className="analyst-page">
      {isAnalyst ? (
        <p className="analyst-back">
          <Link to={REGION_PATH}>{t('picture.backToRegion')}</Link>
        </p>
      ) : null}
      <PageTitle title={title}>{title}</PageTitle>
      <AsOfForm asOfDay={asOfDay} error={fieldError} />
      <AsOfNotice asOfDay={asOfDay} />
      {picture.isPending ? (
        <Loading />
      ) : picture.isError ? (
        fieldError ? null : (
          <ErrorMessage error={picture.error} />
        )
      ) : (
        <>
          <PictureSummary
            picture={picture.data}
            canSeeEscalations={session?.role !== 'coordinator'}
          />
          <CountsSection picture={picture.data} />
          <section aria-labelledby="analyst-series-heading">
            <h2 id="analyst-series-heading">{t('chart.heading')}</h2>
            {asOfDay.past ? <p className="analyst-muted">{t('chart.currentKnowledge')}</p> : null}
            {series.isPending ? (
              <Loading />
            ) : series.isError ? (
              <ErrorMessage error={series.error} />
            ) : (
              <TimeseriesChart series={series.data} />
            )}
          </section>
        </>
      )}
    </section>
  );
}

function PictureSummary({
  picture,
  canSeeEscalations,
}: {
  picture: MunicipalityRisk;
  canSeeEscalations: boolean;
}) {
  const { t } = useTranslation('analyst');
  const { trend, aangifte } = picture;
  return (
    <section aria-labelledby="analyst-picture-heading">
      <h2 id="analyst-picture-heading">{t('picture.summary')}</h2>
      <div className="cards">
        <div className="card">
          <p className="card__label">{t('picture.level')}</p>
          <p className="card__value" data-testid="picture-level">
            <LevelBadge level={picture.level} />
          </p>
        </div>
        <div className="card">
          <p className="card__label">{t('picture.score')}</p>
          <p className="card__value">{formatNumber(picture.score, 2)}</p>
        </div>
        <div className="card">
          <p className="card__label">{t('picture.trend')}</p>
          <p className="card__value">
            <TrendText direction={trend.direction} />
          </p>
        </div>
        <div className="card">
          <p className="card__label">{t('picture.openEscalations')}</p>
          <p className="card__value">
            {canSeeEscalations ? (
              <Link to={escalationsOfMunicipalityPath(picture.municipality)}>
                {formatNumber(picture.openEscalations, 0)}{' '}
                <span className="visually-hidden">
                  {t('table.openEscalationsOf', { name: picture.name })}
                </span>
              </Link>
            ) : (
              formatNumber(picture.openEscalations, 0)
            )}
          </p>
        </div>
      </div>
      <dl className="facts">
        <dt>{t('picture.trendBasis')}</dt>
        <dd>
          {t('picture.trendBasisText', {
            date: formatDateTime(trend.previousAsOf),
            score: formatNumber(trend.previousScore, 2),
            level: t(`common:levels.${trend.previousLevel}`),
          })}
        </dd>
        <dt>{t('picture.liveSignals')}</dt>
        <dd>{formatNumber(picture.liveSignals, 0)}</dd>
        <dt>{t('picture.lastSignal')}</dt>
        <dd>
          {picture.lastSignalAt ? formatDateTime(picture.lastSignalAt) : t('picture.noSignals')}
        </dd>
        <dt>{t('picture.aangifte')}</dt>
        <dd>
          {aangifte.rate === null
            ? t('picture.aangifteNone')
            : t('picture.aangifteRate', {
                rate: formatPercent(aangifte.rate),
                filed: aangifte.filed,
                eligible: aangifte.eligible,
              })}
        </dd>
        <dt>{t('picture.asOf')}</dt>
        <dd>{formatDateTime(picture.asOf)}</dd>
      </dl>
    </section>
  );
}

function CountsSection({ picture }: { picture: MunicipalityRisk }) {
  const { t } = useTranslation('analyst');
  const totals = WINDOWS.map((w) =>
    CATEGORIES.reduce((sum, category) => sum + picture.counts[w][category], 0),
  );
  const subcategories = picture.subcategoryCounts as SubcategoryCounts | undefined;
  return (
    <section aria-labelledby="analyst-counts-heading">
      <h2 id="analyst-counts-heading">{t('counts.heading')}</h2>
      <table className="analyst-counts">
        <caption>{t('counts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('counts.category')}</th>
            {WINDOWS.map((w) => (
              <th key={w} scope="col" className="number">
                {t(`counts.${w}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CATEGORIES.map((category) => (
            <tr key={category}>
              <th scope="row">{t(`common:categories.${category}`)}</th>
              {WINDOWS.map((w) => (
                <td key={w} className="number">
                  {formatNumber(picture.counts[w][category], 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('counts.total')}</th>
            {totals.map((total, i) => (
              <td key={WINDOWS[i]} className="number">
                {formatNumber(total, 0)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      {subcategories ? (
        <details className="analyst-subcategories">
          <summary>{t('counts.perSubcategory')}</summary>
          <table>
            <caption>{t('counts.subcategoryCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('counts.subcategory')}</th>
                {WINDOWS.map((w) => (
                  <th key={w} scope="col" className="number">
                    {t(`counts.${w}`)}
                  </th>
                ))}
              </tr>
            </thead>
            {CATEGORIES.map((category) => (
              <tbody key={category}>
                <tr>
                  <th scope="rowgroup" colSpan={WINDOWS.length + 1} className="analyst-group">
                    {t(`common:categories.${category}`)}
                  </th>
                </tr>
                {SUBCATEGORIES[category].map((subcategory) => (
                  <tr key={subcategory}>
                    <th scope="row">{t(`common:vocabulary.subcategories.${subcategory}`)}</th>
                    {WINDOWS.map((w) => (
                      <td key={w} className="number">
                        {formatNumber(subcategories[w]?.[category]?.[subcategory] ?? 0, 0)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </details>
      ) : null}
    </section>
  );
}
