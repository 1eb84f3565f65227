// A risk level as text with a colour and a pattern: never colour alone (WCAG 1.4.1).
import { useTranslation } from 'react-i18next';

export type RiskLevel = 'LOW' | 'ELEVATED' | 'HIGH' | 'CRITICAL';

export const RISK_LEVELS: readonly RiskLevel[] = ['LOW', 'ELEVATED', 'HIGH', 'CRITICAL'];

export function LevelBadge({ level }: { level: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`level level--${level.toLowerCase()}`}>
      <span aria-hidden="true" className="level__mark" />
      {t(`levels.${level}`)}
    </span>
  );
}
