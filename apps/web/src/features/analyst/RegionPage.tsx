// /region: the analyst's RIEC region at a glance: its picture, a map of its municipalities by
// risk level and the same municipalities in a sortable table, now or as known at a past day.
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReference } from '../../app/reference';
import { useSession } from '../../auth/session';
import { formatDateTime, formatNumber } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { LevelBadge } from '../../ui/LevelBadge';
import { PageTitle } from '../../ui/PageTitle';
import { asOfError, AsOfForm, AsOfNotice, useAsOfDay } from './AsOf';
import { useBoundaries, useRegionRisk, type RegionRisk } from './queries';
import type { RiskRow } from './RiskTable';
import { RiskTable } from './RiskTable';
import { TrendText } from './Trend';
import './analyst.css';

// d3-geo and topojson-client come with the map, and only on this screen.
const RegionMap = lazy(() => import('./RegionMap').then((m) => ({ default: m.RegionMap })));

function rowsOf(region: RegionRisk): RiskRow[] {
  return region.municipalities.map((m) => ({
    code: m.municipality,
    name: m.name,
    level: m.level,
    score: m.score,
    trend: m.trend.direction,
    openEscalations: m.openEscalations,
    signals30: m.counts.d30.THREAT + m.counts.d30.BRIBERY + m.counts.d30.INFILTRATION,
  }));
}

export function RegionPage() {
  const { t } = useTranslation('analyst');
  const session = useSession();
  const reference = useReference();
  const riecRegion = session?.riecRegion;
  const asOfDay = useAsOfDay();
  const region = useRegionRisk(riecRegion, asOfDay.asOf);
  const boundaries = useBoundaries();
  const rows = useMemo(() => (region.data ? rowsOf(region.data) : []), [region.data]);
  const name = region.data?.name ?? (riecRegion ? reference.regionName(riecRegion) : '');
  const fieldError = asOfError(region.error);

  return (
    <section className="analyst-page">
      <PageTitle title={t('region.title', { region: name })}>
        {t('region.title', { region: name })}
      </PageTitle>
      <AsOfForm asOfDay={asOfDay} error={fieldError} />
      <AsOfNotice asOfDay={asOfDay} />
      {!riecRegion ? (
        <p className="alert alert--error">{t('region.noRegion')}</p>
      ) : region.isPending ? (
        <Loading />
      ) : region.isError ? (
        fieldError ? null : (
          <ErrorMessage error={region.error} />
        )
      ) : (
        <>
          <RegionSummary region={region.data} />
          <div className="analyst-region" aria-busy={region.isFetching}>
            <section aria-labelledby="analyst-map-heading" className="analyst-region__map">
              <h2 id="analyst-map-heading">{t('map.heading')}</h2>
              {boundaries.isPending ? (
                <Loading />
              ) : boundaries.isError ? (
                <ErrorMessage error={boundaries.error} />
              ) : (
                <Suspense fallback={<Loading />}>
                  <RegionMap
                    topology={boundaries.data}
                    municipalities={rows}
                    regionName={region.data.name}
                  />
                </Suspense>
              )}
            </section>
            <section aria-labelledby="analyst-table-heading" className="analyst-region__table">
              <h2 id="analyst-table-heading">{t('region.municipalities')}</h2>
              {rows.length === 0 ? (
                <p>{t('region.noMunicipalities')}</p>
              ) : (
                <RiskTable rows={rows} caption={t('table.caption', { region: region.data.name })} />
              )}
            </section>
          </div>
        </>
      )}
    </section>
  );
}

function RegionSummary({ region }: { region: RegionRisk }) {
  const { t } = useTranslation('analyst');
  const d30 = region.counts.d30;
  return (
    <section aria-labelledby="analyst-region-summary">
      <h2 id="analyst-region-summary" className="visually-hidden">
        {t('region.summary')}
      </h2>
      <div className="cards">
        <div className="card">
          <p className="card__label">{t('region.level')}</p>
          <p className="card__value">
            <LevelBadge level={region.level} />
          </p>
        </div>
        <div className="card">
          <p className="card__label">{t('picture.trend')}</p>
          <p className="card__value">
            <TrendText direction={region.trend.direction} />
          </p>
        </div>
        <div className="card">
          <p className="card__label">{t('region.signals30')}</p>
          <p className="card__value">
            {formatNumber(d30.THREAT + d30.BRIBERY + d30.INFILTRATION, 0)}
          </p>
        </div>
        <div className="card">
          <p className="card__label">{t('picture.openEscalations')}</p>
          <p className="card__value">
            {region.openEscalations > 0 ? (
              <Link to="/escalations">
                {formatNumber(region.openEscalations, 0)}{' '}
                <span className="visually-hidden">{t('region.openEscalationsLink')}</span>
              </Link>
            ) : (
              formatNumber(0, 0)
            )}
          </p>
        </div>
      </div>
      <p className="analyst-muted">
        {t('region.levelBasis')}{' '}
        {region.lastSignalAt
          ? t('region.lastSignal', { date: formatDateTime(region.lastSignalAt) })
          : t('region.noSignals')}
      </p>
    </section>
  );
}
