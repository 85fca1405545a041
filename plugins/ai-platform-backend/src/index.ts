/**
 * The AI Platform backend: cluster snapshots, GPU inventory, AI-conformance
 * scorecards, REST API and MCP actions.
 *
 * @packageDocumentation
 */

export { aiPlatformPlugin as default } from './plugin';
/** Entry point of the `ai-platform` command line (bin/ai-platform). @public */
export { main as aiPlatformCliMain } from './cli/main';
