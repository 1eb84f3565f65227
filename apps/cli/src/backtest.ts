// `weerbaar backtest`: replays the log through a rule set from a file (or the live rule sets) and
// prints what it would have escalated between two moments, and how that differs from what the
// live rule sets raised. Reads only; on the embedded engine the platform must be stopped (one
// process per data directory).
import { readFileSync } from 'node:fs';
import { type WeerbaarConfig, systemClock } from '@weerbaar/config';
import { parseBacktestRequest } from '@weerbaar/escalation-rules';
import { openInfrastructure } from '@weerbaar/infrastructure';
import { ReferenceData } from '@weerbaar/reference-data';
import { BacktestService, type BacktestReport } from '../../escalation/src/rules/backtest.service';
import { RuleCatalogueService } from '../../escalation/src/rules/rule-catalogue.service';

export interface BacktestOptions {
  rules?: string;
  from: string;
  to: string;
  region?: string;
  json?: boolean;
}

export async function backtestCommand(
  config: WeerbaarConfig,
  options: BacktestOptions,
): Promise<BacktestReport> {
  const referenceData = ReferenceData.load();
  if (options.region !== undefined && !referenceData.isKnownRiecRegion(options.region)) {
    throw new Error(`Unknown RIEC region ${options.region}`);
  }
  const ruleSet =
    options.rules === undefined
      ? undefined
      : (JSON.parse(readFileSync(options.rules, 'utf8')) as unknown);
  // The same parser as POST /rules/backtest: a broken file names its fields.
  const request = parseBacktestRequest({ ruleSet, from: options.from, to: options.to });
  const infrastructure = await openInfrastructure(config);
  try {
    const service = new BacktestService(
      infrastructure.eventStore,
      config,
      infrastructure.dataSource,
      referenceData,
      new RuleCatalogueService(infrastructure.eventStore, systemClock),
    );
    return await service.run(options.region ?? null, request);
  } finally {
    await infrastructure.close();
  }
}

/** The report for a person at a terminal. */
export function describeBacktest(report: BacktestReport): string {
  const { comparison } = report;
  const lines = [
    `Back-test of ${report.ruleSet.live ? 'the live rule sets' : `rule set ${report.ruleSet.version ?? 'from the file'}`}` +
      ` over ${report.eventsReplayed} events, ${report.from} – ${report.to}` +
      `${report.riecRegion === null ? '' : `, region ${report.riecRegion}`}:`,
    `  would have raised ${comparison.backtest}; the live rule sets raised ${comparison.live}; ${comparison.inBoth} in both.`,
    '',
    '  rule                          back-test   live   both',
    ...comparison.perRule.map(
      (r) =>
        `  ${r.ruleId.padEnd(30)}${String(r.backtest).padStart(9)}${String(r.live).padStart(7)}${String(r.inBoth).padStart(7)}`,
    ),
  ];
  if (comparison.onlyInLive.length > 0) {
    lines.push('', '  raised live but not by this rule set:');
    for (const e of comparison.onlyInLive)
      lines.push(`    ${e.raisedAt}  ${e.ruleId}  ${e.municipality}  ${e.escalationId}`);
  }
  const extra = report.escalations.filter((e) =>
    comparison.onlyInBacktest.includes(e.escalationId),
  );
  if (extra.length > 0) {
    lines.push('', '  raised by this rule set but not live:');
    for (const e of extra)
      lines.push(`    ${e.raisedAt}  ${e.ruleId}  ${e.municipality}  ${e.explanation}`);
  }
  return `${lines.join('\n')}\n`;
}
