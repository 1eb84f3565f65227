// The values of the signal form (record and amend) as the person fills them in, and how they
// become the API's bodies: the record body, and an amendment of only the fields that changed.
// The API decides what is valid; the checks here only catch what is missing before a round trip.
import {
  CATEGORIES,
  SIGNAL_LIMITS,
  SUBCATEGORIES,
  isSubcategoryOf,
  type Category,
  type Classification,
  type InformationCredibility,
  type Source,
  type SourceReliability,
  type Subcategory,
  type SubjectKind,
  type TargetRole,
} from '@weerbaar/vocabulary';
import type { components } from '../../api/schema';
import { formatNumber } from '../../i18n';
import { amsterdamToIso, isoToAmsterdam } from './datetime';

export type Signal = components['schemas']['SignalResponseDto'];
export type RecordSignalBody = components['schemas']['RecordSignalRequestDto'];
export type AmendSignalBody = components['schemas']['AmendSignalRequestDto'];

export interface SubjectRow {
  /** Keeps React's rows apart when one is removed; never sent. */
  key: string;
  kind: SubjectKind | '';
  identifier: string;
  displayName: string;
}

export interface SignalFormValues {
  category: Category | '';
  subcategory: Subcategory | '';
  targetRole: TargetRole | '';
  occurredDate: string;
  occurredTime: string;
  severity: string;
  description: string;
  subjects: SubjectRow[];
  source: Source | '';
  classification: Classification;
  sourceReliability: SourceReliability;
  informationCredibility: InformationCredibility;
  policeReportFiled: boolean;
  policeReportReference: string;
  withholdFromMayor: boolean;
  withholdReason: string;
}

/** The fields of a signal as the API names them, in the order of the form. */
export const SIGNAL_FIELDS = [
  'category',
  'subcategory',
  'targetRole',
  'occurredAt',
  'severity',
  'description',
  'subjects',
  'source',
  'classification',
  'sourceReliability',
  'informationCredibility',
  'policeReportFiled',
  'policeReportReference',
  'withholdFromMayor',
  'withholdReason',
] as const;
export type SignalField = (typeof SIGNAL_FIELDS)[number];

/** Which form values make up each API field (to carry a change over to a newer version). */
const FORM_KEYS: Record<SignalField, readonly (keyof SignalFormValues)[]> = {
  category: ['category'],
  subcategory: ['subcategory'],
  targetRole: ['targetRole'],
  occurredAt: ['occurredDate', 'occurredTime'],
  severity: ['severity'],
  description: ['description'],
  subjects: ['subjects'],
  source: ['source'],
  classification: ['classification'],
  sourceReliability: ['sourceReliability'],
  informationCredibility: ['informationCredibility'],
  policeReportFiled: ['policeReportFiled'],
  policeReportReference: ['policeReportReference'],
  withholdFromMayor: ['withholdFromMayor'],
  withholdReason: ['withholdReason'],
};

/**
 * A new signal id (UUID v4). crypto.randomUUID exists only in secure contexts (HTTPS,
 * localhost); an embedded platform reached over plain HTTP in a LAN still gets one.
 */
export function newSignalId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let rowCounter = 0;
export function newSubjectRow(subject?: Partial<Omit<SubjectRow, 'key'>>): SubjectRow {
  rowCounter += 1;
  return {
    key: `subject-${rowCounter}`,
    kind: subject?.kind ?? '',
    identifier: subject?.identifier ?? '',
    displayName: subject?.displayName ?? '',
  };
}

/** A new signal: nothing chosen, but the API's own defaults for classification and grading. */
export function emptySignalForm(): SignalFormValues {
  return {
    category: '',
    subcategory: '',
    targetRole: '',
    occurredDate: '',
    occurredTime: '',
    severity: '',
    description: '',
    subjects: [],
    source: '',
    classification: 'TLP:AMBER',
    sourceReliability: 'F',
    informationCredibility: '6',
    policeReportFiled: false,
    policeReportReference: '',
    withholdFromMayor: false,
    withholdReason: '',
  };
}

const oneOf = <T extends string>(values: readonly T[], value: string, fallback: T): T =>
  (values as readonly string[]).includes(value) ? (value as T) : fallback;

