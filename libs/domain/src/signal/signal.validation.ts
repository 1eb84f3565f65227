// Parses the untrusted bodies of the signal endpoints (record, amend, retract) into typed,
// normalised values, reporting every problem at once (SPEC §3).
import { WHOLE_BODY } from '../errors';
import { InputReader, JsonObject } from '../shared/input-reader';
import { MINUTE_MS, parseIsoDateTime, yearsBefore } from '../shared/time';
import type {
  AmendableFacts,
  SignalFacts,
  SignalPersonalChanges,
  SignalPersonalData,
  Subject,
} from './signal.events';
import {
  ALL_SUBCATEGORIES,
  CATEGORIES,
  Category,
  CLASSIFICATIONS,
  INFORMATION_CREDIBILITIES,
  isSubcategoryOf,
  MUNICIPALITY_CODE_PATTERN,
  Severity,
  SIGNAL_LIMITS,
  SOURCE_RELIABILITIES,
  SOURCES,
  Subcategory,
  SUBCATEGORIES,
  SUBJECT_KINDS,
  TARGET_ROLES,
  UUID_PATTERN,
} from './signal.values';

/** The one question validation asks of the reference data (a port: the domain loads no files). */
export interface MunicipalityRegistry {
  isKnownMunicipality(code: string): boolean;
}

export interface SignalValidationContext {
  /** The server's clock at the time of the request. */
  now: Date;
  municipalities: MunicipalityRegistry;
}

/** Facts as the client gives them; fingerprints of the subjects are added outside the domain. */
export type SignalFactsDraft = Omit<SignalFacts, 'subjectFingerprints'>;
export type AmendableFactsDraft = Omit<AmendableFacts, 'subjectFingerprints'>;

export interface ParsedRecordSignal {
  /** Lower-case UUID when the client chose one; otherwise the server chooses. */
  signalId?: string;
  facts: SignalFactsDraft;
  personal: SignalPersonalData;
}

export interface ParsedAmendSignal {
  changes: AmendableFactsDraft;
  personalChanges: SignalPersonalChanges;
  reason: string;
}

export interface ParsedRetractSignal {
  reason: string;
}

export const AMENDABLE_SIGNAL_FIELDS = [
  'category',
  'subcategory',
  'targetRole',
  'severity',
  'occurredAt',
  'description',
  'subjects',
  'policeReportFiled',
  'policeReportReference',
  'source',
  'classification',
  'sourceReliability',
  'informationCredibility',
  'withholdFromMayor',
  'withholdReason',
] as const;
export type AmendableSignalField = (typeof AMENDABLE_SIGNAL_FIELDS)[number];

/** A record takes every amendable field, plus the signal's id and its municipality. */
export const RECORD_SIGNAL_FIELDS = [
  'signalId',
  'municipality',
  ...AMENDABLE_SIGNAL_FIELDS,
] as const;

// `municipality` is a known field of an amendment so that it gets a helpful 422 rather than
// the 400 of an unknown field.
const AMEND_SIGNAL_FIELDS = [...AMENDABLE_SIGNAL_FIELDS, 'municipality', 'reason'] as const;
const RETRACT_SIGNAL_FIELDS = ['reason'] as const;
const SUBJECT_FIELDS = ['kind', 'identifier', 'displayName'] as const;

const REASON_RULE = { required: true, maxLength: SIGNAL_LIMITS.reasonMaxLength, trim: true };
const DESCRIPTION_RULE = {
  required: true,
  maxLength: SIGNAL_LIMITS.descriptionMaxLength,
  trim: true,
};
// A blank reference is "none": forms send the empty field they did not fill in.
const REFERENCE_RULE = {
  required: false,
  maxLength: SIGNAL_LIMITS.policeReportReferenceMaxLength,
  trim: true,
};
const REFERENCE_NEEDS_REPORT = 'is only allowed when policeReportFiled is true';
// A blank reason is "none", as with the reference.
const WITHHOLD_REASON_RULE = {
  required: false,
  maxLength: SIGNAL_LIMITS.reasonMaxLength,
  trim: true,
};
export const WITHHOLD_REASON_REQUIRED =
  'is required when withholdFromMayor is true: say why the burgemeester may not see the signal';
export const WITHHOLD_REASON_NEEDS_WITHHOLDING = 'is only allowed when withholdFromMayor is true';

