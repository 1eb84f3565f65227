// The one line a burgemeester reads about an escalation, written from the rule's Dutch name and
// the signals they may count — never from the analysts' explanation, which may count signals
// withheld from the mayor or name other municipalities.
import { CATEGORIES, CATEGORY_LABELS_NL, type CategoryCounts, countNl } from '@weerbaar/domain';
import { ruleNameNl } from '@weerbaar/escalation-rules';

/** "Reeks bedreigingen: 3 meldingen van bedreiging." */
export function mayorEscalationText(ruleId: string, counts: CategoryCounts): string {
  const parts = CATEGORIES.filter((c) => counts[c] > 0).map(
    (c) => `${countNl(counts[c], 'melding', 'meldingen')} van ${CATEGORY_LABELS_NL[c].singular}`,
  );
  const list =
    parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;
  return parts.length === 0 ? `${ruleNameNl(ruleId)}.` : `${ruleNameNl(ruleId)}: ${list}.`;
}
