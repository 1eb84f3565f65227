// The fields of a signal, shared by the record and the amend form: what happened, who is
// involved, source and grading, police report and the burgemeester. Each control shows its
// field's error (from the form's checks or the API's 422) and can be reached from the summary.
import {
  CATEGORIES,
  CLASSIFICATIONS,
  INFORMATION_CREDIBILITIES,
  SEVERITIES,
  SIGNAL_LIMITS,
  SOURCE_RELIABILITIES,
  SOURCES,
  SUBJECT_KINDS,
  TARGET_ROLES,
  type Category,
  type Subcategory,
  type SubjectKind,
} from '@weerbaar/vocabulary';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n';
import { Field } from '../../ui/Field';
import { Checkbox, DelayedAnnouncement, fieldId, RadioGroup } from './FormParts';
import { classificationHint, classificationLabel } from './labels';
import { messageFor } from './problems';
import {
  newSubjectRow,
  subcategoriesOf,
  withCategory,
  type FieldProblem,
  type SignalFormValues,
  type SubjectRow,
} from './signal-form';

export function SignalFields({
  values,
  onChange,
  problems,
}: {
  values: SignalFormValues;
  onChange: (values: SignalFormValues) => void;
  problems: readonly FieldProblem[];
}) {
  const { t } = useTranslation('coordinator');
  const occurredAtIds = useId();
  const error = (field: string) => messageFor(problems, field);
  const set = <K extends keyof SignalFormValues>(key: K, value: SignalFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const subcategories = subcategoriesOf(values.category);
  const remaining = SIGNAL_LIMITS.descriptionMaxLength - values.description.length;
  const countText =
    remaining >= 0
      ? t('form.charactersLeft', {
          count: remaining,
          formatted: formatNumber(remaining, 0),
          max: formatNumber(SIGNAL_LIMITS.descriptionMaxLength, 0),
        })
      : t('form.charactersOver', { count: -remaining, formatted: formatNumber(-remaining, 0) });

  return (
    <>
      <h2>{t('form.sections.what')}</h2>
      <RadioGroup<Category>
        id={fieldId('category')}
        name="category"
        legend={t('fields.category')}
        required
        error={error('category')}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`common:categories.${c}`) }))}
        value={values.category}
        onChange={(category) => onChange(withCategory(values, category))}
      />
      <div id={fieldId('subcategory')}>
        <Field
          label={t('fields.subcategory')}
          hint={values.category === '' ? t('form.subcategoryFirst') : undefined}
          error={error('subcategory')}
          required
        >
          <select
            value={values.subcategory}
            required
            onChange={(event) => set('subcategory', event.target.value as Subcategory | '')}
          >
            <option value="">{t('form.choose')}</option>
            {subcategories.map((s) => (
              <option key={s} value={s}>
                {t(`common:vocabulary.subcategories.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div id={fieldId('targetRole')}>
        <Field
          label={t('fields.targetRole')}
          hint={t('form.targetRoleHint')}
          error={error('targetRole')}
          required
        >
          <select
            value={values.targetRole}
            required
            onChange={(event) =>
              set('targetRole', event.target.value as SignalFormValues['targetRole'])
            }
          >
            <option value="">{t('form.choose')}</option>
            {TARGET_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`common:vocabulary.targetRoles.${role}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset
        id={fieldId('occurredAt')}
        className={`date-time${error('occurredAt') ? ' field--error' : ''}`}
        aria-describedby={
          error('occurredAt')
            ? `${occurredAtIds}-hint ${occurredAtIds}-error`
            : `${occurredAtIds}-hint`
        }
      >
        <legend>
          {t('fields.occurredAt')}
          <span aria-hidden="true"> *</span>
        </legend>
        <p id={`${occurredAtIds}-hint`} className="field__hint">
          {t('form.occurredAtHint')}
        </p>
        {error('occurredAt') ? (
          <p id={`${occurredAtIds}-error`} className="field__error">
            {error('occurredAt')}
          </p>
        ) : null}
        <div className="date-time__controls">
          <Field label={t('form.date')}>
            <input
              type="date"
              value={values.occurredDate}
              required
              aria-invalid={error('occurredAt') ? true : undefined}
              onChange={(event) => set('occurredDate', event.target.value)}
            />
          </Field>
          <Field label={t('form.time')}>
            <input
              type="time"
              value={values.occurredTime}
              required
              aria-invalid={error('occurredAt') ? true : undefined}
              onChange={(event) => set('occurredTime', event.target.value)}
            />
          </Field>
        </div>
      </fieldset>
      <RadioGroup<string>
        id={fieldId('severity')}
        name="severity"
        legend={t('fields.severity')}
        hint={t('form.severityHint')}
        required
        error={error('severity')}
        className="choices--inline"
        options={SEVERITIES.map((s) => ({
          value: String(s),
          label: String(s),
          hint: t(`severity.${s}`),
        }))}
        value={values.severity}
        onChange={(severity) => set('severity', severity)}
      />
      <div id={fieldId('description')}>
        <Field
          label={t('fields.description')}
          hint={`${t('form.descriptionHint')} ${countText}`}
          error={error('description')}
          required
        >
          <textarea
            value={values.description}
            required
            rows={8}
            onChange={(event) => set('description', event.target.value)}
          />
        </Field>
        <DelayedAnnouncement message={values.description === '' ? '' : countText} />
      </div>

      <h2>{t('form.sections.subjects')}</h2>
      <SubjectRows
        rows={values.subjects}
        onChange={(subjects) => set('subjects', subjects)}
        problems={problems}
      />

      <h2>{t('form.sections.source')}</h2>
      <div id={fieldId('source')}>
        <Field label={t('fields.source')} error={error('source')} required>
          <select
            value={values.source}
            required
            onChange={(event) => set('source', event.target.value as SignalFormValues['source'])}
          >
            <option value="">{t('form.choose')}</option>
            {SOURCES.map((source) => (
              <option key={source} value={source}>
                {t(`common:vocabulary.sources.${source}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <RadioGroup
        id={fieldId('classification')}
        name="classification"
        legend={t('fields.classification')}
        hint={t('form.classificationHint')}
        error={error('classification')}
        options={CLASSIFICATIONS.map((c) => ({
          value: c,
          label: classificationLabel(t, c),
          hint: classificationHint(t, c),
        }))}
        value={values.classification}
        onChange={(classification) => set('classification', classification)}
      />
      <p className="field__hint grading-intro">{t('form.gradingHint')}</p>
      <div className="grading">
        <RadioGroup
          id={fieldId('sourceReliability')}
          name="sourceReliability"
          legend={t('fields.sourceReliability')}
          error={error('sourceReliability')}
          options={SOURCE_RELIABILITIES.map((r) => ({
            value: r,
            label: t(`common:vocabulary.reliability.${r}`),
          }))}
          value={values.sourceReliability}
          onChange={(reliability) => set('sourceReliability', reliability)}
        />
        <RadioGroup
          id={fieldId('informationCredibility')}
          name="informationCredibility"
          legend={t('fields.informationCredibility')}
          error={error('informationCredibility')}
          options={INFORMATION_CREDIBILITIES.map((c) => ({
            value: c,
            label: t(`common:vocabulary.credibility.${c}`),
          }))}
          value={values.informationCredibility}
          onChange={(credibility) => set('informationCredibility', credibility)}
        />
      </div>

      <h2>{t('form.sections.followUp')}</h2>
      <Checkbox
        id={fieldId('policeReportFiled')}
        label={t('fields.policeReportFiled')}
        error={error('policeReportFiled')}
        checked={values.policeReportFiled}
        onChange={(filed) => set('policeReportFiled', filed)}
      />
      {values.policeReportFiled || error('policeReportReference') ? (
        <div id={fieldId('policeReportReference')} className="conditional">
          <Field
            label={t('fields.policeReportReference')}
            hint={t('form.policeReportReferenceHint')}
            error={error('policeReportReference')}
          >
            <input
              type="text"
              value={values.policeReportReference}
              onChange={(event) => set('policeReportReference', event.target.value)}
            />
          </Field>
        </div>
      ) : null}
      <Checkbox
        id={fieldId('withholdFromMayor')}
        label={t('fields.withholdFromMayor')}
        hint={t('form.withholdHint')}
        error={error('withholdFromMayor')}
        checked={values.withholdFromMayor}
        onChange={(withhold) => set('withholdFromMayor', withhold)}
      />
      {values.withholdFromMayor || error('withholdReason') ? (
        <div id={fieldId('withholdReason')} className="conditional">
          <Field
            label={t('fields.withholdReason')}
            hint={t('form.withholdReasonHint')}
            error={error('withholdReason')}
            required
          >
            <textarea
              value={values.withholdReason}
              required
              rows={3}
              onChange={(event) => set('withholdReason', event.target.value)}
            />
          </Field>
        </div>
      ) : null}
    </>
  );
}

function SubjectRows({
  rows,
  onChange,
  problems,
}: {
  rows: SubjectRow[];
  onChange: (rows: SubjectRow[]) => void;
  problems: readonly FieldProblem[];
}) {
  const { t } = useTranslation('coordinator');
  const addRef = useRef<HTMLButtonElement>(null);
  const error = (field: string) => messageFor(problems, field);
  const full = rows.length >= SIGNAL_LIMITS.maxSubjects;
  const update = (index: number, change: Partial<SubjectRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const add = () => {
    onChange([...rows, newSubjectRow()]);
    // The new row's first control, once it is there.
    window.setTimeout(() => {
      document
        .getElementById(fieldId(`subjects[${rows.length}]`))
        ?.querySelector<HTMLElement>('select')
        ?.focus();
    });
  };
  const remove = (index: number) => {
    onChange(rows.filter((_, i) => i !== index));
    window.setTimeout(() => addRef.current?.focus());
  };

  return (
    <div id={fieldId('subjects')} className={error('subjects') ? 'field--error' : undefined}>
      <p className="field__hint">{t('form.subjectsHint', { max: SIGNAL_LIMITS.maxSubjects })}</p>
      {error('subjects') ? <p className="field__error">{error('subjects')}</p> : null}
      {rows.map((row, i) => {
        const path = `subjects[${i}]`;
        return (
          <fieldset
            key={row.key}
            id={fieldId(path)}
            className={`subject${error(path) ? ' field--error' : ''}`}
          >
            <legend>{t('fields.subjectN', { n: i + 1 })}</legend>
            {error(path) ? <p className="field__error">{error(path)}</p> : null}
            <div className="subject__controls">
              <div id={fieldId(`${path}.kind`)}>
                <Field label={t('fields.subject.kind')} error={error(`${path}.kind`)} required>
                  <select
                    value={row.kind}
                    required
                    onChange={(event) => update(i, { kind: event.target.value as SubjectKind })}
                  >
                    <option value="">{t('form.choose')}</option>
                    {SUBJECT_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`common:vocabulary.subjectKinds.${kind}`)}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <div id={fieldId(`${path}.identifier`)}>
                <Field
                  label={t('fields.subject.identifier')}
                  hint={t('form.identifierHint')}
                  error={error(`${path}.identifier`)}
                  required
                >
                  <input
                    type="text"
                    value={row.identifier}
                    required
                    autoComplete="off"
                    onChange={(event) => update(i, { identifier: event.target.value })}
                  />
                </Field>
              </div>
              <div id={fieldId(`${path}.displayName`)}>
                <Field
                  label={t('fields.subject.displayName')}
                  hint={t('form.displayNameHint')}
                  error={error(`${path}.displayName`)}
                >
                  <input
                    type="text"
                    value={row.displayName}
                    autoComplete="off"
                    onChange={(event) => update(i, { displayName: event.target.value })}
                  />
                </Field>
              </div>
            </div>
            <button type="button" className="button button--secondary" onClick={() => remove(i)}>
              {t('form.removeSubject', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      {rows.length === 0 ? <p>{t('form.noSubjects')}</p> : null}
      <button
        ref={addRef}
        type="button"
        className="button button--secondary"
        onClick={add}
        disabled={full}
      >
        {t('form.addSubject')}
      </button>
      {full ? <p className="field__hint">{t('form.subjectsFull')}</p> : null}
    </div>
  );
}
