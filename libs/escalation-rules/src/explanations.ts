// The plain-Dutch explanations of escalations. They are read by analysts and by the burgemeester,
// so they hold counts, the window and what kind of signal, never personal data or free text, and
// nothing of a TLP:RED signal beyond its category.
import {
  addDays,
  CATEGORY_LABELS_NL,
  countNl,
  formatDateNl,
  SUBCATEGORY_LABELS_NL,
} from '@weerbaar/domain';
import type { TrackedSignal } from './rule-engine.types';

const MELDING = ['melding', 'meldingen'] as const;

export interface ClusterFacts {
  municipalityName: string;
  count: number;
  windowDays: number;
  minSignals: number;
  /** The rule's clock: the window ends here. */
  clock: Date;
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

export function criticalSignalRaised(
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

function windowText(facts: ClusterFacts): string {
  const from = addDays(facts.clock, -facts.windowDays);
  return `binnen ${facts.windowDays} dagen (${formatDateNl(from)} t/m ${formatDateNl(facts.clock)})`;
}
