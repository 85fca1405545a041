export interface Config {
  aiPlatform?: {
    /** DNS-rebinding protection of the MCP endpoint (`/api/mcp-actions`). */
    mcp?: {
      /**
       * Host names (any port) or `host:port` pairs accepted in the Host
       * header besides the host of `backend.baseUrl` (and loopback names
       * when the backend is local), e.g. an internal service name a reverse
       * proxy uses.
       */
      allowedHosts?: string[];
      /**
       * Origins accepted in the Origin header besides `app.baseUrl` and
       * `backend.baseUrl` (and loopback origins when local), e.g.
       * `https://agents.example.com` for a browser-based agent.
       */
      allowedOrigins?: string[];
      /**
       * Seconds an MCP caller's list of tools is reused before the plugins
       * are asked again (default 5; 0 asks on every call). Permission
       * changes that hide or show a tool take effect within this time.
       */
      actionListCacheSeconds?: number;
    };
    /**
     * The permission policy (packages/backend/src/permissions).
     */
    permissionPolicy?: {
      /**
       * `allow-all` (default; the embedded demo) or `platform-teams`: every
       * signed-in user reads clusters, inventory and scorecards (or only
       * `readGroups`), only members of `refreshGroups` trigger collections.
       */
      type?: 'allow-all' | 'platform-teams';
      /** Entity refs of the groups that may refresh clusters. Default `group:default/platform-engineering`. */
      refreshGroups?: string[];
      /** Entity refs of the groups that may read; empty (default) means every signed-in user. */
      readGroups?: string[];
    };
    /** The embedded demo. */
    demo?: {
      /** Serve simulated clusters from inside the backend (never in production). */
      kubeSim?: {
        enabled?: boolean;
        /** Folder holding the cluster folders; defaults to the kube-sim package's `clusters`. */
        clustersDir?: string;
        /** Each entry needs a cluster of the same name in `kubernetes.clusterLocatorMethods` (its URL gives the port, its token the simulator's token). */
        clusters?: Array<{ name: string; dir?: string }>;
      };
    };
  };
}
