import {
  AuthService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { CatalogApi } from '@backstage/catalog-client';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CatalogFileLocation } from '../publish/CatalogFileLocation';
import { LocalGitRepositories } from '../publish/LocalGitRepository';
import { readCatalogInfo } from '../publish/readCatalogInfo';
import { initiatorToken } from './initiatorToken';

export const PUBLISH_LOCAL_ACTION_ID = 'ai-platform:publish:local';

export interface PublishLocalOptions {
  catalog: CatalogApi;
  auth: AuthService;
  /** Absolute folder the repositories go to (`aiPlatform.scaffolder.localPublishDir`). */
  publishDir: string;
  author: { name: string; email: string };
}

/**
 * Publishes the workspace into a local git repository and puts its
 * catalog-info.yaml entities in the catalog: the embedded demo's stand-in
 * for publish:github + catalog:register, needing no external service.
 */
export function createPublishLocalAction(options: PublishLocalOptions) {
  const repositories = new LocalGitRepositories(options.publishDir);
  const location = new CatalogFileLocation(options.catalog, options.publishDir);

  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      'Writes the workspace into a local git repository under aiPlatform.scaffolder.localPublishDir and registers its catalog-info.yaml through the catalog file location of that folder, waiting until the entities are in the catalog.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish locally and register in the catalog',
        example: `steps:
  - id: publish
    name: Publish
    action: ai-platform:publish:local
    input:
      repoName: \${{ parameters.name }}
      description: Serve Qwen3 32B`,
      },
    ],
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/)
            .describe(
              'Repository folder name: lower-case letters, digits, ".", "_", "-"',
            ),
        sourcePath: z =>
          z
            .string()
            .describe(
              'Workspace folder to publish; default the whole workspace',
            )
            .optional(),
        description: z =>
          z.string().describe('First line of the commit message').optional(),
        defaultBranch: z =>
          z
            .string()
            .regex(/^[A-Za-z0-9._/-]+$/)
            .describe('Branch name; default main')
            .optional(),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'catalog-info.yaml path inside the published folder; default catalog-info.yaml',
            )
            .optional(),
        register: z =>
          z
            .boolean()
            .describe('Put the entities in the catalog (default true)')
            .optional(),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(600)
            .describe('How long to wait for the entities to appear; default 60')
            .optional(),
      },
      output: {
        repoPath: z => z.string().describe('Absolute path of the repository'),
        remoteUrl: z => z.string().describe('file:// URL of the repository'),
        commitHash: z => z.string().optional(),
        catalogInfoPath: z => z.string(),
        entityRef: z =>
          z.string().describe('The main entity (its Component if any)'),
        entityRefs: z => z.array(z.string()),
        published: z => z.boolean().describe('False in a dry run'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const sourceDir = resolveSafeChildPath(
        ctx.workspacePath,
        input.sourcePath ?? '.',
      );
      const catalogInfoRelative = input.catalogInfoPath ?? 'catalog-info.yaml';
      const catalogInfoSource = resolveSafeChildPath(
        sourceDir,
        catalogInfoRelative,
      );
      let text: string;
      try {
        text = await fsp.readFile(catalogInfoSource, 'utf8');
      } catch {
        throw new InputError(
          `There is no ${catalogInfoRelative} in the workspace${
            input.sourcePath ? ` folder ${input.sourcePath}` : ''
          } to register; the template's fetch step should write one`,
        );
      }
      const { entityRefs, primary } = readCatalogInfo(
        text,
        catalogInfoRelative,
      );

      const repoPath = repositories.pathOf(input.repoName);
      const catalogInfoFile = path.join(repoPath, catalogInfoRelative);
      const remoteUrl = pathToFileURL(repoPath).toString();
      const register = input.register !== false;
      const token = await initiatorToken(options.auth, ctx, 'catalog');

      const ownership = await repositories.checkAvailable(
        input.repoName,
        ctx.task.id,
      );
      if (register) {
        await location.checkNoConflicts(entityRefs, catalogInfoFile, token);
        // Fails before anything is written when the catalog has no location for the folder.
        if (!ctx.isDryRun) await location.requestRead(token);
      }

      ctx.output('repoPath', repoPath);
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('catalogInfoPath', catalogInfoFile);
      ctx.output('entityRef', primary);
      ctx.output('entityRefs', entityRefs);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit the workspace to ${repoPath} and ${
            register
              ? `register ${entityRefs.join(', ')} through ${location.target}`
              : 'not register it'
          }; nothing was written`,
        );
        ctx.output('published', false);
        return;
      }

      const published = await ctx.checkpoint({
        key: `publish-${input.repoName}`,
        fn: async () => {
          const result = await repositories.publish({
            name: input.repoName,
            sourceDir,
            taskId: ctx.task.id,
            message: input.description ?? `Create ${input.repoName}`,
            author: options.author,
            defaultBranch: input.defaultBranch,
          });
          return { commit: result.commit, reused: result.reused };
        },
      });
      ctx.logger.info(
        `${
          published.reused || ownership === 'ours'
            ? 'Already published'
            : 'Published'
        } ${repoPath} at commit ${published.commit}`,
      );
      ctx.output('commitHash', published.commit);

      if (register) {
        await location.registerAndWait({
          entityRefs,
          token,
          timeoutMs: (input.timeoutSeconds ?? 60) * 1000,
          signal: ctx.signal,
          log: message => ctx.logger.info(message),
        });
        ctx.logger.info(`In the catalog: ${entityRefs.join(', ')}`);
      }
      ctx.output('published', true);
    },
  });
}
