// /signals/:signalId/edit: correct a signal, with a reason, at the revision that was read
// (If-Match). Only the fields that changed are sent. When someone else changed the signal in the
// meantime (409), the page says so, shows the newer version's values beside the person's own
// changes, and lets them apply their changes again to the newer version.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { invalidateAfterCommand, refetchSignal, type SignalWithEtag } from './api';
import { ErrorSummary, fieldId, StatusMessage } from './FormParts';
import { fieldLabel, fieldValueText } from './labels';
import { apiFieldProblems, isFieldError } from './problems';
import { SignalFields } from './SignalFields';
import {
  changedFields,
  checkReason,
  checkSignalForm,
  formFromSignal,
  reapplyChanges,
  toAmendBody,
  type AmendSignalBody,
  type FieldProblem,
  type Signal,
  type SignalField,
  type SignalFormValues,
} from './signal-form';
import { SignalToEdit } from './SignalToEdit';
import './coordinator.css';

export function AmendSignalPage() {
  const { t } = useTranslation('coordinator');
  // The form starts from the version that was read, and keeps it while the person edits (a
  // refetch after a conflict does not replace it).
  return (
    <SignalToEdit title={t('amend.title')}>
      {(signalId, signal) => <AmendForm signalId={signalId} initial={signal} />}
    </SignalToEdit>
  );
}

function AlreadyRetracted({ signalId }: { signalId: string }) {
  const { t } = useTranslation('coordinator');
  const title = t('amend.title');
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="alert">{t('amend.retracted')}</p>
      <p>
        <Link to={`/signals/${signalId}`}>{t('amend.backToSignal')}</Link>
      </p>
    </section>
  );
}

interface Version {
  values: SignalFormValues;
  etag: string;
  revision: number;
}

const versionOf = ({ data, etag }: SignalWithEtag): Version => ({
  values: formFromSignal(data),
  etag: etag ?? `"${data.revision}"`,
  revision: data.revision,
});

interface Conflict {
  newer: Signal;
  version: Version;
}

