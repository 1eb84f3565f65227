// The operator's command line: development tokens, read-model rebuilds, back-tests, imports, the
// event store's tamper check, and erasure, key rotation and sealing of personal data.
import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '@weerbaar/config';
import { ReferenceData } from '@weerbaar/reference-data';
import { mintToken, ROLES, type Role } from '@weerbaar/security';
import { backtestCommand, type BacktestOptions, describeBacktest } from './backtest';
import { importCommand } from './import/import-command';
import { DEFAULT_ROWS_IN_FLIGHT } from './import/import-signals';
import { rebuildReadModelsCommand } from './rebuild-read-models';
import {
  eraseSubjectCommand,
  rewrapKeysCommand,
  sealExistingEventsCommand,
} from './personal-data-commands';
import { parseAnchor, verifyLogCommand } from './verify-log';

const program = new Command()
  .name('weerbaar')
  .description('Weerbaar operator commands')
  .showHelpAfterError();

program
  .command('token')
  .description(
    'Mint a development bearer token (HS256, signed with AUTH_JWT_SECRET or the generated secret)',
  )
  .addOption(
    new Option('--role <role>', 'coordinator | analyst | burgemeester | admin')
      .choices(ROLES)
      .makeOptionMandatory(),
  )
  .option('--municipality <code>', 'CBS code, for coordinator and burgemeester (e.g. GM0363)')
  .option('--riec-region <id>', 'RIEC region id, for analyst (e.g. amsterdam)')
  .option('--sub <id>', 'user id (sub claim)')
  .option('--ttl <seconds>', 'lifetime in seconds', parsePositiveInt, 8 * 3600)
  .action(
    (options: {
      role: Role;
      municipality?: string;
      riecRegion?: string;
      sub?: string;
      ttl: number;
    }) => {
      const config = loadConfig();
      const referenceData = ReferenceData.load();
      const token = mintToken(
        {
          role: options.role,
          municipality: options.municipality,
          riecRegion: options.riecRegion,
          sub: options.sub,
          expiresInSeconds: options.ttl,
        },
        config.auth.jwtSecret,
        {
          isKnownMunicipality: (code) => referenceData.isKnownMunicipality(code),
          isKnownRiecRegion: (id) => referenceData.riecRegion(id) !== undefined,
        },
      );
      process.stdout.write(`${token}\n`);
    },
  );

program
  .command('rebuild')
  .description(
    'Rebuild every read model from the event store into new tables and swap them in (blue/green)',
  )
  .option('--verify', 'compare the rebuilt tables with the live ones; exit 1 unless identical')
  .action(async (options: { verify?: boolean }) => {
    const equal = await rebuildReadModelsCommand(loadConfig(), options);
    if (options.verify && !equal) process.exitCode = 1;
  });

program
  .command('verify')
  .description(
    "Check every stream's hash chain in the event store and print the log's digest up to its head (an anchor to record elsewhere); exit 1 when a link is broken",
  )
  .option(
    '--anchor <position=digest>',
    'also check that the log up to <position> still has <digest> (as printed by an earlier verify)',
    (text: string) => {
      const anchor = parseAnchor(text);
      if (!anchor)
        throw new InvalidArgumentError('expected <transaction id>:<position>=<sha-256 hex>');
      return anchor;
    },
  )
  .action(async (options: { anchor?: ReturnType<typeof parseAnchor> }) => {
    if (!(await verifyLogCommand(loadConfig(), { anchor: options.anchor }))) process.exitCode = 1;
  });

program
  .command('backtest')
  .description(
    'Replay the log through a rule set (or the live ones) and compare what it would have escalated with the live escalations; changes nothing',
  )
  .option(
    '--rules <file.json>',
    'the rule set to test: {"rules":[...]} (default: the live rule sets)',
  )
  .requiredOption('--from <date-time>', 'start of the window, ISO-8601 with a time zone')
  .requiredOption('--to <date-time>', 'end of the window, ISO-8601 with a time zone')
  .option('--region <id>', 'report on one RIEC region (default: all)')
  .option('--json', 'print the whole report as JSON')
  .action(async (options: BacktestOptions) => {
    const report = await backtestCommand(loadConfig(), options);
    process.stdout.write(
      options.json ? `${JSON.stringify(report, null, 2)}\n` : describeBacktest(report),
    );
  });

program
  .command('import')
  .description(
    'Import signals from a CSV file (columns: docs/import.md): records, amendments and retractions, validated like the API; idempotent and resumable',
  )
  .argument('<file.csv>', 'the file to import, with a header row')
  .option('--restart', 'ignore the progress of an interrupted run and apply every row again')
  .option(
    '--concurrency <rows>',
    'rows in flight at once',
    parsePositiveInt,
    DEFAULT_ROWS_IN_FLIGHT,
  )
  .action(async (file: string, options: { restart?: boolean; concurrency: number }) => {
    const { summary } = await importCommand(loadConfig(), file, options);
    if (summary.rejected > 0) process.exitCode = 2;
    else if (summary.interrupted) process.exitCode = 130;
  });

program
  .command('erase-subject')
  .description(
    "Erase a subject's personal data (GDPR art. 17) by destroying its key: its identifier and name become unreadable everywhere; fingerprint, counts and links stay",
  )
  .argument('<fingerprint>', "the subject's fingerprint, as the API shows it")
  .requiredOption('--reason <text>', 'the ground: a case number, the legal basis (never whose)')
  .action(async (fingerprint: string, options: { reason: string }) => {
    if (!(await eraseSubjectCommand(loadConfig(), fingerprint, options.reason))) {
      process.exitCode = 1;
    }
  });

program
  .command('seal-existing-events')
  .description(
    'One-off migration: seal the personal texts of events stored before sealing began and compute the hash chains anew (stop the platform first); audited',
  )
  .action(async () => {
    await sealExistingEventsCommand(loadConfig());
  });

program
  .command('rewrap-keys')
  .description(
    'Wrap every data key with the current WEERBAAR_KEK, after a rotation; then WEERBAAR_KEK_PREVIOUS can go',
  )
  .action(async () => {
    await rewrapKeysCommand(loadConfig());
  });

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `weerbaar: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exit(1);
});
