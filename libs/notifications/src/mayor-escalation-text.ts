// The one line a burgemeester reads about an escalation in the API, written from the rule's
// Dutch name and the signals they may count — never from the analysts' explanation, which may
// count signals withheld from the mayor or name other municipalities.
import type { CategoryCounts } from '@weerbaar/domain';
import { ruleLabelNl } from './messages/labels';
import { categoryCountsNl } from './messages/mayor-summary.text';

/** "Reeks bedreigingen: 3 meldingen van bedreiging." */
export function mayorEscalationText(ruleId: string, counts: CategoryCounts): string {
  return `${ruleLabelNl(ruleId).name}: ${categoryCountsNl(counts)}.`;
}