function AmendForm({ signalId, initial }: { signalId: string; initial: SignalWithEtag }) {
  const { t } = useTranslation('coordinator');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [startedRetracted] = useState(initial.data.status === 'RETRACTED');
  const [base, setBase] = useState<Version>(() => versionOf(initial));
  const [values, setValues] = useState<SignalFormValues>(base.values);
  const [reason, setReason] = useState('');
  const [checks, setChecks] = useState<FieldProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [loadingNewer, setLoadingNewer] = useState(false);
  const [newerError, setNewerError] = useState<unknown>(null);
  const [notice, setNotice] = useState<'reapplied' | 'discarded' | null>(null);

  const mutation = useMutation({
    mutationFn: ({ body, etag }: { body: AmendSignalBody; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/signals/{signalId}', {
          params: { path: { signalId }, header: { 'If-Match': etag } },
          body,
        }),
      ),
    onSuccess: async () => {
      await invalidateAfterCommand(queryClient);
      await navigate(`/signals/${signalId}`, { state: { notice: 'amended' } });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setLoadingNewer(true);
        try {
          const latest = await refetchSignal(queryClient, signalId);
          setConflict({ newer: latest.data, version: versionOf(latest) });
          setNewerError(null);
        } catch (failure) {
          setNewerError(failure);
        } finally {
          setLoadingNewer(false);
        }
        return;
      }
      setAttempt((n) => n + 1);
    },
  });

  const problems = checks.length > 0 ? checks : apiFieldProblems(mutation.error, t);
  const labelOf = (field: string) => fieldLabel(field, t);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const found = [...checkSignalForm(values, t), ...checkReason(reason, t)];
    if (found.length === 0 && changedFields(base.values, values).length === 0) {
      found.push({ field: '', message: t('amend.nothingChanged') });
    }
    setChecks(found);
    if (found.length > 0) {
      mutation.reset();
      setAttempt((n) => n + 1);
      return;
    }
    mutation.mutate({ body: toAmendBody(base.values, values, reason), etag: base.etag });
  };

  const resolve = (how: 'reapplied' | 'discarded') => {
    if (!conflict) return;
    setValues(
      how === 'reapplied'
        ? reapplyChanges(base.values, values, conflict.version.values)
        : conflict.version.values,
    );
    setBase(conflict.version);
    setConflict(null);
    setChecks([]);
    mutation.reset();
    setNotice(how);
  };

  if (startedRetracted) return <AlreadyRetracted signalId={signalId} />;

  const error = mutation.error;
  const stale = error instanceof ApiError && error.status === 409;
  const title = t('amend.title');

  return (
    <section className="signal-form">
      <p className="back-link">
        <Link to={`/signals/${signalId}`}>{t('amend.backToSignal')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p>{t('amend.intro', { revision: base.revision })}</p>
      <p className="field__hint required-note">{t('form.requiredNote')}</p>
      {notice ? <StatusMessage tone="info">{t(`amend.${notice}`)}</StatusMessage> : null}
      <ErrorSummary problems={problems} attempt={attempt} labelOf={labelOf} />
      {stale ? (
        <StaleEdit
          conflict={conflict}
          loading={loadingNewer}
          error={newerError}
          base={base}
          values={values}
          onResolve={resolve}
          signalId={signalId}
        />
      ) : !isFieldError(error) ? (
        <ErrorMessage error={error} />
      ) : null}
      <form onSubmit={submit} noValidate>
        <SignalFields values={values} onChange={setValues} problems={problems} />
        <h2>{t('amend.reasonSection')}</h2>
        <div id={fieldId('reason')}>
          <Field
            label={t('fields.reason')}
            hint={t('amend.reasonHint')}
            error={problems.find((p) => p.field === 'reason')?.message}
            required
          >
            <textarea
              value={reason}
              rows={3}
              required
              onChange={(event) => setReason(event.target.value)}
            />
          </Field>
        </div>
        <div className="button-row">
          <button
            type="submit"
            className="button"
            disabled={mutation.isPending || conflict !== null || loadingNewer}
          >
            {mutation.isPending ? t('amend.sending') : t('amend.submit')}
          </button>
          <Link to={`/signals/${signalId}`} className="button button--secondary">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

/** The 409: who changed what, the newer values beside the person's own, and how to go on. */
function StaleEdit({
  conflict,
  loading,
  error,
  base,
  values,
  onResolve,
  signalId,
}: {
  conflict: Conflict | null;
  loading: boolean;
  error: unknown;
  base: Version;
  values: SignalFormValues;
  onResolve: (how: 'reapplied' | 'discarded') => void;
  signalId: string;
}) {
  const { t } = useTranslation('coordinator');
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, [conflict]);

  const mine = changedFields(base.values, values);
  const theirs = conflict ? changedFields(base.values, conflict.version.values) : [];
  const rows: SignalField[] = [...new Set([...theirs, ...mine])];
  const retracted = conflict?.newer.status === 'RETRACTED';

  return (
    <div
      ref={ref}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="alert alert--error conflict"
    >
      <h2 id={headingId}>{t('conflict.title')}</h2>
      {loading ? <Loading /> : null}
      <ErrorMessage error={error} />
      {conflict && retracted ? (
        <>
          <p>{t('conflict.retracted')}</p>
          <p>
            <Link to={`/signals/${signalId}`}>{t('amend.backToSignal')}</Link>
          </p>
        </>
      ) : null}
      {conflict && !retracted ? (
        <>
          <p>
            {t('conflict.body', {
              yours: base.revision,
              current: conflict.version.revision,
            })}
          </p>
          <table>
            <caption>{t('conflict.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('conflict.field')}</th>
                <th scope="col">{t('conflict.newer')}</th>
                <th scope="col">{t('conflict.yours')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((field) => (
                <tr key={field}>
                  <th scope="row">{fieldLabel(field, t)}</th>
                  <td>
                    {fieldValueText(conflict.version.values, field, t)}
                    {theirs.includes(field) ? (
                      <span className="tag">{t('conflict.changedByOther')}</span>
                    ) : null}
                  </td>
                  <td>
                    {mine.includes(field)
                      ? fieldValueText(values, field, t)
                      : t('conflict.notChangedByYou')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="button-row">
            <button type="button" className="button" onClick={() => onResolve('reapplied')}>
              {t('conflict.reapply')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onResolve('discarded')}
            >
              {t('conflict.discard')}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
