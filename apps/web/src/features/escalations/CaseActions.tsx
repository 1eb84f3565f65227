// The analyst's work on a case: acknowledge, assign, annotate, close with a disposition, and
// snooze the rule for the municipality. Each form shows the API's errors at its fields and,
// once done, refreshes the case, the inbox and the rule statistics.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNAL_LIMITS } from '@weerbaar/vocabulary';
import { api, unwrap } from '../../api/client';
import { useReference } from '../../app/reference';
import { useSession } from '../../auth/session';
import { formatDate } from '../../i18n';
import { Field } from '../../ui/Field';
import { addDays, isDate, startOfDay, todayInAmsterdam } from './dates';
import {
  escalationKeys,
  OUTCOMES,
  ruleKeys,
  type EscalationDetail,
  type Outcome,
  type RuleId,
} from './escalations.api';
import { fieldError, FormProblem } from './FormProblem';
import { useEscalationLabels } from './labels';

/** The API's limits (ESCALATION_LIMITS, SnoozeRequest); it judges, these only guide typing. */
const LIMITS = { assignee: 200, note: 10_000, closingNote: 2_000, snoozeDays: 180 };

type Announce = (message: string) => void;

function useCaseCommand<T>(escalationId: string, command: (body: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: command,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: escalationKeys.all }),
        queryClient.invalidateQueries({ queryKey: ruleKeys.stats }),
      ]);
    },
  });
}

export function CaseActions({
  escalation,
  onDone,
}: {
  escalation: EscalationDetail;
  onDone: Announce;
}) {
  const { t } = useTranslation('escalations');
  const open = escalation.status !== 'CLOSED';
  return (
    <section aria-labelledby="case-actions" className="case-actions">
      <h2 id="case-actions">{t('actions.title')}</h2>
      {open ? null : <p>{t('actions.closed')}</p>}
      {escalation.status === 'OPEN' ? (
        <AcknowledgeAction escalationId={escalation.escalationId} onDone={onDone} />
      ) : null}
      {open ? (
        <AssignAction
          escalationId={escalation.escalationId}
          current={escalation.assignee ?? null}
          onDone={onDone}
        />
      ) : null}
      <NoteAction escalationId={escalation.escalationId} onDone={onDone} />
      {open ? <CloseAction escalationId={escalation.escalationId} onDone={onDone} /> : null}
      <SnoozeAction escalation={escalation} onDone={onDone} />
    </section>
  );
}

function AcknowledgeAction({ escalationId, onDone }: { escalationId: string; onDone: Announce }) {
  const { t } = useTranslation('escalations');
  const mutation = useCaseCommand(escalationId, () =>
    unwrap(
      api.POST('/api/v1/escalations/{escalationId}/acknowledge', {
        params: { path: { escalationId } },
      }),
    ),
  );
  return (
    <div className="case-action">
      <h3>{t('actions.acknowledge.title')}</h3>
      <p className="field__hint">{t('actions.acknowledge.hint')}</p>
      <FormProblem error={mutation.error} shown={() => false} />
      <button
        type="button"
        className="button"
        disabled={mutation.isPending}
        onClick={() =>
          mutation.mutate(undefined, { onSuccess: () => onDone(t('actions.acknowledge.done')) })
        }
      >
        {t('actions.acknowledge.submit')}
      </button>
    </div>
  );
}

function AssignAction({
  escalationId,
  current,
  onDone,
}: {
  escalationId: string;
  current: string | null;
  onDone: Announce;
}) {
  const { t } = useTranslation('escalations');
  const session = useSession();
  const [assignee, setAssignee] = useState('');
  const mutation = useCaseCommand(escalationId, (body: { assignee: string }) =>
    unwrap(
      api.POST('/api/v1/escalations/{escalationId}/assign', {
        params: { path: { escalationId } },
        body,
      }),
    ),
  );
  const assign = (to: string) =>
    mutation.mutate(
      { assignee: to },
      {
        onSuccess: () => {
          setAssignee('');
          onDone(t('actions.assign.done', { assignee: to.trim() }));
        },
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    assign(assignee);
  };
  const mine = session !== null && current === session.sub;
  return (
    <form className="case-action" onSubmit={submit} noValidate aria-labelledby="assign-title">
      <h3 id="assign-title">{t('actions.assign.title')}</h3>
      <FormProblem error={mutation.error} shown={(f) => f === 'assignee'} />
      {session && !mine ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={mutation.isPending}
            onClick={() => assign(session.sub)}
          >
            {t('actions.assign.toMe')}
          </button>
        </p>
      ) : null}
      <Field
        label={t('actions.assign.assignee')}
        hint={t('actions.assign.hint')}
        error={fieldError(mutation.error, 'assignee')}
        required
      >
        <input
          type="text"
          value={assignee}
          maxLength={LIMITS.assignee}
          autoComplete="off"
          required
          onChange={(e) => setAssignee(e.target.value)}
        />
      </Field>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t('actions.assign.submit')}
      </button>
    </form>
  );
}

