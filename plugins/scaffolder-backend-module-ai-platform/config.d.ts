export interface Config {
  aiPlatform?: {
    /** Golden-path scaffolder actions. */
    scaffolder?: {
      /**
       * Folder of the local git repositories `ai-platform:publish:local`
       * writes (the embedded demo's publish target). Relative to the
       * backend's working directory. Default `.data/published`. The catalog
       * reads them through a `file` location in `catalog.locations` whose
       * target globs every repository's catalog-info.yaml in this folder
       * (see the README, "Golden paths").
       * @visibility backend
       */
      localPublishDir?: string;
      /**
       * This portal's MCP endpoint, offered to new agents as a tool server.
       * Default `<backend.baseUrl>/api/mcp-actions/v1`.
       * @visibility backend
       */
      portalMcpUrl?: string;
    };
  };
}
