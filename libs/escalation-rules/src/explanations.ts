// The plain-Dutch explanations of escalations, read by analysts and the RIEC's contacts. They hold
// counts, windows, kinds of signal and municipalities, never personal data or free text, and
// nothing of a TLP:RED signal beyond its category. (The burgemeester gets texts of their own,
// written from counts they may see.)
import {
  addDays,
  CATEGORY_LABELS_NL,
  type Category,
  countNl,
  formatDateNl,
  formatScoreNl,
  RISK_LEVEL_LABELS_NL,
  type RiskLevel,
  SUBCATEGORY_LABELS_NL,
} from '@weerbaar/domain';
import type { TrackedSignal } from './rule-engine.types';

const MELDING = ['melding', 'meldingen'] as const;

export interface WindowFacts {
  municipalityName: string;
  windowDays: number;
  /** The rule's clock: the window ends here. */
  clock: Date;
}

export interface ClusterFacts extends WindowFacts {
  count: number;
  minSignals: number;
}

/** "3 meldingen van bedreiging in Amsterdam binnen 30 dagen (2 mei 2025 t/m 1 juni 2025); …" */
export function threatClusterRaised(facts: ClusterFacts): string {
  return `${countNl(facts.count, ...MELDING)} van bedreiging in ${facts.municipalityName} ${windowText(facts)}; de regel slaat aan vanaf ${facts.minSignals}.`;
}

/** The update of an open cluster escalation with one more signal. */
export function threatClusterUpdated(facts: ClusterFacts & { total: number }): string {
  return (
    `Nieuwe melding van bedreiging in ${facts.municipalityName}: nu ${countNl(facts.count, ...MELDING)} van bedreiging ${windowText(facts)}, ` +
    `${countNl(facts.total, ...MELDING)} in totaal bij deze escalatie.`
  );
}

/** "1 melding van omkoping en 2 meldingen van infiltratie in Amsterdam binnen 90 dagen (…)." */
export function briberyAndInfiltration(
  facts: WindowFacts & { bribery: number; infiltration: number; total?: number },
): string {
  const what = `${countNl(facts.bribery, ...MELDING)} van omkoping en ${countNl(facts.infiltration, ...MELDING)} van infiltratie`;
  const text = `${what} in ${facts.municipalityName} ${windowText(facts)}`;
  return facts.total === undefined
    ? `${capitalise(text)}.`
    : `Nieuwe melding: nu ${text}, ${countNl(facts.total, ...MELDING)} in totaal bij deze escalatie.`;
}

export interface SubjectFacts {
  fingerprint: string;
  windowDays: number;
  /** The municipality the escalation is for, and how many of the subject's signals it has. */
  own: { name: string; signals: number };
  /** Every other municipality, by CBS code only, with its number of signals. */
  others: readonly { code: string; signals: number }[];
  total?: number;
}

/**
 * "Dezelfde betrokkene (kenmerk 3f2a9c1e) komt binnen 180 dagen voor in meldingen uit 2 gemeenten:
 * Amsterdam (1 melding) en GM0599 (2 meldingen)." Other municipalities are named by code and
 * count only: their signals belong to another region's analysts.
 */
export function crossMunicipalitySubject(facts: SubjectFacts): string {
  const places = [
    `${facts.own.name} (${countNl(facts.own.signals, ...MELDING)})`,
    ...facts.others.map((o) => `${o.code} (${countNl(o.signals, ...MELDING)})`),
  ];
  const list =
    places.length === 1 ? places[0] : `${places.slice(0, -1).join(', ')} en ${places.at(-1)}`;
  const text = `Dezelfde betrokkene (kenmerk ${facts.fingerprint.slice(0, 8)}) komt binnen ${facts.windowDays} dagen voor in meldingen uit ${countNl(places.length, 'gemeente', 'gemeenten')}: ${list}.`;
  return facts.total === undefined
    ? text
    : `${text} ${countNl(facts.total, ...MELDING)} uit deze regio bij deze escalatie.`;
}

export function criticalSignal(
  signal: TrackedSignal,
  municipalityName: string,
  how: 'RECORDED' | 'AMENDED',
): string {
  const category = CATEGORY_LABELS_NL[signal.category].singular;
  const what =
    how === 'RECORDED'
      ? `Melding met ernst ${signal.severity} in ${municipalityName}`
      : `Melding in ${municipalityName} bijgesteld naar ernst ${signal.severity}`;
  if (signal.classification === 'TLP:RED') {
    return `${what} (${category}); de details vallen onder TLP:RED.`;
  }
  const occurred = formatDateNl(new Date(signal.occurredAt));
  return `${what}: ${category}, ${SUBCATEGORY_LABELS_NL[signal.subcategory]}, op ${occurred}.`;
}

/** "Melding van infiltratie gericht op een kandidaat in Amsterdam, 40 dagen voor de verkiezingen van 18 maart 2026." */
export function electionInfiltration(facts: {
  municipalityName: string;
  daysBefore: number;
  electionDay: Date;
  total?: number;
}): string {
  const days = countNl(facts.daysBefore, 'dag', 'dagen');
  const text = `Melding van infiltratie gericht op een kandidaat in ${facts.municipalityName}, ${days} voor de gemeenteraadsverkiezingen van ${formatDateNl(facts.electionDay)}.`;
  return facts.total === undefined
    ? text
    : `${text} ${countNl(facts.total, ...MELDING)} in totaal bij deze escalatie.`;
}

/** "Het risiconiveau van Amsterdam is gestegen van verhoogd naar hoog (score 16,4; hoog vanaf 15)." */
export function risingRisk(facts: {
  municipalityName: string;
  from: RiskLevel;
  to: RiskLevel;
  score: number;
  threshold: number;
}): string {
  const to = RISK_LEVEL_LABELS_NL[facts.to];
  return `Het risiconiveau van ${facts.municipalityName} is gestegen van ${RISK_LEVEL_LABELS_NL[facts.from]} naar ${to} (score ${formatScoreNl(facts.score)}; ${to} vanaf ${formatScoreNl(facts.threshold)}).`;
}

/** How many of the signals are of each category, for texts that list them. */
export function countByCategory(signals: readonly TrackedSignal[]): Record<Category, number> {
  const counts: Record<Category, number> = { THREAT: 0, BRIBERY: 0, INFILTRATION: 0 };
  for (const signal of signals) counts[signal.category] += 1;
  return counts;
}

function windowText(facts: WindowFacts): string {
  const from = addDays(facts.clock, -facts.windowDays);
  return `binnen ${facts.windowDays} dagen (${formatDateNl(from)} t/m ${formatDateNl(facts.clock)})`;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