/** The body of `POST /signals`. Throws MalformedInputError (400) or ValidationError (422). */
export function parseRecordSignalRequest(
  input: unknown,
  context: SignalValidationContext,
): ParsedRecordSignal {
  const reader = new InputReader();
  const body = reader.root(input, RECORD_SIGNAL_FIELDS);

  const signalId = readSignalId(reader, body);
  const category = reader.oneOf(body, 'category', CATEGORIES);
  const policeReportFiled = reader.boolean(body, 'policeReportFiled');
  const policeReportReference = reader.text(body, 'policeReportReference', REFERENCE_RULE);
  if (policeReportReference !== undefined && policeReportFiled === false) {
    reader.error('policeReportReference', REFERENCE_NEEDS_REPORT);
  }
  const withholdFromMayor = reader.isAbsent(body, 'withholdFromMayor')
    ? false
    : reader.boolean(body, 'withholdFromMayor');
  const withholdReason = reader.text(body, 'withholdReason', WITHHOLD_REASON_RULE);
  if (withholdFromMayor === true && withholdReason === undefined) {
    reader.error('withholdReason', WITHHOLD_REASON_REQUIRED);
  }
  if (withholdFromMayor === false && withholdReason !== undefined) {
    reader.error('withholdReason', WITHHOLD_REASON_NEEDS_WITHHOLDING);
  }
  const values = {
    municipality: readMunicipality(reader, body, context),
    category,
    subcategory: readSubcategory(reader, body, category),
    targetRole: reader.oneOf(body, 'targetRole', TARGET_ROLES),
    severity: readSeverity(reader, body),
    occurredAt: readOccurredAt(reader, body, context.now),
    description: reader.text(body, 'description', DESCRIPTION_RULE),
    // A signal often has no known subject (an anonymous online threat): none is an empty list.
    subjects: reader.isAbsent(body, 'subjects') ? [] : readSubjects(reader, body),
    policeReportFiled,
    source: reader.oneOf(body, 'source', SOURCES),
    classification: reader.oneOfOr(body, 'classification', CLASSIFICATIONS, 'TLP:AMBER'),
    sourceReliability: reader.oneOfOr(body, 'sourceReliability', SOURCE_RELIABILITIES, 'F'),
    informationCredibility: reader.oneOfOr(
      body,
      'informationCredibility',
      INFORMATION_CREDIBILITIES,
      '6',
    ),
    withholdFromMayor,
  };
  const v = reader.complete(values);

  const personal: SignalPersonalData = { description: v.description, subjects: v.subjects };
  if (policeReportReference !== undefined) personal.policeReportReference = policeReportReference;
  if (withholdReason !== undefined) personal.withholdReason = withholdReason;
  const parsed: ParsedRecordSignal = {
    facts: {
      municipality: v.municipality,
      category: v.category,
      subcategory: v.subcategory,
      targetRole: v.targetRole,
      severity: v.severity,
      occurredAt: v.occurredAt,
      policeReportFiled: v.policeReportFiled,
      source: v.source,
      classification: v.classification,
      sourceReliability: v.sourceReliability,
      informationCredibility: v.informationCredibility,
      withholdFromMayor: v.withholdFromMayor,
    },
    personal,
  };
  if (signalId !== undefined) parsed.signalId = signalId;
  return parsed;
}

/**
 * The body of `PATCH /signals/{id}`: the fields to correct and a reason. Rules that need the
 * current signal (does the subcategory fit the category it keeps, is there still a police report
 * for the reference, does anything change at all) are the decider's.
 */
