// A rule's parameters in words: "Minimum number of signals: 3".
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n';

export function RuleParams({ params }: { params: Record<string, number | string> }) {
  const { t } = useTranslation('escalations');
  const entries = Object.entries(params);
  if (entries.length === 0) return <>—</>;
  return (
    <ul className="rule-params">
      {entries.map(([name, value]) => (
        <li key={name}>
          {t(`params.${name}`, { defaultValue: name })}:{' '}
          {typeof value === 'number'
            ? formatNumber(value, 0)
            : t(`common:levels.${value}`, { defaultValue: value })}
        </li>
      ))}
    </ul>
  );
}
