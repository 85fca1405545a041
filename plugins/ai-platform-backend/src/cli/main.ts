/**
 * The `ai-platform` command line: the same collection and GPU inventory the
 * portal runs, against one cluster of a kubeconfig, for pipelines and
 * laptops.
 *
 *   ai-platform scan --kubeconfig FILE [--context NAME] [--checklist 1.35]
 *                    [--output json|yaml|table|product-yaml] [--fail-on-must]
 *
 * Exit codes: 0 the scan ran, whatever the verdicts (parts that could not be
 * read are listed in `errors`); 1 the cluster could not be reached or read as
 * a whole, or `--fail-on-must` and a MUST is not met; 2 bad usage, kubeconfig,
 * context or checklist version.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { Command, CommanderError, Option } from 'commander';
import { stringify as toYaml } from 'yaml';
import {
  checklistVersions,
  getChecklist,
  selectChecklistVersion,
} from '@ai-platform/plugin-ai-platform-common';
import { renderProductYaml } from '../conformance/renderProductYaml';
import { ClusterDefinition } from '@ai-platform/plugin-ai-platform-node';
import { isValidClusterName } from '../clusters/types';
import {
  ClusterCollector,
  DEFAULT_COLLECTION_SETTINGS,
} from '../collection/ClusterCollector';
import {
  ClusterConfigError,
  loadKubeconfigFile,
} from '../collection/clusterConnection';
import { consoleLogger } from './consoleLogger';
import { formatScanTable } from './formatTable';
import { buildScanReport, unmetMusts } from './scanReport';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const defaultIo: CliIo = {
  out: text => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: text => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export const EXIT_OK = 0;
export const EXIT_UNREACHABLE = 1;
/** `--fail-on-must` and a MUST is not met. */
export const EXIT_MUST_NOT_MET = 1;
export const EXIT_USAGE = 2;

interface ScanOptions {
  kubeconfig: string;
  context?: string;
  name?: string;
  output: 'json' | 'yaml' | 'table' | 'product-yaml';
  checklist?: string;
  failOnMust?: boolean;
  pageSize: string;
  requestTimeout: string;
  timeout: string;
  verbose?: boolean;
}

/** Runs the CLI and resolves to the exit code; never calls process.exit. */
export async function runCli(
  argv: string[],
  io: CliIo = defaultIo,
): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('ai-platform')
    .description(
      'AI Platform for Backstage: scan a Kubernetes cluster for GPU inventory and AI conformance',
    )
    .exitOverride()
    .configureOutput({ writeOut: t => io.out(t), writeErr: t => io.err(t) });

  program
    .command('scan')
    .description(
      'Collect one cluster of a kubeconfig and report its GPU inventory and AI-conformance scorecard',
    )
    .requiredOption('--kubeconfig <file>', 'kubeconfig file')
    .option('--context <name>', 'context to use (default: the current context)')
    .option(
      '--name <name>',
      'cluster name in the report (default: the context name)',
    )
    .addOption(
      new Option('--output <format>', 'output format')
        .choices(['json', 'yaml', 'table', 'product-yaml'])
        .default('table'),
    )
    .option(
      '--checklist <version>',
      `AI-conformance checklist version (${checklistVersions.join(
        ', ',
      )}; default: the cluster's Kubernetes minor)`,
    )
    .option(
      '--fail-on-must',
      'exit 1 when a MUST requirement is not met (not-applicable counts as met)',
    )
    .option(
      '--page-size <n>',
      'items per list page',
      String(DEFAULT_COLLECTION_SETTINGS.pageSize),
    )
    .option('--request-timeout <seconds>', 'timeout of one API request', '20')
    .option('--timeout <seconds>', 'timeout of the whole scan', '180')
    .option('--verbose', 'log progress to stderr')
    .action(async (options: ScanOptions) => {
      exitCode = await scan(options, io);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    io.err(`ai-platform: ${(error as Error).message}`);
    return EXIT_UNREACHABLE;
  }
  return exitCode;
}

