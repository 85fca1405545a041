import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readManifestFiles } from '../manifests/readManifestFiles';
import { formatProblem } from '../manifests/types';
import { validateManifests } from '../manifests/validateManifests';

export const MANIFESTS_VALIDATE_ACTION_ID = 'ai-platform:manifests:validate';

/** How many problems the failure message lists; the log has them all. */
const MAX_PROBLEMS_IN_ERROR = 20;

/**
 * Validates the Kubernetes YAML (and catalog-info.yaml entities) a template
 * generated: each object against the schema of its kind, then the rules
 * between fields and objects. Fails the step when anything is invalid,
 * naming the file, document, object and field of each problem.
 */
export function createManifestsValidateAction() {
  return createTemplateAction({
    id: MANIFESTS_VALIDATE_ACTION_ID,
    description:
      'Validates generated Kubernetes manifests (core kinds and the AI CRDs: InferencePool, InferenceService, kagent, Kueue, JobSet, Volcano, HTTPRoute) and catalog entities in the workspace. Fails with each problem: file, document index, kind/name and JSON path.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Validate what fetch:template wrote to manifests/',
        example: `steps:
  - id: validate
    name: Validate manifests
    action: ai-platform:manifests:validate
    input:
      paths: [manifests, catalog-info.yaml]`,
      },
    ],
    schema: {
      input: {
        paths: z =>
          z
            .array(z.string().min(1))
            .min(1)
            .describe(
              'Files or folders (searched recursively for .yaml/.yml) relative to the workspace. Default: the whole workspace.',
            )
            .optional(),
        allowUnknownKinds: z =>
          z
            .boolean()
            .describe(
              'Accept kinds without a schema here instead of failing on them. Default false.',
            )
            .optional(),
      },
      output: {
        objects: z => z.number().describe('Kubernetes objects validated'),
        entities: z => z.number().describe('Catalog entities validated'),
        files: z => z.array(z.string()).describe('Files read'),
        kinds: z =>
          z.array(z.string()).describe('Kinds found, as apiVersion/kind'),
      },
    },
    async handler(ctx) {
      const paths = ctx.input.paths ?? ['.'];
      const read = await readManifestFiles(ctx.workspacePath, paths);
      const result = await validateManifests(read.documents, {
        allowUnknownKinds: ctx.input.allowUnknownKinds,
      });
      const problems = [...read.problems, ...result.problems];
      const count = result.objects.length + result.entities.length;
      if (count === 0 && problems.length === 0) {
        throw new InputError(
          `No Kubernetes objects or catalog entities found in ${paths.join(
            ', ',
          )}`,
        );
      }
      if (problems.length) {
        for (const problem of problems) {
          ctx.logger.error(formatProblem(problem));
        }
        const shown = problems
          .slice(0, MAX_PROBLEMS_IN_ERROR)
          .map(formatProblem);
        const more = problems.length - shown.length;
        throw new InputError(
          `${problems.length} problem${
            problems.length === 1 ? '' : 's'
          } in the generated manifests:\n${shown.join('\n')}${
            more > 0 ? `\n... and ${more} more (see the log)` : ''
          }`,
        );
      }
      const kinds = [
        ...new Set(
          [...result.objects, ...result.entities].map(
            o => `${o.apiVersion}/${o.kind}`,
          ),
        ),
      ].sort();
      ctx.logger.info(
        `Validated ${result.objects.length} Kubernetes object(s) and ${
          result.entities.length
        } catalog entit${result.entities.length === 1 ? 'y' : 'ies'} in ${
          read.files.length
        } file(s): ${kinds.join(', ')}`,
      );
      ctx.output('objects', result.objects.length);
      ctx.output('entities', result.entities.length);
      ctx.output('files', read.files);
      ctx.output('kinds', kinds);
    },
  });
}