export function parseAmendSignalRequest(
  input: unknown,
  context: Pick<SignalValidationContext, 'now'>,
): ParsedAmendSignal {
  const reader = new InputReader();
  const body = reader.root(input, AMEND_SIGNAL_FIELDS);
  const given = (field: AmendableSignalField): boolean => body[field] !== undefined;

  if (body.municipality !== undefined) {
    reader.error('municipality', 'cannot be amended: retract the signal and record it anew');
  }
  for (const field of AMENDABLE_SIGNAL_FIELDS) {
    // Only the reference and the withholding reason can be removed; the others always have a value.
    if (field !== 'policeReportReference' && field !== 'withholdReason' && body[field] === null) {
      reader.error(field, 'cannot be null: leave the field out to keep its value');
    }
  }
  if (!AMENDABLE_SIGNAL_FIELDS.some(given)) {
    reader.error(WHOLE_BODY, 'names no field to amend');
  }

  const changes: AmendableFactsDraft = {};
  const personalChanges: SignalPersonalChanges = {};
  const present = (field: AmendableSignalField): boolean =>
    body[field] !== undefined && body[field] !== null;

  const category = present('category') ? reader.oneOf(body, 'category', CATEGORIES) : undefined;
  if (category !== undefined) changes.category = category;
  if (present('subcategory')) {
    const subcategory = readSubcategory(reader, body, category);
    if (subcategory !== undefined) changes.subcategory = subcategory;
  }
  if (present('targetRole')) {
    assign(changes, 'targetRole', reader.oneOf(body, 'targetRole', TARGET_ROLES));
  }
  if (present('severity')) assign(changes, 'severity', readSeverity(reader, body));
  if (present('occurredAt')) {
    assign(changes, 'occurredAt', readOccurredAt(reader, body, context.now));
  }
  if (present('policeReportFiled')) {
    assign(changes, 'policeReportFiled', reader.boolean(body, 'policeReportFiled'));
  }
  if (present('source')) assign(changes, 'source', reader.oneOf(body, 'source', SOURCES));
  if (present('classification')) {
    assign(changes, 'classification', reader.oneOf(body, 'classification', CLASSIFICATIONS));
  }
  if (present('sourceReliability')) {
    assign(
      changes,
      'sourceReliability',
      reader.oneOf(body, 'sourceReliability', SOURCE_RELIABILITIES),
    );
  }
  if (present('informationCredibility')) {
    assign(
      changes,
      'informationCredibility',
      reader.oneOf(body, 'informationCredibility', INFORMATION_CREDIBILITIES),
    );
  }

  if (present('description')) {
    assign(personalChanges, 'description', reader.text(body, 'description', DESCRIPTION_RULE));
  }
  if (present('subjects')) assign(personalChanges, 'subjects', readSubjects(reader, body));
  if (given('policeReportReference')) {
    const raw = body.policeReportReference;
    if (raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      // null or blank removes the reference.
      personalChanges.policeReportReference = null;
    } else {
      const reference = reader.text(body, 'policeReportReference', REFERENCE_RULE);
      if (reference !== undefined) personalChanges.policeReportReference = reference;
      if (reference !== undefined && changes.policeReportFiled === false) {
        reader.error('policeReportReference', REFERENCE_NEEDS_REPORT);
      }
    }
  }

  if (present('withholdFromMayor')) {
    assign(changes, 'withholdFromMayor', reader.boolean(body, 'withholdFromMayor'));
  }
  if (given('withholdReason')) {
    const raw = body.withholdReason;
    if (raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      personalChanges.withholdReason = null;
    } else {
      assign(
        personalChanges,
        'withholdReason',
        reader.text(body, 'withholdReason', WITHHOLD_REASON_RULE),
      );
    }
  }

  const { reason } = reader.complete({ reason: reader.text(body, 'reason', REASON_RULE) });
  return { changes, personalChanges, reason };
}

/** The body of `POST /signals/{id}/retract`. */
export function parseRetractSignalRequest(input: unknown): ParsedRetractSignal {
  const reader = new InputReader();
  const body = reader.root(input, RETRACT_SIGNAL_FIELDS);
  return reader.complete({ reason: reader.text(body, 'reason', REASON_RULE) });
}

/** The body of `POST /admin/subjects/{fingerprint}/erase`: the ground of the erasure. */
export function parseEraseSubjectRequest(input: unknown): { reason: string } {
  const reader = new InputReader();
  const body = reader.root(input, ['reason']);
  return reader.complete({ reason: reader.text(body, 'reason', REASON_RULE) });
}

/** A subject fingerprint as the API shows it: HMAC-SHA256 in lower-case hex. */
export const SUBJECT_FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;

function assign<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}

function readSignalId(reader: InputReader, body: JsonObject): string | undefined {
  const value = body.signalId;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
    reader.error('signalId', 'must be a UUID');
    return undefined;
  }
  return value.toLowerCase();
}

