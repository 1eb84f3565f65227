// /subjects/:fingerprint: where one subject appears, known only by its fingerprint: the
// municipalities and signals of the analyst's region, and elsewhere only how many signals per
// region. Never who or what the subject is.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { NotFoundPage } from '../../app/HomeRedirect';
import { useReference } from '../../app/reference';
import { formatDateTime, formatNumber } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { PageTitle } from '../../ui/PageTitle';
import { municipalityPath, REGION_PATH } from './paths';
import { useSubject } from './queries';
import { shortFingerprint } from './SubjectLink';
import './analyst.css';

export function SubjectPage() {
  const { fingerprint = '' } = useParams();
  const { t } = useTranslation('analyst');
  const reference = useReference();
  const subject = useSubject(fingerprint);

  if (subject.error instanceof ApiError && subject.error.status === 404) {
    return <NotFoundPage />;
  }
  const title = t('subject.title', { fingerprint: shortFingerprint(fingerprint) });
  return (
    <section className="analyst-page">
      <p className="analyst-back">
        <Link to={REGION_PATH}>{t('picture.backToRegion')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p>{t('subject.intro')}</p>
      <dl className="facts">
        <dt>{t('subject.fingerprint')}</dt>
        <dd>
          <code className="analyst-fingerprint">{fingerprint}</code>
        </dd>
      </dl>
      {subject.isPending ? (
        <Loading />
      ) : subject.isError ? (
        <ErrorMessage error={subject.error} />
      ) : (
        <>
          <section aria-labelledby="analyst-subject-municipalities">
            <h2 id="analyst-subject-municipalities">{t('subject.municipalities')}</h2>
            <ul>
              {subject.data.municipalities.map((code) => (
                <li key={code}>
                  <Link to={municipalityPath(code)}>{reference.municipalityName(code)}</Link>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="analyst-subject-signals">
            <h2 id="analyst-subject-signals">{t('subject.signals')}</h2>
            <table>
              <caption>
                {t('subject.signalsCaption', { count: subject.data.signals.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('subject.occurredAt')}</th>
                  <th scope="col">{t('subject.municipality')}</th>
                  <th scope="col">{t('subject.category')}</th>
                  <th scope="col">{t('subject.kind')}</th>
                  <th scope="col">{t('subject.status')}</th>
                  <th scope="col">{t('subject.signal')}</th>
                </tr>
              </thead>
              <tbody>
                {subject.data.signals.map((signal) => (
                  <tr key={signal.signalId}>
                    <th scope="row">{formatDateTime(signal.occurredAt)}</th>
                    <td>
                      <Link to={municipalityPath(signal.municipality)}>
                        {reference.municipalityName(signal.municipality)}
                      </Link>
                    </td>
                    <td>{t(`common:categories.${signal.category}`)}</td>
                    <td>{t(`common:vocabulary.subjectKinds.${signal.kind}`)}</td>
                    <td>{t(`common:vocabulary.statuses.${signal.status}`)}</td>
                    <td>
                      <code title={signal.signalId}>{signal.signalId.slice(0, 8)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="analyst-subject-elsewhere">
            <h2 id="analyst-subject-elsewhere">{t('subject.elsewhere')}</h2>
            {subject.data.otherRegions.length === 0 ? (
              <p>{t('subject.nowhereElse')}</p>
            ) : (
              <>
                <p>{t('subject.elsewhereHint')}</p>
                <ul>
                  {subject.data.otherRegions.map((other) => (
                    <li key={other.riecRegion}>
                      {t('subject.elsewhereItem', {
                        region: reference.regionName(other.riecRegion),
                        count: other.signals,
                        signals: formatNumber(other.signals, 0),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </section>
  );
}
