import {
  validateAgentEntity,
  validateModelEntity,
} from '@ai-platform/plugin-ai-platform-common';
import {
  apiEntityV1alpha1Validator,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { mcpServerApiEntityValidator } from '@backstage/catalog-model/alpha';
import fs from 'node:fs';
import path from 'node:path';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';

/** The example entities in /examples and the root catalog-info.yaml, as the demo loads them. */
const ROOT = path.resolve(__dirname, '../../..');
const files = [
  'catalog-info.yaml',
  ...fs
    .readdirSync(path.join(ROOT, 'examples'))
    .filter(f => f.endsWith('.yaml'))
    .map(f => `examples/${f}`),
];
const entities: Entity[] = files.flatMap(file =>
  [
    ...parseEntityYaml(fs.readFileSync(path.join(ROOT, file)), {
      type: 'file',
      target: file,
    }),
  ].map(result => {
    if (result.type !== 'entity') throw new Error(`${file}: ${result.type}`);
    return result.entity;
  }),
);
const refs = new Set(entities.map(e => stringifyEntityRef(e)));
const ofKind = (kind: string) => entities.filter(e => e.kind === kind);

describe('example entities', () => {
  it('are listed in the root Location', () => {
    const location = entities.find(e => e.kind === 'Location')!;
    for (const file of ['models', 'agents', 'mcp-servers']) {
      expect(location.spec!.targets).toContain(`./examples/${file}.yaml`);
    }
  });

  it('include at least four Models of different formats and sizes, and two Agents', () => {
    const models = ofKind('Model');
    expect(models.length).toBeGreaterThanOrEqual(4);
    expect(
      new Set(models.map(m => m.spec!.format)).size,
    ).toBeGreaterThanOrEqual(3);
    expect(new Set(models.map(m => m.spec!.type))).toEqual(
      new Set(['llm', 'embedding', 'reranker']),
    );
    expect(ofKind('Agent').length).toBeGreaterThanOrEqual(2);
  });

  it.each(ofKind('Model').map(e => [stringifyEntityRef(e), e] as const))(
    '%s is a valid Model',
    (_ref, model) => {
      expect(validateModelEntity(model)).toEqual([]);
    },
  );

  it.each(ofKind('Agent').map(e => [stringifyEntityRef(e), e] as const))(
    '%s is a valid Agent whose models and tools exist',
    (_ref, agent) => {
      expect(validateAgentEntity(agent)).toEqual([]);
      for (const model of agent.spec!.models as string[]) {
        expect(refs).toContain(
          stringifyEntityRef(
            parseEntityRef(model, {
              defaultKind: 'Model',
              defaultNamespace: 'default',
            }),
          ),
        );
      }
      for (const tool of agent.spec!.tools as string[]) {
        const ref = stringifyEntityRef(
          parseEntityRef(tool, {
            defaultKind: 'API',
            defaultNamespace: 'default',
          }),
        );
        const api = entities.find(e => stringifyEntityRef(e) === ref);
        expect(api?.spec?.type).toBe('mcp-server');
      }
    },
  );

  it('has MCP server APIs the built-in and the upstream mcp-server validators accept', async () => {
    const apis = ofKind('API').filter(a => a.spec?.type === 'mcp-server');
    expect(
      apis.map(a => (a.spec!.remotes as { url: string }[])[0].url),
    ).toContain('http://localhost:7007/api/mcp-actions/v1');
    for (const api of apis) {
      await expect(apiEntityV1alpha1Validator.check(api)).resolves.toBe(true);
      await expect(mcpServerApiEntityValidator.check(api)).resolves.toBe(true);
    }
  });

  it('have owners and systems that exist', () => {
    const declared = [...ofKind('Model'), ...ofKind('Agent'), ...ofKind('API')];
    const missing = declared.flatMap(entity => {
      const wanted = [
        parseEntityRef(entity.spec!.owner as string, {
          defaultKind: 'Group',
          defaultNamespace: 'default',
        }),
        ...(entity.spec!.system
          ? [
              parseEntityRef(entity.spec!.system as string, {
                defaultKind: 'System',
                defaultNamespace: 'default',
              }),
            ]
          : []),
      ].map(ref => stringifyEntityRef(ref));
      return wanted
        .filter(ref => !refs.has(ref))
        .map(ref => `${entity.metadata.name} -> ${ref}`);
    });
    expect(missing).toEqual([]);
  });
});
