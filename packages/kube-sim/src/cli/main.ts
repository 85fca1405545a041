/**
 * The `kube-sim` command line.
 *
 *   kube-sim --cluster NAME=DIR|NAME=synthetic:nodes=N,... [--cluster ...] [--port P] [--host H]
 *            [--kubeconfig-out FILE] [--faults FILE] [--tls] [--token NAME=TOKEN]
 *            [--restricted-token NAME=TOKEN:res,res] [--admin-port P] [--verbose]
 *   kube-sim generate --nodes N --out DIR [--name] [--gpus-per-node] [--pods-per-node]
 *            [--dra-fraction] [--seed] [--kubernetes-minor] [--format json|yaml]
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { parseFaultFile } from '../faults/faults';
import { generateSyntheticCluster } from '../generator/synthetic';
import { FolderFormat, writeSyntheticFolder } from '../generator/writeFolder';
import { KubeSim, startKubeSim } from '../sim';
import type { FaultRule, SimClusterSpec } from '../types';
import {
  CliArgError,
  parseClusterArg,
  parsePort,
  parseRestrictedTokenArg,
  parseTokenArg,
} from './args';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
};

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

interface ServeOptions {
  cluster?: string[];
  port: string;
  host: string;
  kubeconfigOut?: string;
  faults?: string;
  tls?: boolean;
  token?: string[];
  restrictedToken?: string[];
  adminPort?: string;
  verbose?: boolean;
}

/** Builds cluster specs from CLI options (synthetic clusters are generated here). */
export function clusterSpecsFromOptions(
  opts: ServeOptions,
  io: CliIo,
  defaultDirs: string[] = [],
): SimClusterSpec[] {
  const args = opts.cluster?.length
    ? opts.cluster.map(parseClusterArg)
    : defaultDirs.map(dir => ({ name: path.basename(dir), dir }));
  if (args.length === 0) {
    throw new CliArgError(
      'at least one --cluster NAME=DIR or --cluster NAME=synthetic:nodes=N is required',
    );
  }
  const names = new Set<string>();
  const specs: SimClusterSpec[] = args.map(a => {
    if (names.has(a.name))
      throw new CliArgError(`cluster "${a.name}" is given twice`);
    names.add(a.name);
    if ('dir' in a) return { name: a.name, dir: path.resolve(a.dir) };
    const synthetic = generateSyntheticCluster({
      name: a.name,
      ...a.synthetic,
    });
    const s = synthetic.summary;
    io.out(
      `[${a.name}] synthetic: ${s.nodes} nodes, ${s.gpus} GPUs, ${s.pods} pods (${s.pendingPods} pending), ${s.draNodes} DRA nodes`,
    );
    return {
      name: a.name,
      objects: synthetic.objects,
      version: synthetic.version,
    };
  });
  for (const t of (opts.token ?? []).map(parseTokenArg)) {
    const spec = specs.find(s => s.name === t.name);
    if (!spec) throw new CliArgError(`--token: unknown cluster "${t.name}"`);
    spec.token = t.token;
  }
  for (const t of (opts.restrictedToken ?? []).map(parseRestrictedTokenArg)) {
    const spec = specs.find(s => s.name === t.name);
    if (!spec)
      throw new CliArgError(`--restricted-token: unknown cluster "${t.name}"`);
    spec.restrictedTokens = [...(spec.restrictedTokens ?? []), t.restricted];
  }
  return specs;
}

/** Subfolders of the package's clusters/ folder: what `kube-sim` serves without --cluster. */
export async function defaultClusterDirs(): Promise<string[]> {
  const root = path.join(
    path.dirname(require.resolve('@ai-platform/kube-sim/package.json')),
    'clusters',
  );
  const entries = await fs
    .readdir(root, { withFileTypes: true })
    .catch(() => []);
  return entries
    .filter(e => e.isDirectory() && !e.name.startsWith('.'))
    .map(e => path.join(root, e.name))
    .sort();
}

async function serve(opts: ServeOptions, io: CliIo): Promise<KubeSim> {
  const specs = clusterSpecsFromOptions(
    opts,
    io,
    opts.cluster?.length ? [] : await defaultClusterDirs(),
  );
  let faults: FaultRule[] = [];
  if (opts.faults) {
    faults = parseFaultFile(
      await fs.readFile(opts.faults, 'utf8'),
      opts.faults,
    );
  }
  const sim = await startKubeSim({
    clusters: specs,
    port: parsePort(opts.port),
    host: opts.host,
    tls: opts.tls !== false,
    faults,
    adminPort:
      opts.adminPort === undefined
        ? 0
        : parsePort(opts.adminPort, '--admin-port'),
    logger: line => io.err(line),
    logRequests: Boolean(opts.verbose),
  });
  for (const c of sim.clusters) {
    io.out(`cluster ${c.name}: ${c.url}`);
  }
  io.out(`admin endpoint: ${sim.adminUrl}/_sim/faults (any cluster token)`);
  if (opts.kubeconfigOut) {
    const file = path.resolve(opts.kubeconfigOut);
    await sim.writeKubeconfig(file);
    io.out(`kubeconfig: ${file} (current context ${sim.clusters[0].name})`);
  } else {
    for (const c of sim.clusters) io.out(`token ${c.name}: ${c.token}`);
  }
  if (faults.length) io.out(`fault rules: ${faults.length}`);
  if (opts.tls === false) {
    io.out(
      'note: plain HTTP: kubectl never sends tokens over HTTP (use TLS); @kubernetes/client-node does.',
    );
  }
  io.out('ready');
  return sim;
}

