// Dutch words for the signal vocabulary, for texts that people read (explanations, summaries).
// The codes stay English in the API; these labels are what a burgemeester sees.
import type { RiskLevel } from '../risk/risk.config';
import type { Category, Classification, Subcategory, TargetRole } from './signal.values';

export const CATEGORY_LABELS_NL: Record<Category, { singular: string; plural: string }> = {
  THREAT: { singular: 'bedreiging', plural: 'bedreigingen' },
  BRIBERY: { singular: 'omkoping', plural: 'omkopingspogingen' },
  INFILTRATION: { singular: 'infiltratie', plural: 'infiltratiepogingen' },
};

export const SUBCATEGORY_LABELS_NL: Record<Subcategory, string> = {
  VERBAL: 'verbaal',
  ONLINE: 'online',
  AT_HOME: 'aan huis',
  PHYSICAL: 'fysiek',
  AGAINST_FAMILY: 'gericht tegen familie',
  MONEY_OFFER: 'aanbod van geld',
  GIFT_OR_FAVOUR: 'gift of gunst',
  CONFLICT_OF_INTEREST: 'belangenverstrengeling',
  CANDIDATE_CRIMINAL_TIES: 'kandidaat met criminele banden',
  PERMIT_OR_TENDER: 'vergunning of aanbesteding',
  REAL_ESTATE: 'vastgoed',
  INFORMATION_LEAK: 'informatielek',
  BUSINESS_TAKEOVER: 'bedrijfsovername',
};

export const TARGET_ROLE_LABELS_NL: Record<TargetRole, string> = {
  BURGEMEESTER: 'burgemeester',
  WETHOUDER: 'wethouder',
  RAADSLID: 'raadslid',
  KANDIDAAT: 'kandidaat',
  AMBTENAAR: 'ambtenaar',
  GRIFFIER: 'griffier',
  OTHER: 'overig',
};

export const CLASSIFICATION_LABELS_NL: Record<Classification, string> = {
  'TLP:RED': 'TLP:RED (alleen voor de eigen gemeente en de analisten van het RIEC)',
  'TLP:AMBER': 'TLP:AMBER (beperkt delen binnen de betrokken organisaties)',
  'TLP:GREEN': 'TLP:GREEN (delen binnen de gemeenschap)',
};

const MONTHS_NL = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

// Dates are shown as the calendar day in the Netherlands. The month names are our own rather
// than ICU's, so that a Node upgrade cannot change the wording of an explanation on replay.
const DUTCH_DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** "12 maart 2025": the day in Dutch time. */
export function formatDateNl(instant: Date): string {
  const parts = DUTCH_DAY.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return `${part('day')} ${MONTHS_NL[part('month') - 1]} ${part('year')}`;
}

/** "1 melding", "3 meldingen". */
export const countNl = (count: number, singular: string, plural: string): string =>
  `${count} ${count === 1 ? singular : plural}`;

/** Risk levels as a burgemeester reads them. */
export const RISK_LEVEL_LABELS_NL: Record<RiskLevel, string> = {
  LOW: 'laag',
  ELEVATED: 'verhoogd',
  HIGH: 'hoog',
  CRITICAL: 'kritiek',
};

/** "16,4": a score with one decimal, as Dutch writes it. */
export const formatScoreNl = (score: number): string => score.toFixed(1).replace('.', ',');
