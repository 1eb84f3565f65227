// The fills of the risk levels on the map and in its legend: the colours of the level badges,
// each with its own pattern so that no level is told by colour alone (WCAG 1.4.1): low plain,
// elevated diagonal hatching and high horizontal hatching (as the badges), critical
// cross-hatched.
import type { RiskLevel } from '../../ui/LevelBadge';

export const LEVEL_COLOURS: Record<RiskLevel, string> = {
  LOW: '#e9f2e4',
  ELEVATED: '#fbe38e',
  HIGH: '#f0924a',
  CRITICAL: '#b3261e',
};

/** The pattern of each level, as named in the legend's data attribute (and the tests). */
export const LEVEL_PATTERNS: Record<RiskLevel, 'none' | 'diagonal' | 'horizontal' | 'cross'> = {
  LOW: 'none',
  ELEVATED: 'diagonal',
  HIGH: 'horizontal',
  CRITICAL: 'cross',
};

export function patternId(prefix: string, level: RiskLevel): string {
  return `${prefix}-level-${level.toLowerCase()}`;
}

export function levelFill(prefix: string, level: RiskLevel): string {
  return LEVEL_PATTERNS[level] === 'none'
    ? LEVEL_COLOURS[level]
    : `url(#${patternId(prefix, level)})`;
}

/** `<defs>` for one SVG; other SVGs of the same page may refer to them by id. */
export function LevelPatternDefs({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern
        id={patternId(prefix, 'ELEVATED')}
        width="7"
        height="7"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="7" height="7" fill={LEVEL_COLOURS.ELEVATED} />
        <line x1="0" y1="0" x2="0" y2="7" stroke="#6b5300" strokeWidth="2" />
      </pattern>
      <pattern id={patternId(prefix, 'HIGH')} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={LEVEL_COLOURS.HIGH} />
        <line x1="0" y1="1" x2="6" y2="1" stroke="#5a2600" strokeWidth="1.6" />
      </pattern>
      <pattern
        id={patternId(prefix, 'CRITICAL')}
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" fill={LEVEL_COLOURS.CRITICAL} />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="1.2" />
        <line x1="0" y1="0" x2="6" y2="0" stroke="#ffffff" strokeWidth="1.2" />
      </pattern>
    </defs>
  );
}
