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

export const SOURCES = ['DIRECT', 'MELDAPP', 'ANONYMOUS_TIP', 'COLLEAGUE', 'MEDIA', 'OTHER'] as const;
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