function readMunicipality(
  reader: InputReader,
  body: JsonObject,
  context: SignalValidationContext,
): string | undefined {
  const value = body.municipality;
  if (value === undefined || value === null) {
    reader.error('municipality', 'is required');
  } else if (typeof value !== 'string' || !MUNICIPALITY_CODE_PATTERN.test(value)) {
    reader.error('municipality', 'must be a CBS municipality code such as GM0363');
  } else if (!context.municipalities.isKnownMunicipality(value)) {
    reader.error('municipality', `${value} is not a known municipality`);
  } else {
    return value;
  }
  return undefined;
}

/**
 * The subcategory must belong to the category. When the category itself is unknown or not given
 * (an amendment that keeps it), only whether the subcategory exists at all can be checked here.
 */
function readSubcategory(
  reader: InputReader,
  body: JsonObject,
  category: Category | undefined,
): Subcategory | undefined {
  const value = body.subcategory;
  if (value === undefined || value === null) {
    reader.error('subcategory', 'is required');
    return undefined;
  }
  const subcategory = ALL_SUBCATEGORIES.find((known) => known === value);
  if (subcategory === undefined) {
    const allowed = category === undefined ? ALL_SUBCATEGORIES : SUBCATEGORIES[category];
    reader.error('subcategory', `must be one of ${allowed.join(', ')}`);
    return undefined;
  }
  if (category !== undefined && !isSubcategoryOf(category, subcategory)) {
    reader.error('subcategory', subcategoryMismatch(category, subcategory));
    return undefined;
  }
  return subcategory;
}

export function subcategoryMismatch(category: Category, subcategory: Subcategory): string {
  return `${subcategory} is not a subcategory of ${category}; use one of ${SUBCATEGORIES[category].join(', ')}`;
}

function readSeverity(reader: InputReader, body: JsonObject): Severity | undefined {
  return reader.integer(body, 'severity', 1, 5) as Severity | undefined;
}

/** occurredAt as a normalised UTC string (toISOString), within [now − 10 years, now + skew]. */
function readOccurredAt(reader: InputReader, body: JsonObject, now: Date): string | undefined {
  const value = body.occurredAt;
  if (value === undefined || value === null) {
    reader.error('occurredAt', 'is required');
    return undefined;
  }
  const instant = typeof value === 'string' ? parseIsoDateTime(value) : undefined;
  if (instant === undefined) {
    reader.error(
      'occurredAt',
      'must be an ISO-8601 date-time with a time zone, such as 2025-03-12T14:30:00+01:00',
    );
    return undefined;
  }
  if (instant.getTime() > now.getTime() + SIGNAL_LIMITS.clockSkewMinutes * MINUTE_MS) {
    reader.error('occurredAt', 'must not be in the future');
    return undefined;
  }
  if (instant.getTime() < yearsBefore(now, SIGNAL_LIMITS.maxAgeYears).getTime()) {
    reader.error('occurredAt', `must not be more than ${SIGNAL_LIMITS.maxAgeYears} years ago`);
    return undefined;
  }
  return instant.toISOString();
}

function readSubjects(reader: InputReader, body: JsonObject): Subject[] | undefined {
  const items = reader.array(body, 'subjects', SIGNAL_LIMITS.maxSubjects);
  if (items === undefined) return undefined;
  const subjects: Subject[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const path = `subjects[${index}]`;
    const source = reader.nested(item, path, SUBJECT_FIELDS);
    if (source === undefined) return;
    const kind = reader.oneOf(source, 'kind', SUBJECT_KINDS, `${path}.kind`);
    const identifier = reader.text(
      source,
      'identifier',
      { required: true, maxLength: SIGNAL_LIMITS.subjectIdentifierMaxLength, trim: true },
      `${path}.identifier`,
    );
    // A blank display name is no display name.
    const displayName = reader.text(
      source,
      'displayName',
      { required: false, maxLength: SIGNAL_LIMITS.subjectDisplayNameMaxLength, trim: true },
      `${path}.displayName`,
    );
    if (kind === undefined || identifier === undefined) return;
    const key = `${kind}\u0000${identifier}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      reader.error(path, `is the same subject as subjects[${earlier}]`);
      return;
    }
    seen.set(key, index);
    subjects.push(
      displayName === undefined ? { kind, identifier } : { kind, identifier, displayName },
    );
  });
  return reader.hasErrors ? undefined : subjects;
}
