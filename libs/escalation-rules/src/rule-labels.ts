// The rules in plain Dutch, for people who never read a rule set: a name and what it watches for.
import type { RuleId } from './rule-set';

export const RULE_LABELS_NL: Record<RuleId, { name: string; description: string }> = {
  'threat-cluster': {
    name: 'Reeks bedreigingen',
    description: 'drie of meer meldingen van bedreiging binnen 30 dagen',
  },
  'bribery-and-infiltration': {
    name: 'Omkoping en infiltratie',
    description: 'een melding van omkoping én een van infiltratie binnen 90 dagen',
  },
  'cross-municipality-subject': {
    name: 'Dezelfde betrokkene in meerdere gemeenten',
    description: 'één betrokkene in meldingen van twee of meer gemeenten binnen 180 dagen',
  },
  'critical-signal': {
    name: 'Melding van de hoogste ernst',
    description: 'een melding met ernst 5',
  },
  'election-infiltration': {
    name: 'Infiltratie rond de gemeenteraadsverkiezingen',
    description: 'infiltratie gericht op een kandidaat in de 180 dagen voor de verkiezingen',
  },
  'rising-risk': {
    name: 'Stijgend risiconiveau',
    description: 'het risiconiveau van de gemeente stijgt naar hoog of kritiek',
  },
};
