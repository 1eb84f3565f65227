// A trend as an arrow and a word: the arrow only repeats the word, for the eye.
import { useTranslation } from 'react-i18next';

const ARROWS: Record<string, string> = { RISING: '↑', STABLE: '→', FALLING: '↓' };

export function TrendText({ direction }: { direction: string }) {
  const { t } = useTranslation();
  return (
    <span className="analyst-trend">
      <span aria-hidden="true">{ARROWS[direction] ?? ''}</span> {t(`trend.${direction}`)}
    </span>
  );
}
