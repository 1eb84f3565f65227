// The region's municipalities on a map, filled by risk level (colour and pattern), each a link
// to its risk picture; the rest of the Netherlands faintly around them for orientation. Drawn
// as SVG with d3-geo from the public TopoJSON boundaries (WGS84 longitude/latitude, so a
// Mercator projection fitted to the region). Loaded only by the region screen.
import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useId, useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHref, useNavigate } from 'react-router';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { formatNumber } from '../../i18n';
import { RISK_LEVELS, type RiskLevel } from '../../ui/LevelBadge';
import { LEVEL_PATTERNS, LevelPatternDefs, levelFill } from './LevelPatterns';
import { municipalityPath } from './paths';
import './analyst.css';

export interface MapMunicipality {
  code: string;
  name: string;
  level: RiskLevel;
  score: number;
}

interface CodeProperties {
  code: string;
}

const BOX = 600;
const PAD = 12;

interface Drawing {
  viewBox: string;
  /** The region's municipalities that have a boundary, with their path. */
  areas: Map<string, string>;
  context: string;
  outline: string;
}

function draw(topology: Topology, codes: readonly string[]): Drawing | null {
  const object = topology.objects.gm_features as GeometryCollection<CodeProperties> | undefined;
  if (!object) return null;
  const all = feature<CodeProperties>(topology, object).features;
  const inRegion = new Set(codes);
  const own = all.filter((f) => inRegion.has(f.properties.code));
  if (own.length === 0) return null;
  const region: FeatureCollection = { type: 'FeatureCollection', features: own };
  const projection = geoMercator().fitExtent(
    [
      [PAD, PAD],
      [BOX - PAD, BOX - PAD],
    ],
    region,
  );
  const path = geoPath(projection);
  const [[x0, y0], [x1, y1]] = path.bounds(region);
  const others: FeatureCollection = {
    type: 'FeatureCollection',
    features: all.filter((f) => !inRegion.has(f.properties.code)),
  };
  const ownGeometry = (g: { properties?: unknown }) =>
    inRegion.has((g.properties as CodeProperties | undefined)?.code ?? '');
  const outline = mesh(topology, object, (a, b) =>
    a === b ? ownGeometry(a) : ownGeometry(a) !== ownGeometry(b),
  );
  return {
    viewBox: [x0 - PAD, y0 - PAD, x1 - x0 + 2 * PAD, y1 - y0 + 2 * PAD]
      .map((n) => Math.round(n * 10) / 10)
      .join(' '),
    areas: new Map(
      own.map((f: Feature<Geometry, CodeProperties>) => [f.properties.code, path(f) ?? '']),
    ),
    context: path(others) ?? '',
    outline: path(outline) ?? '',
  };
}

export function RegionMap({
  topology,
  municipalities,
  regionName,
}: {
  topology: Topology;
  municipalities: readonly MapMunicipality[];
  regionName: string;
}) {
  const { t } = useTranslation('analyst');
  const prefix = `analyst-map-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const titleId = `${prefix}-title`;
  const navigate = useNavigate();
  const base = useHref('/').replace(/\/$/, '');
  const [active, setActive] = useState<string | null>(null);
  const codesKey = municipalities.map((m) => m.code).join(',');
  const drawing = useMemo(() => draw(topology, codesKey.split(',')), [topology, codesKey]);

  if (!drawing) {
    return <p>{t('map.noBoundaries')}</p>;
  }
  const drawn = municipalities.filter((m) => drawing.areas.has(m.code));
  const follow = (event: MouseEvent<Element>, code: string) => {
    // A modified click opens a new tab or window, as with any link.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    void navigate(municipalityPath(code));
  };
  return (
    <figure className="analyst-map">
      <svg
        className="analyst-map__svg"
        viewBox={drawing.viewBox}
        aria-labelledby={titleId}
        data-testid="region-map"
      >
        <title id={titleId}>{t('map.title', { region: regionName })}</title>
        <LevelPatternDefs prefix={prefix} />
        <path className="analyst-map__context" d={drawing.context} aria-hidden="true" />
        {drawn.map((m) => {
          const label = `${m.name}: ${t(`common:levels.${m.level}`)}`;
          return (
            <a
              key={m.code}
              href={`${base}${municipalityPath(m.code)}`}
              aria-label={label}
              className="analyst-map__link"
              onClick={(event) => follow(event, m.code)}
              onKeyDown={(event) => {
                // Not every browser activates an SVG link with Enter as it does an HTML one.
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void navigate(municipalityPath(m.code));
                }
              }}
              onFocus={() => setActive(m.code)}
              onBlur={() => setActive((current) => (current === m.code ? null : current))}
              onMouseEnter={() => setActive(m.code)}
              onMouseLeave={() => setActive((current) => (current === m.code ? null : current))}
            >
              <title>{t('map.areaTitle', { label, score: formatNumber(m.score, 2) })}</title>
              <path
                className="analyst-map__area"
                d={drawing.areas.get(m.code)}
                fill={levelFill(prefix, m.level)}
                data-municipality={m.code}
                data-level={m.level}
              />
            </a>
          );
        })}
        <path className="analyst-map__outline" d={drawing.outline} aria-hidden="true" />
        {active && drawing.areas.has(active) ? (
          <g aria-hidden="true">
            <path className="analyst-map__active-halo" d={drawing.areas.get(active)} />
            <path className="analyst-map__active" d={drawing.areas.get(active)} />
          </g>
        ) : null}
      </svg>
      <figcaption className="analyst-map__caption">
        <LevelLegend prefix={prefix} municipalities={drawn} />
        <p className="analyst-map__hint">{t('map.hint')}</p>
      </figcaption>
    </figure>
  );
}

function LevelLegend({
  prefix,
  municipalities,
}: {
  prefix: string;
  municipalities: readonly MapMunicipality[];
}) {
  const { t } = useTranslation('analyst');
  const count = (level: RiskLevel) => municipalities.filter((m) => m.level === level).length;
  return (
    <div className="analyst-legend">
      <h3 id={`${prefix}-legend`} className="analyst-legend__title">
        {t('map.legend')}
      </h3>
      <ul aria-labelledby={`${prefix}-legend`} data-testid="map-legend">
        {RISK_LEVELS.map((level) => (
          <li key={level} data-level={level} data-pattern={LEVEL_PATTERNS[level]}>
            <svg className="analyst-legend__swatch" viewBox="0 0 28 18" aria-hidden="true">
              <rect
                x="0.5"
                y="0.5"
                width="27"
                height="17"
                fill={levelFill(prefix, level)}
                stroke="#1a1a1a"
              />
            </svg>
            {t('map.legendItem', { level: t(`common:levels.${level}`), count: count(level) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
