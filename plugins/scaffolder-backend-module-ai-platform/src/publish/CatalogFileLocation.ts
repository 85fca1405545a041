import { CatalogApi } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import crypto from 'node:crypto';
import path from 'node:path';

/** The catalog file location that covers every published repository. */
export function publishedLocationTarget(publishDir: string): string {
  return path.join(path.resolve(publishDir), '*', 'catalog-info.yaml');
}

/**
 * The ref of the Location entity the catalog makes from a `file` location in
 * app-config: `generated-` and the SHA-1 of `file:<absolute target>`. It is
 * computed rather than looked up because the catalog only shows the entity
 * once its glob has matched a file, i.e. after the first publish.
 */
export function configLocationEntityRef(target: string): string {
  const hash = crypto.createHash('sha1').update(`file:${target}`).digest('hex');
  return `location:default/generated-${hash}`;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; response?: { status?: number } };
  return e?.response?.status === 404 || e?.name === 'NotFoundError';
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('Cancelled'));
    });
  });
}

/**
 * Puts published repositories in the catalog through one `file` location
 * in app-config (`catalog.locations`, target `<publishDir>/*\/catalog-info.yaml`).
 * The catalog API only registers `url` locations by default, and letting
 * users register arbitrary `file` paths would let them read any YAML on
 * the backend host; a configured glob reads only the publish folder. After
 * a publish, refreshing that location makes the catalog read the new
 * repository at once, and the entities appear within seconds.
 */
export class CatalogFileLocation {
  readonly target: string;
  readonly locationRef: string;

  constructor(private readonly catalog: CatalogApi, publishDir: string) {
    this.target = publishedLocationTarget(publishDir);
    this.locationRef = configLocationEntityRef(this.target);
  }

  /**
   * Asks the catalog to read the location now. Fails with what to configure
   * when app-config has no such location.
   */
  async requestRead(token: string): Promise<void> {
    try {
      await this.catalog.refreshEntity(this.locationRef, { token });
    } catch (error) {
      if (isNotFound(error))
        throw new InputError(this.missingLocationMessage());
      throw error;
    }
  }

  missingLocationMessage(): string {
    return `The catalog has no location for published repositories. Add to app-config.yaml:\ncatalog:\n  locations:\n    - type: file\n      target: ${this.target}\n(a path relative to the backend's working directory works too)`;
  }

  /** Refuses entity names another location already owns. */
  async checkNoConflicts(
    entityRefs: string[],
    catalogInfoFile: string,
    token: string,
  ): Promise<void> {
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs, fields: ['kind', 'metadata'] },
      { token },
    );
    items.forEach((entity, i) => {
      if (!entity) return;
      const managedBy =
        entity.metadata.annotations?.['backstage.io/managed-by-location'];
      if (managedBy !== `file:${catalogInfoFile}`) {
        throw new ConflictError(
          `${entityRefs[i]} is already in the catalog (from ${
            managedBy ?? 'another location'
          }); choose another name`,
        );
      }
    });
  }

  /** Refreshes the location and waits until every entity is in the catalog. */
  async registerAndWait(options: {
    entityRefs: string[];
    token: string;
    timeoutMs: number;
    signal?: AbortSignal;
    log?: (message: string) => void;
  }): Promise<Entity[]> {
    const { entityRefs, token } = options;
    const deadline = Date.now() + options.timeoutMs;
    let lastRefresh = 0;
    for (;;) {
      if (Date.now() - lastRefresh > 5000) {
        await this.requestRead(token);
        lastRefresh = Date.now();
        options.log?.(
          `Asked the catalog to read ${this.locationRef} (${this.target})`,
        );
      }
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs },
        { token },
      );
      const missing = entityRefs.filter((_, i) => !items[i]);
      if (missing.length === 0) return items as Entity[];
      if (Date.now() > deadline) {
        throw new Error(
          `The catalog has not shown ${missing.join(', ')} after ${Math.round(
            options.timeoutMs / 1000,
          )} s; the repository is published, so the catalog will pick it up on its next pass. Check the catalog's processing errors for ${
            this.target
          } if it does not.`,
        );
      }
      await sleep(500, options.signal);
    }
  }
}
