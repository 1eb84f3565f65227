// The words for the escalation vocabulary of the API (rules, statuses, dispositions, severities)
// in the language of the screen; a rule this release does not know keeps its id.
import { useTranslation } from 'react-i18next';

export interface EscalationLabels {
  rule(ruleId: string): string;
  ruleDescription(ruleId: string): string;
  status(status: string): string;
  outcome(outcome: string): string;
  severity(severity: string): string;
}

export function useEscalationLabels(): EscalationLabels {
  const { t } = useTranslation('escalations');
  return {
    rule: (ruleId) => t(`ruleNames.${ruleId}.name`, { defaultValue: ruleId }),
    ruleDescription: (ruleId) => t(`ruleNames.${ruleId}.description`, { defaultValue: '' }),
    status: (status) => t(`status.${status}`, { defaultValue: status }),
    outcome: (outcome) => t(`outcome.${outcome}`, { defaultValue: outcome }),
    severity: (severity) => t(`severity.${severity}`, { defaultValue: severity }),
  };
}
