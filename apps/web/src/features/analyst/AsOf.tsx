// The as-of control of the risk screens: a day in the address (?asOf=2026-11-20, so a past
// picture can be shared and the back button returns to the previous one), sent to the API as
// the last moment of that day in Amsterdam, with a clear notice that the picture is a past one.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { formatDate } from '../../i18n';
import { Field } from '../../ui/Field';
import { amsterdamToday, dayAsDate, endOfAmsterdamDay, isDay } from './days';

export interface AsOfDay {
  /** The chosen day, if any. */
  day: string | undefined;
  /** What to send as `asOf`: undefined for the live picture (no day, or today). */
  asOf: string | undefined;
  /** A day before today: the screen shows a past picture. */
  past: boolean;
  /** The last day whose pictures (and time series) are shown. */
  lastDay: string;
  setDay(day: string | undefined): void;
}

export function useAsOfDay(): AsOfDay {
  const [params, setParams] = useSearchParams();
  const raw = params.get('asOf');
  const day = isDay(raw) ? raw : undefined;
  const today = amsterdamToday();
  return {
    day,
    // The end of today lies ahead, and the API does not know the future: today is now. A later
    // day is sent as it is, and the API's answer says why it cannot be shown.
    asOf: day !== undefined && day !== today ? endOfAmsterdamDay(day) : undefined,
    past: day !== undefined && day < today,
    lastDay: day !== undefined && day < today ? day : today,
    setDay(next) {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next === undefined || next === today) updated.delete('asOf');
          else updated.set('asOf', next);
          return updated;
        },
        { preventScrollReset: true },
      );
    },
  };
}

/** The API's message for `asOf`, if its answer was about the chosen moment. */
export function asOfError(error: unknown): string | undefined {
  return error instanceof ApiError ? error.fieldError('asOf') : undefined;
}

export function AsOfForm({ asOfDay, error }: { asOfDay: AsOfDay; error?: string }) {
  // A new day in the address (the back button) starts a fresh draft.
  return <AsOfDraft key={asOfDay.day ?? 'now'} asOfDay={asOfDay} error={error} />;
}

function AsOfDraft({ asOfDay, error }: { asOfDay: AsOfDay; error?: string }) {
  const { t } = useTranslation('analyst');
  const [draft, setDraft] = useState(asOfDay.day ?? '');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('asOf');
    // A half-typed date reads as '' in the input's value; it is not a wish for "now".
    if (input instanceof HTMLInputElement && input.validity.badInput) {
      setInvalid(true);
    } else if (draft === '') {
      setInvalid(false);
      asOfDay.setDay(undefined);
    } else if (isDay(draft)) {
      setInvalid(false);
      asOfDay.setDay(draft);
    } else {
      setInvalid(true);
    }
  };
  return (
    <form className="analyst-as-of" onSubmit={submit} noValidate>
      <Field
        label={t('asOf.label')}
        hint={t('asOf.hint')}
        error={invalid ? t('asOf.invalid') : error}
      >
        <input
          type="date"
          name="asOf"
          value={draft}
          max={amsterdamToday()}
          onChange={(event) => setDraft(event.target.value)}
        />
      </Field>
      <div className="button-row">
        <button type="submit" className="button button--secondary">
          {t('asOf.show')}
        </button>
        {asOfDay.day !== undefined ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => asOfDay.setDay(undefined)}
          >
            {t('asOf.now')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Says, and keeps saying, which picture is on screen; announced when it changes. */
export function AsOfNotice({ asOfDay }: { asOfDay: AsOfDay }) {
  const { t } = useTranslation('analyst');
  return (
    <div role="status">
      {asOfDay.past && asOfDay.day ? (
        <p className="alert analyst-past">
          <strong>{t('asOf.pastTitle')}</strong>{' '}
          {t('asOf.pastBody', { date: formatDate(dayAsDate(asOfDay.day)) })}
        </p>
      ) : null}
    </div>
  );
}
