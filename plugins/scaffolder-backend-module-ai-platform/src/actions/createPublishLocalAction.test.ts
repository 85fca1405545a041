import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import {
  configLocationEntityRef,
  publishedLocationTarget,
} from '../publish/CatalogFileLocation';
import { createPublishLocalAction } from './createPublishLocalAction';

const catalogInfo = `apiVersion: ai-platform.dev/v1alpha1
kind: Model
metadata:
  name: chat-model
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: chat
spec:
  type: model-server
  lifecycle: experimental
  owner: group:default/applied-ai
`;

/** A catalog that, like the real one, refreshes only the locations it has. */
class CatalogWithLocations extends InMemoryCatalogClient {
  readonly refreshed: string[] = [];
  constructor(entities: Entity[], private readonly locations: string[]) {
    super({ entities });
  }
  async refreshEntity(entityRef: string) {
    if (!this.locations.includes(entityRef)) {
      throw new NotFoundError(`Failed to schedule ${entityRef} for refresh`);
    }
    this.refreshed.push(entityRef);
  }
}

describe('ai-platform:publish:local', () => {
  const workspace = createMockDirectory();
  const publish = createMockDirectory();
  const author = { name: 'Scaffolder', email: 'scaffolder@backstage.io' };

  const locationRef = () =>
    configLocationEntityRef(publishedLocationTarget(publish.path));

  function action(entities: Entity[], locations: string[]) {
    return createPublishLocalAction({
      catalog: new CatalogWithLocations(entities, locations),
      auth: mockServices.auth(),
      publishDir: publish.path,
      author,
    });
  }

  async function run(
    entities: Entity[],
    input: JsonObject,
    extra: Record<string, unknown> = {},
    locations: string[] = [locationRef()],
  ) {
    const logger = mockServices.logger.mock();
    const ctx = {
      ...createMockActionContext({
        input,
        workspacePath: workspace.path,
        logger,
      }),
      ...extra,
    };
    await action(entities, locations).handler(ctx as any);
    return {
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
      logger,
    };
  }

  beforeEach(() => {
    publish.clear();
    workspace.setContent({
      'catalog-info.yaml': catalogInfo,
      'manifests/deployment.yaml': 'kind: Deployment\n',
      'README.md': '# chat\n',
    });
  });

  it('commits the workspace to a local repository, once per task', async () => {
    const { outputs } = await run([], {
      repoName: 'chat',
      register: false,
      description: 'Serve chat',
    });
    const repo = path.join(publish.path, 'chat');
    expect(outputs).toMatchObject({
      repoPath: repo,
      remoteUrl: `file://${repo}`,
      catalogInfoPath: path.join(repo, 'catalog-info.yaml'),
      entityRef: 'component:default/chat',
      entityRefs: ['model:default/chat-model', 'component:default/chat'],
      published: true,
    });
    expect(
      fs.readFileSync(path.join(repo, 'manifests/deployment.yaml'), 'utf8'),
    ).toBe('kind: Deployment\n');
    const log = await git.log({ fs, dir: repo });
    expect(log).toHaveLength(1);
    expect(log[0].oid).toBe(outputs.commitHash);
    expect(log[0].commit.message).toBe(
      'Serve chat\n\nScaffolder-Task: mock-task-id\n',
    );
    expect(log[0].commit.author.name).toBe('Scaffolder');
    const status = await git.statusMatrix({ fs, dir: repo });
    expect(
      status.every(
        ([, head, work, stage]) => head === 1 && work === 1 && stage === 1,
      ),
    ).toBe(true);
    // No staging folders are left behind for the catalog glob to see.
    expect(fs.readdirSync(publish.path)).toEqual(['chat']);

    // A recovered task runs the step again: same repository, same commit.
    const again = await run([], { repoName: 'chat', register: false });
    expect(again.outputs.commitHash).toBe(outputs.commitHash);
    expect(again.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Already published/),
    );

    // Another task may not take the name.
    await expect(
      run(
        [],
        { repoName: 'chat', register: false },
        { task: { id: 'other-task' } },
      ),
    ).rejects.toThrow(
      /A repository named "chat" already exists in .*; choose another name/,
    );
  });

  it('writes nothing in a dry run', async () => {
    const { outputs, logger } = await run(
      [],
      { repoName: 'chat' },
      { isDryRun: true },
    );
    expect(outputs.published).toBe(false);
    expect(outputs.entityRef).toBe('component:default/chat');
    expect(fs.readdirSync(publish.path)).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Dry run: would commit the workspace to .*chat and register model:default\/chat-model, component:default\/chat through .*\/\*\/catalog-info\.yaml; nothing was written$/,
      ),
    );
  });

  it('says how to configure the catalog location when there is none', async () => {
    await expect(run([], { repoName: 'chat' }, {}, [])).rejects.toThrow(
      `The catalog has no location for published repositories. Add to app-config.yaml:\ncatalog:\n  locations:\n    - type: file\n      target: ${publishedLocationTarget(
        publish.path,
      )}`,
    );
    expect(fs.readdirSync(publish.path)).toEqual([]);
  });

  it('refuses entity names another location owns, before writing anything', async () => {
    const taken: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'chat',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/chat/blob/main/catalog-info.yaml',
        },
      },
      spec: {},
    };
    await expect(run([taken], { repoName: 'chat' })).rejects.toThrow(
      'component:default/chat is already in the catalog (from url:https://github.com/acme/chat/blob/main/catalog-info.yaml); choose another name',
    );
    expect(fs.readdirSync(publish.path)).toEqual([]);
  });

  it('refuses unsafe names and workspaces without a catalog-info.yaml', async () => {
    await expect(
      run([], { repoName: '../escape', register: false }),
    ).rejects.toThrow(
      /Repository name "\.\.\/escape" must be 1 to 63 lower-case letters/,
    );
    workspace.setContent({ 'README.md': '# no entity' });
    await expect(
      run([], { repoName: 'chat', register: false }),
    ).rejects.toThrow(
      "There is no catalog-info.yaml in the workspace to register; the template's fetch step should write one",
    );
  });
});
