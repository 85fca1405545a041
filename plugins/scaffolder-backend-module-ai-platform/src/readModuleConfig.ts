import { Config } from '@backstage/config';
import path from 'node:path';

export interface ModuleConfig {
  /** Absolute folder of the local git repositories `ai-platform:publish:local` writes. */
  localPublishDir: string;
  /** This portal's MCP endpoint, offered to agents as a tool server. */
  portalMcpUrl: string;
  /** Commit author of local publishes. */
  author: { name: string; email: string };
}

export const DEFAULT_LOCAL_PUBLISH_DIR = '.data/published';

/** Reads `aiPlatform.scaffolder.*`; relative paths are relative to the backend's working directory, like file locations. */
export function readModuleConfig(config: Config): ModuleConfig {
  const dir =
    config.getOptionalString('aiPlatform.scaffolder.localPublishDir') ??
    DEFAULT_LOCAL_PUBLISH_DIR;
  const baseUrl = (
    config.getOptionalString('backend.baseUrl') ?? 'http://localhost:7007'
  ).replace(/\/+$/, '');
  return {
    localPublishDir: path.resolve(dir),
    portalMcpUrl:
      config.getOptionalString('aiPlatform.scaffolder.portalMcpUrl') ??
      `${baseUrl}/api/mcp-actions/v1`,
    author: {
      name:
        config.getOptionalString('scaffolder.defaultAuthor.name') ??
        'Scaffolder',
      email:
        config.getOptionalString('scaffolder.defaultAuthor.email') ??
        'scaffolder@backstage.io',
    },
  };
}
