import { HumanDuration } from '@backstage/types';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Discovery of model servers, models, agents and MCP servers from the
       * clusters the AI Platform backend collects.
       */
      aiPlatform?: {
        /**
         * How often to turn discovered workloads into entities: a duration
         * such as `{ minutes: 2 }`, an ISO 8601 duration such as `PT2M`, or
         * a cron expression. Default two minutes.
         */
        frequency?: HumanDuration | string | { cron: string };
        /** Longest a run may take. Default five minutes. */
        timeout?: HumanDuration | string;
        /** Wait before the first run after start-up. Default 20 seconds. */
        initialDelay?: HumanDuration | string;
        /**
         * Owner of discovered entities whose Kubernetes object has no
         * `backstage.io/owner` label. Default `group:default/platform-engineering`.
         */
        defaultOwner?: string;
        /** System of discovered entities whose object has no `backstage.io/system` label. */
        defaultSystem?: string;
      };
    };
  };
}