/** Runs the CLI. `serve` resolves once the simulator is up; the process then lives until a signal. */
export async function runCli(
  argv: string[],
  io: CliIo = defaultIo,
): Promise<KubeSim | undefined> {
  const program = new Command();
  program
    .name('kube-sim')
    .description(
      'Kubernetes API server simulator: serves clusters from folders of objects or synthetic generators',
    )
    .exitOverride()
    .configureOutput({
      writeOut: s => io.out(s.trimEnd()),
      writeErr: s => io.err(s.trimEnd()),
    });

  let started: KubeSim | undefined;
  program
    .option(
      '-c, --cluster <NAME=DIR|NAME=synthetic:k=v,...>',
      'a cluster (repeatable; default: every folder in clusters/)',
      collect,
    )
    .option(
      '-p, --port <port>',
      'port of the first cluster; next clusters use the following ports (0 = random)',
      '0',
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '-k, --kubeconfig-out <file>',
      'write a kubeconfig with a context per cluster',
    )
    .option('-f, --faults <file>', 'fault rules (YAML or JSON)')
    .option(
      '--tls',
      'serve HTTPS with a generated CA, written into the kubeconfig (the default)',
    )
    .option(
      '--no-tls',
      'serve plain HTTP (kubectl then sends no token: it only sends credentials over TLS)',
    )
    .option(
      '--token <NAME=TOKEN>',
      'bearer token of a cluster (repeatable; random otherwise)',
      collect,
    )
    .option(
      '--restricted-token <NAME=TOKEN:RES,...>',
      'extra token forbidden on the listed resources (repeatable)',
      collect,
    )
    .option(
      '--admin-port <port>',
      'port of the separate admin endpoint (default random)',
    )
    .option('-v, --verbose', 'log every request to stderr')
    .action(async (opts: ServeOptions) => {
      started = await serve(opts, io);
    });

  program
    .command('generate')
    .description('write a synthetic GPU cluster to a folder')
    .requiredOption('--nodes <n>', 'number of nodes')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--name <name>', 'cluster name', 'synthetic')
    .option('--gpus-per-node <n>', 'GPUs per node', '8')
    .option('--pods-per-node <n>', 'pods per node', '10')
    .option('--dra-fraction <f>', 'fraction of NVIDIA nodes using DRA', '0')
    .option('--seed <n>', 'PRNG seed', '1')
    .option('--kubernetes-minor <n>', 'Kubernetes minor version', '34')
    .addOption(
      new Option(
        '--format <format>',
        'file format (default: yaml up to 100 nodes, json above)',
      ).choices(['json', 'yaml']),
    )
    .action(async (o: Record<string, string>) => {
      const num = (k: string) => {
        const n = Number(o[k]);
        if (!Number.isFinite(n) || n < 0)
          throw new CliArgError(
            `--${k.replace(
              /[A-Z]/g,
              c => `-${c.toLowerCase()}`,
            )} must be a non-negative number`,
          );
        return n;
      };
      const cluster = generateSyntheticCluster({
        name: o.name,
        nodes: num('nodes'),
        gpusPerNode: num('gpusPerNode'),
        podsPerNode: num('podsPerNode'),
        draFraction: num('draFraction'),
        seed: num('seed'),
        kubernetesMinor: num('kubernetesMinor'),
      });
      const format: FolderFormat =
        (o.format as FolderFormat) ??
        (cluster.summary.nodes <= 100 ? 'yaml' : 'json');
      const files = await writeSyntheticFolder(
        cluster,
        path.resolve(o.out),
        format,
      );
      io.out(
        `wrote ${cluster.summary.objects} objects to ${path.resolve(
          o.out,
        )}: ${files.join(', ')}`,
      );
      io.out(JSON.stringify(cluster.summary));
    });

  await program.parseAsync(argv);
  return started;
}

/** Entry point used by bin/kube-sim: runs until SIGINT/SIGTERM. */
export async function main(argv = process.argv): Promise<void> {
  let sim: KubeSim | undefined;
  try {
    sim = await runCli(argv);
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    if (err.code?.startsWith('commander.')) {
      process.exitCode = err.exitCode ?? 1;
      return;
    }
    process.stderr.write(`kube-sim: ${err.message}\n`);
    process.exitCode = 1;
    return;
  }
  if (!sim) return;
  const running = sim;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`kube-sim: ${signal}, stopping\n`);
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
