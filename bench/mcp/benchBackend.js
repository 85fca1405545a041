#!/usr/bin/env node
/*
 * The backend of the MCP benchmark, in its own process so the benchmark's
 * clients do not share its event loop: the production composition of the
 * parts on the MCP path (root router with the MCP request guard, auth,
 * permission, catalog, scaffolder, mcp-actions, ai-platform), with the config
 * the runner writes. Sources run through the Backstage CLI's Node transform.
 *
 *   node bench/mcp/benchBackend.js --config <app-config.bench.yaml>
 *
 * Started by bench/mcp/run.js, which can ask it over IPC to profile a phase:
 * {profile: 'start'} and {profile: 'stop', file}.
 */
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const inspector = require('node:inspector');
const { createBackend } = require('@backstage/backend-defaults');
const {
  guardedRootHttpRouter,
} = require('../../packages/backend/src/mcp/guardedRootHttpRouter');

/** CPU profiles of the measured phases only, not of startup and collection. */
function handleProfilingRequests() {
  let session;
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  process.on('message', async message => {
    if (message?.profile === 'start') {
      session = new inspector.Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
      process.send({ profiling: true });
    } else if (message?.profile === 'stop' && session) {
      const { profile } = await post('Profiler.stop');
      fs.writeFileSync(message.file, JSON.stringify(profile));
      session.disconnect();
      process.send({ profiled: message.file });
    }
  });
}

async function main() {
  handleProfilingRequests();
  // Config comes from --config: the runner's file only, not app-config.yaml
  // (no demo simulators, no example catalog).
  const backend = createBackend();
  backend.add(guardedRootHttpRouter);
  backend.add(require('@backstage/plugin-auth-backend').default);
  backend.add(require('@backstage/plugin-permission-backend').default);
  backend.add(
    require('@backstage/plugin-permission-backend-module-allow-all-policy')
      .default,
  );
  backend.add(require('@backstage/plugin-catalog-backend').default);
  backend.add(require('@backstage/plugin-scaffolder-backend').default);
  backend.add(require('@backstage/plugin-mcp-actions-backend').default);
  if (!process.env.BENCH_UPSTREAM_ACTIONS) {
    backend.add(
      require('../../packages/backend/src/mcp/cachingActionsServiceFactory')
        .default,
    );
  }
  backend.add(require('@ai-platform/plugin-ai-platform-backend').default);
  await backend.start();
  process.send?.({ started: true });
  const stop = async () => {
    await backend.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