/** A signal as read, as the form's values (to amend it). */
export function formFromSignal(signal: Signal): SignalFormValues {
  const { date, time } = isoToAmsterdam(signal.occurredAt);
  const category = oneOf<Category | ''>(CATEGORIES, signal.category, '');
  return {
    category,
    subcategory:
      category !== '' && isSubcategoryOf(category, signal.subcategory)
        ? (signal.subcategory as Subcategory)
        : '',
    targetRole: signal.targetRole as TargetRole,
    occurredDate: date,
    occurredTime: time,
    severity: String(signal.severity),
    description: signal.description,
    subjects: signal.subjects.map((subject) =>
      newSubjectRow({
        kind: subject.kind as SubjectKind,
        identifier: subject.identifier ?? '', // absent when the subject was erased
        displayName: subject.displayName ?? '',
      }),
    ),
    source: signal.source as Source,
    classification: signal.classification as Classification,
    sourceReliability: signal.sourceReliability as SourceReliability,
    informationCredibility: signal.informationCredibility as InformationCredibility,
    policeReportFiled: signal.policeReportFiled,
    policeReportReference: signal.policeReportReference ?? '',
    withholdFromMayor: signal.withholdFromMayor,
    withholdReason: signal.withholdReason ?? '',
  };
}

/** Subcategories that belong to the chosen category (none before one is chosen). */
export function subcategoriesOf(category: Category | ''): readonly Subcategory[] {
  return category === '' ? [] : SUBCATEGORIES[category];
}

/** The category changed: keep the subcategory only when it still belongs. */
export function withCategory(values: SignalFormValues, category: Category): SignalFormValues {
  const subcategory =
    values.subcategory !== '' && isSubcategoryOf(category, values.subcategory)
      ? values.subcategory
      : '';
  return { ...values, category, subcategory };
}

type SubjectValue = { kind: SubjectKind; identifier: string; displayName?: string };

function subjectsOf(values: SignalFormValues): SubjectValue[] {
  return values.subjects.map((row) => {
    const displayName = row.displayName.trim();
    const subject: SubjectValue = {
      kind: row.kind as SubjectKind,
      identifier: row.identifier.trim(),
    };
    if (displayName !== '') subject.displayName = displayName;
    return subject;
  });
}

/**
 * One field's value as the API takes it. The reference and the withholding reason are null when
 * there is none (amend removes them with null); an unfinished date or time stays as typed, so
 * that it differs from the value it had.
 */
export function apiValueOf(values: SignalFormValues, field: SignalField): unknown {
  switch (field) {
    case 'occurredAt':
      return (
        amsterdamToIso(values.occurredDate, values.occurredTime) ??
        `${values.occurredDate} ${values.occurredTime}`
      );
    case 'severity':
      return values.severity === '' ? null : Number(values.severity);
    case 'description':
      return values.description.trim();
    case 'subjects':
      return subjectsOf(values);
    case 'policeReportReference': {
      const reference = values.policeReportReference.trim();
      return values.policeReportFiled && reference !== '' ? reference : null;
    }
    case 'withholdReason': {
      const reason = values.withholdReason.trim();
      return values.withholdFromMayor && reason !== '' ? reason : null;
    }
    case 'category':
    case 'subcategory':
    case 'targetRole':
    case 'source':
    case 'classification':
    case 'sourceReliability':
    case 'informationCredibility':
    case 'policeReportFiled':
    case 'withholdFromMayor':
      return values[field];
  }
}

/** The body of `POST /api/v1/signals`, with the client's id so that a retry is the same record. */
export function toRecordBody(
  values: SignalFormValues,
  municipality: string,
  signalId: string,
): RecordSignalBody {
  const body: RecordSignalBody = {
    signalId,
    municipality,
    category: values.category as Category,
    subcategory: values.subcategory as Subcategory,
    targetRole: values.targetRole as TargetRole,
    occurredAt: apiValueOf(values, 'occurredAt') as string,
    severity: Number(values.severity),
    description: values.description.trim(),
    subjects: subjectsOf(values),
    source: values.source as Source,
    classification: values.classification,
    sourceReliability: values.sourceReliability,
    informationCredibility: values.informationCredibility,
    policeReportFiled: values.policeReportFiled,
    withholdFromMayor: values.withholdFromMayor,
  };
  const reference = apiValueOf(values, 'policeReportReference');
  if (typeof reference === 'string') body.policeReportReference = reference;
  const withholdReason = apiValueOf(values, 'withholdReason');
  if (typeof withholdReason === 'string') body.withholdReason = withholdReason;
  return body;
}

/** The fields whose value differs between two versions of the form. */
export function changedFields(from: SignalFormValues, to: SignalFormValues): SignalField[] {
  return SIGNAL_FIELDS.filter(
    (field) => JSON.stringify(apiValueOf(from, field)) !== JSON.stringify(apiValueOf(to, field)),
  );
}