async function scan(options: ScanOptions, io: CliIo): Promise<number> {
  const numbers = {
    pageSize: positive(options.pageSize, '--page-size'),
    requestTimeout: positive(options.requestTimeout, '--request-timeout'),
    timeout: positive(options.timeout, '--timeout'),
  };
  const invalid = Object.values(numbers).find(n => typeof n === 'string');
  if (typeof invalid === 'string') {
    io.err(`ai-platform: ${invalid}`);
    return EXIT_USAGE;
  }

  if (options.checklist !== undefined) {
    try {
      selectChecklistVersion(undefined, options.checklist);
    } catch (error) {
      io.err(`ai-platform: --checklist: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
  }

  let cluster: ClusterDefinition;
  try {
    cluster = clusterFromKubeconfig(options);
  } catch (error) {
    io.err(`ai-platform: ${(error as Error).message}`);
    return EXIT_USAGE;
  }

  const collector = new ClusterCollector({
    settings: {
      ...DEFAULT_COLLECTION_SETTINGS,
      pageSize: numbers.pageSize as number,
      requestTimeoutMs: (numbers.requestTimeout as number) * 1000,
      collectionTimeoutMs: (numbers.timeout as number) * 1000,
    },
    logger: consoleLogger(io, options.verbose ? 'info' : 'error'),
  });
  const outcome = await collector.collect(cluster);
  if (!outcome.ok) {
    if (outcome.error.resource === 'connection') {
      io.err(`ai-platform: ${outcome.error.message}`);
      return EXIT_USAGE;
    }
    io.err(
      `ai-platform: cannot read cluster ${cluster.name}: ${outcome.error.message}`,
    );
    return EXIT_UNREACHABLE;
  }
  const { report, scorecard } = buildScanReport(outcome.snapshot, {
    checklistVersion: options.checklist,
  });
  switch (options.output) {
    case 'json':
      io.out(JSON.stringify(report, null, 2));
      break;
    case 'yaml':
      io.out(toYaml(report));
      break;
    case 'product-yaml':
      io.out(
        renderProductYaml(
          scorecard,
          getChecklist(scorecard.checklistVersion).requirements,
        ),
      );
      break;
    default:
      io.out(formatScanTable(report));
  }

  const unmet = unmetMusts(report);
  if (options.failOnMust && unmet.length > 0) {
    io.err(
      `ai-platform: ${unmet.length} MUST requirement(s) of checklist ${
        report.checklistVersion
      } not met: ${unmet.map(r => `${r.id} (${r.verdict})`).join(', ')}`,
    );
    return EXIT_MUST_NOT_MET;
  }
  return EXIT_OK;
}

/** The cluster a kubeconfig context points at; errors are phrased for the command line. */
export function clusterFromKubeconfig(options: {
  kubeconfig: string;
  context?: string;
  name?: string;
}): ClusterDefinition {
  const kc = new KubeConfig();
  try {
    loadKubeconfigFile(kc, options.kubeconfig, options.context);
  } catch (error) {
    throw error instanceof ClusterConfigError
      ? error
      : new ClusterConfigError(
          `kubeconfig ${options.kubeconfig} cannot be read`,
        );
  }
  const context = kc.getCurrentContext();
  const name = options.name ?? context;
  if (!isValidClusterName(name)) {
    throw new ClusterConfigError(
      `"${name}" cannot be used as a cluster name; pass --name`,
    );
  }
  return {
    name,
    url: kc.getCurrentCluster()?.server,
    source: 'kubeconfig',
    auth: { type: 'kubeconfig', file: options.kubeconfig, context },
  };
}

function positive(value: string, flag: string): number | string {
  const n = Number(value);
  return Number.isFinite(n) && n > 0
    ? n
    : `${flag} must be a positive number, got "${value}"`;
}

/** Entry point of bin/ai-platform. */
export function main(argv: string[]): void {
  runCli(argv).then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stderr.write(`ai-platform: ${(error as Error).message}\n`);
      process.exitCode = EXIT_UNREACHABLE;
    },
  );
}
