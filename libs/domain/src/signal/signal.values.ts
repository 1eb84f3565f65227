// The vocabulary of a signal (SPEC §3): categories and their subcategories, roles, sources,
// classification and the Admiralty grading. One place, used by validation, API docs and rules.

export const CATEGORIES = ['THREAT', 'BRIBERY', 'INFILTRATION'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SUBCATEGORIES = {
  THREAT: ['VERBAL', 'ONLINE', 'AT_HOME', 'PHYSICAL', 'AGAINST_FAMILY'],
  BRIBERY: ['MONEY_OFFER', 'GIFT_OR_FAVOUR', 'CONFLICT_OF_INTEREST'],
  INFILTRATION: [
    'CANDIDATE_CRIMINAL_TIES',
    'PERMIT_OR_TENDER',
    'REAL_ESTATE',
    'INFORMATION_LEAK',
    'BUSINESS_TAKEOVER',
  ],
} as const satisfies Record<Category, readonly string[]>;
export type Subcategory = (typeof SUBCATEGORIES)[Category][number];

export const TARGET_ROLES = [
  'BURGEMEESTER',
  'WETHOUDER',
  'RAADSLID',
  'KANDIDAAT',
  'AMBTENAAR',
  'GRIFFIER',
  'OTHER',
] as const;
export type TargetRole = (typeof TARGET_ROLES)[number];

export const SOURCES = [
  'DIRECT',
  'MELDAPP',
  'ANONYMOUS_TIP',
  'COLLEAGUE',
  'MEDIA',
  'OTHER',
] as const;
export type Source = (typeof SOURCES)[number];

export const CLASSIFICATIONS = ['TLP:RED', 'TLP:AMBER', 'TLP:GREEN'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const SOURCE_RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITIES)[number];

export const INFORMATION_CREDIBILITIES = ['1', '2', '3', '4', '5', '6'] as const;
export type InformationCredibility = (typeof INFORMATION_CREDIBILITIES)[number];

export const SUBJECT_KINDS = ['PERSON', 'ORGANISATION', 'VEHICLE', 'ADDRESS'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export type Severity = 1 | 2 | 3 | 4 | 5;
export const SEVERITIES = [1, 2, 3, 4, 5] as const satisfies readonly Severity[];

export type SubcategoryOf<C extends Category> = (typeof SUBCATEGORIES)[C][number];

export const ALL_SUBCATEGORIES: readonly Subcategory[] = CATEGORIES.flatMap(
  (category): readonly Subcategory[] => SUBCATEGORIES[category],
);

export const isSubcategoryOf = (category: Category, subcategory: string): boolean =>
  (SUBCATEGORIES[category] as readonly string[]).includes(subcategory);

/** Whether a signal still counts (LIVE) or has been retracted and stays only in history. */
export const SIGNAL_STATUSES = ['LIVE', 'RETRACTED'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** CBS municipality code; whether it exists is a question for the reference data. */
export const MUNICIPALITY_CODE_PATTERN = /^GM\d{4}$/;

/** Client-chosen ids are UUIDs of any version; stored in lower case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The limits of SPEC §3, in one place for validation, the API documentation and tests. */
export const SIGNAL_LIMITS = {
  descriptionMaxLength: 10_000,
  maxSubjects: 20,
  subjectIdentifierMaxLength: 200,
  subjectDisplayNameMaxLength: 200,
  policeReportReferenceMaxLength: 100,
  reasonMaxLength: 2_000,
  /** occurredAt may lie at most this many years before the moment of recording. */
  maxAgeYears: 10,
  /**
   * occurredAt may lie this many minutes after the server's clock: the coordinator's device
   * and the server disagree by seconds to minutes, and "it happened just now" must not fail.
   */
  clockSkewMinutes: 5,
} as const;