/** The body of `PATCH /api/v1/signals/{id}`: only what changed since `base`, and why. */
export function toAmendBody(
  base: SignalFormValues,
  values: SignalFormValues,
  reason: string,
): AmendSignalBody {
  const body: Record<string, unknown> = {};
  for (const field of changedFields(base, values)) body[field] = apiValueOf(values, field);
  return { ...(body as Partial<AmendSignalBody>), reason: reason.trim() };
}

/**
 * Someone else changed the signal: the person's own changes (from `base` to `values`) applied to
 * the newer version, every other field as the newer version has it.
 */
export function reapplyChanges(
  base: SignalFormValues,
  values: SignalFormValues,
  newer: SignalFormValues,
): SignalFormValues {
  const next: SignalFormValues = { ...newer };
  const target = next as unknown as Record<string, unknown>;
  for (const field of changedFields(base, values)) {
    for (const key of FORM_KEYS[field]) target[key] = values[key];
  }
  return next;
}

/** A problem with one field, by the API's field path (`subjects[0].identifier`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The messages the checks produce, as i18n keys of the coordinator namespace with values. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** What must be filled in before the form goes to the API (the API checks the rest). */
export function checkSignalForm(
  values: SignalFormValues,
  t: Translate,
  now = new Date(),
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, key: string, extra?: Record<string, unknown>) =>
    problems.push({ field, message: t(`check.${key}`, extra) });
  const max = (limit: number) => ({ max: formatNumber(limit, 0) });

  if (values.category === '') problem('category', 'chooseCategory');
  if (values.subcategory === '') problem('subcategory', 'chooseSubcategory');
  else if (values.category !== '' && !isSubcategoryOf(values.category, values.subcategory)) {
    problem('subcategory', 'subcategoryMismatch');
  }
  if (values.targetRole === '') problem('targetRole', 'chooseTargetRole');
  if (values.occurredDate === '' || values.occurredTime === '') {
    problem('occurredAt', 'enterOccurredAt');
  } else {
    const iso = amsterdamToIso(values.occurredDate, values.occurredTime);
    if (iso === undefined) problem('occurredAt', 'invalidOccurredAt');
    else if (Date.parse(iso) > now.getTime() + SIGNAL_LIMITS.clockSkewMinutes * 60_000) {
      problem('occurredAt', 'futureOccurredAt');
    }
  }
  if (values.severity === '') problem('severity', 'chooseSeverity');
  if (values.description.trim() === '') problem('description', 'enterDescription');
  else if (values.description.length > SIGNAL_LIMITS.descriptionMaxLength) {
    problem('description', 'tooLong', max(SIGNAL_LIMITS.descriptionMaxLength));
  }
  values.subjects.forEach((row, i) => {
    const path = `subjects[${i}]`;
    if (row.kind === '') problem(`${path}.kind`, 'chooseSubjectKind', { n: i + 1 });
    if (row.identifier.trim() === '') {
      problem(`${path}.identifier`, 'enterIdentifier', { n: i + 1 });
    } else if (row.identifier.length > SIGNAL_LIMITS.subjectIdentifierMaxLength) {
      problem(`${path}.identifier`, 'tooLong', max(SIGNAL_LIMITS.subjectIdentifierMaxLength));
    }
    if (row.displayName.length > SIGNAL_LIMITS.subjectDisplayNameMaxLength) {
      problem(`${path}.displayName`, 'tooLong', max(SIGNAL_LIMITS.subjectDisplayNameMaxLength));
    }
  });
  if (values.source === '') problem('source', 'chooseSource');
  if (
    values.policeReportFiled &&
    values.policeReportReference.length > SIGNAL_LIMITS.policeReportReferenceMaxLength
  ) {
    problem('policeReportReference', 'tooLong', max(SIGNAL_LIMITS.policeReportReferenceMaxLength));
  }
  if (values.withholdFromMayor) {
    if (values.withholdReason.trim() === '') problem('withholdReason', 'enterWithholdReason');
    else if (values.withholdReason.length > SIGNAL_LIMITS.reasonMaxLength) {
      problem('withholdReason', 'tooLong', max(SIGNAL_LIMITS.reasonMaxLength));
    }
  }
  return problems;
}

/** The reason of an amendment or retraction. */
export function checkReason(reason: string, t: Translate): FieldProblem[] {
  if (reason.trim() === '') return [{ field: 'reason', message: t('check.enterReason') }];
  if (reason.length > SIGNAL_LIMITS.reasonMaxLength) {
    return [
      {
        field: 'reason',
        message: t('check.tooLong', { max: formatNumber(SIGNAL_LIMITS.reasonMaxLength, 0) }),
      },
    ];
  }
  return [];
}
