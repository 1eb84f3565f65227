// Names of a signal's fields and how their values read, for the form, the error summary, the
// history and the comparison of a stale edit.
import { formatDateTime } from '../../i18n';
import {
  apiValueOf,
  SIGNAL_FIELDS,
  type SignalField,
  type SignalFormValues,
  type Translate,
} from './signal-form';

type T = Translate;

const SUBJECT_PATH = /^subjects\[(\d+)\](?:\.(kind|identifier|displayName))?$/;

/** The label of a field by its API path; undefined for one the form does not show. */
export function fieldLabel(field: string, t: T): string | undefined {
  const subject = SUBJECT_PATH.exec(field);
  if (subject) {
    const n = Number(subject[1]) + 1;
    return subject[2]
      ? t('fields.subjectPart', { n, part: t(`fields.subject.${subject[2]}`) })
      : t('fields.subjectN', { n });
  }
  if ((SIGNAL_FIELDS as readonly string[]).includes(field) || field === 'reason') {
    return t(`fields.${field}`);
  }
  return undefined;
}

const yesNo = (value: boolean, t: T) => (value ? t('show.yes') : t('show.no'));

/** A field's value as words, from the form's values (for the comparison of a stale edit). */
export function fieldValueText(values: SignalFormValues, field: SignalField, t: T): string {
  const value = apiValueOf(values, field);
  const none = t('show.none');
  switch (field) {
    case 'category':
      return values.category ? t(`common:categories.${values.category}`) : none;
    case 'subcategory':
      return values.subcategory ? t(`common:vocabulary.subcategories.${values.subcategory}`) : none;
    case 'targetRole':
      return values.targetRole ? t(`common:vocabulary.targetRoles.${values.targetRole}`) : none;
    case 'occurredAt':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? formatDateTime(value)
        : none;
    case 'severity':
      return values.severity ? t('common:vocabulary.severity', { value: values.severity }) : none;
    case 'description':
      return values.description.trim() || none;
    case 'subjects':
      return values.subjects.length === 0
        ? t('show.noSubjects')
        : values.subjects
            .map((s) =>
              [
                s.kind ? t(`common:vocabulary.subjectKinds.${s.kind}`) : '',
                s.identifier.trim(),
                s.displayName.trim() ? `(${s.displayName.trim()})` : '',
              ]
                .filter(Boolean)
                .join(' '),
            )
            .join('; ');
    case 'source':
      return values.source ? t(`common:vocabulary.sources.${values.source}`) : none;
    case 'classification':
      return classificationLabel(t, values.classification);
    case 'sourceReliability':
      return t(`common:vocabulary.reliability.${values.sourceReliability}`);
    case 'informationCredibility':
      return t(`common:vocabulary.credibility.${values.informationCredibility}`);
    case 'policeReportFiled':
      return yesNo(values.policeReportFiled, t);
    case 'withholdFromMayor':
      return yesNo(values.withholdFromMayor, t);
    case 'policeReportReference':
    case 'withholdReason':
      return typeof value === 'string' ? value : none;
  }
}

/**
 * The TLP labels and hints of common.json have keys with a colon (`TLP:RED`), which i18next
 * would read as a namespace separator: they are looked up with the namespace as an option.
 */
export const classificationLabel = (t: Translate, classification: string): string =>
  t(`vocabulary.classifications.${classification}`, { ns: 'common', nsSeparator: false });

export const classificationHint = (t: Translate, classification: string): string =>
  t(`vocabulary.classificationHints.${classification}`, { ns: 'common', nsSeparator: false });