function NoteAction({ escalationId, onDone }: { escalationId: string; onDone: Announce }) {
  const { t } = useTranslation('escalations');
  const [text, setText] = useState('');
  const mutation = useCaseCommand(escalationId, (body: { text: string }) =>
    unwrap(
      api.POST('/api/v1/escalations/{escalationId}/notes', {
        params: { path: { escalationId } },
        body,
      }),
    ),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      { text },
      {
        onSuccess: () => {
          setText('');
          onDone(t('actions.note.done'));
        },
      },
    );
  };
  return (
    <form className="case-action" onSubmit={submit} noValidate aria-labelledby="note-title">
      <h3 id="note-title">{t('actions.note.title')}</h3>
      <FormProblem error={mutation.error} shown={(f) => f === 'text'} />
      <Field
        label={t('actions.note.text')}
        hint={t('actions.note.hint')}
        error={fieldError(mutation.error, 'text')}
        required
      >
        <textarea
          value={text}
          maxLength={LIMITS.note}
          required
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t('actions.note.submit')}
      </button>
    </form>
  );
}

export function CloseAction({ escalationId, onDone }: { escalationId: string; onDone: Announce }) {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [note, setNote] = useState('');
  const mutation = useCaseCommand(escalationId, (body: { outcome: Outcome | ''; note: string }) =>
    unwrap(
      api.POST('/api/v1/escalations/{escalationId}/close', {
        params: { path: { escalationId } },
        // No choice made: the API says that the outcome is required, at the field.
        body: body as { outcome: Outcome; note: string },
      }),
    ),
  );
  const outcomeError = fieldError(mutation.error, 'outcome');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      { outcome, note },
      { onSuccess: () => onDone(t('actions.close.done', { outcome: labels.outcome(outcome) })) },
    );
  };
  return (
    <form className="case-action" onSubmit={submit} noValidate aria-labelledby="close-title">
      <h3 id="close-title">{t('actions.close.title')}</h3>
      <FormProblem error={mutation.error} shown={(f) => f === 'outcome' || f === 'note'} />
      <fieldset
        className={outcomeError ? 'field--error' : undefined}
        aria-describedby={outcomeError ? `${id}-outcome-error` : undefined}
      >
        <legend>
          {t('actions.close.outcome')}
          <span aria-hidden="true"> *</span>
        </legend>
        {outcomeError ? (
          <p id={`${id}-outcome-error`} className="field__error">
            {outcomeError}
          </p>
        ) : null}
        {OUTCOMES.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${id}-outcome`}
              value={value}
              checked={outcome === value}
              required
              aria-invalid={outcomeError ? true : undefined}
              onChange={() => setOutcome(value)}
            />
            <span>
              {labels.outcome(value)}
              <span className="choice__hint"> — {t(`outcomeHint.${value}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field
        label={t('actions.close.note')}
        hint={t('actions.close.noteHint')}
        error={fieldError(mutation.error, 'note')}
        required
      >
        <textarea
          value={note}
          maxLength={LIMITS.closingNote}
          required
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t('actions.close.submit')}
      </button>
    </form>
  );
}

function SnoozeAction({ escalation, onDone }: { escalation: EscalationDetail; onDone: Announce }) {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  const reference = useReference();
  const today = todayInAmsterdam();
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (body: { until: string; reason: string }) =>
      unwrap(
        api.POST('/api/v1/escalations/snoozes', {
          body: {
            // The case's own rule, which the API named itself.
            ruleId: escalation.ruleId as RuleId,
            municipality: escalation.municipality,
            // A day that is not a date goes as typed: the API says what is wrong with it.
            until: isDate(body.until) ? startOfDay(body.until) : body.until,
            reason: body.reason,
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['escalations', 'snoozes'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      { until, reason },
      {
        onSuccess: (snooze) => {
          setUntil('');
          setReason('');
          onDone(
            t('actions.snooze.done', {
              rule: labels.rule(snooze.ruleId),
              municipality: reference.municipalityName(snooze.municipality ?? ''),
              until: formatDate(snooze.until),
            }),
          );
        },
      },
    );
  };
  return (
    <form className="case-action" onSubmit={submit} noValidate aria-labelledby="snooze-title">
      <h3 id="snooze-title">{t('actions.snooze.title')}</h3>
      <p className="field__hint">
        {t('actions.snooze.hint', {
          rule: labels.rule(escalation.ruleId),
          municipality: reference.municipalityName(escalation.municipality),
        })}
      </p>
      <FormProblem error={mutation.error} shown={(f) => f === 'until' || f === 'reason'} />
      <Field
        label={t('actions.snooze.until')}
        hint={t('actions.snooze.untilHint', { days: LIMITS.snoozeDays })}
        error={fieldError(mutation.error, 'until')}
        required
      >
        <input
          type="date"
          value={until}
          min={addDays(today, 1)}
          max={addDays(today, LIMITS.snoozeDays)}
          required
          onChange={(e) => setUntil(e.target.value)}
        />
      </Field>
      <Field
        label={t('actions.snooze.reason')}
        hint={t('actions.snooze.reasonHint')}
        error={fieldError(mutation.error, 'reason')}
        required
      >
        <textarea
          value={reason}
          maxLength={SIGNAL_LIMITS.reasonMaxLength}
          required
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t('actions.snooze.submit')}
      </button>
    </form>
  );
}
