import {
  fakeConformance,
  fakeInventory,
  fakeSnapshots,
  permissionsDenying,
  registry,
} from './__testUtils__/fakes';
import { fakeCatalog } from './__testUtils__/catalogFixtures';
import { z } from 'zod/v3';
import {
  registerAiPlatformActions,
  withSchemasBuiltOnce,
} from './registerAiPlatformActions';

describe('registerAiPlatformActions', () => {
  function registered() {
    const actions = registry();
    registerAiPlatformActions({
      actionsRegistry: actions,
      snapshots: fakeSnapshots([]),
      inventory: fakeInventory({}).service,
      conformance: fakeConformance({}).service,
      catalog: fakeCatalog(),
      permissions: permissionsDenying(),
    });
    return actions;
  }

  it('registers every tool, read-only, with the permission that guards its data', () => {
    const actions = registered();
    const summary = [...actions.actions.values()].map(a => ({
      name: a.name,
      attributes: a.attributes,
      permission: a.visibilityPermission?.name,
    }));
    const readOnly = { readOnly: true, destructive: false, idempotent: true };
    expect(summary).toEqual([
      {
        name: 'list-clusters',
        attributes: readOnly,
        permission: 'ai-platform.cluster.read',
      },
      {
        name: 'get-cluster',
        attributes: readOnly,
        permission: 'ai-platform.cluster.read',
      },
      {
        name: 'get-gpu-inventory',
        attributes: readOnly,
        permission: 'ai-platform.inventory.read',
      },
      {
        name: 'find-gpu-capacity',
        attributes: readOnly,
        permission: 'ai-platform.inventory.read',
      },
      {
        name: 'get-conformance-scorecard',
        attributes: readOnly,
        permission: 'ai-platform.scorecard.read',
      },
      {
        name: 'explain-conformance-requirement',
        attributes: readOnly,
        permission: 'ai-platform.scorecard.read',
      },
      // Catalog reads: the catalog's own permissions apply to the caller's credentials.
      { name: 'list-models', attributes: readOnly, permission: undefined },
      { name: 'get-model', attributes: readOnly, permission: undefined },
      { name: 'list-agents', attributes: readOnly, permission: undefined },
      { name: 'get-agent', attributes: readOnly, permission: undefined },
      {
        name: 'recommend-model-placement',
        attributes: readOnly,
        permission: 'ai-platform.inventory.read',
      },
    ]);
  });

  it('names tools as kebab-case verbs and describes every input an agent can give', async () => {
    const { actions } = await registered().list();
    for (const action of actions) {
      expect(action.name).toMatch(
        /^(list|get|find|explain|recommend)-[a-z]+(-[a-z0-9]+)*$/,
      );
      expect(action.title.length).toBeGreaterThan(5);
      expect(action.description.length).toBeGreaterThan(100);
      const input = action.schema.input as {
        type: string;
        properties: Record<string, { description?: string }>;
      };
      expect(input.type).toBe('object');
      for (const [name, property] of Object.entries(input.properties)) {
        expect({
          tool: action.name,
          name,
          described: !!property.description?.trim(),
        }).toEqual({
          tool: action.name,
          name,
          described: true,
        });
      }
      const output = action.schema.output as {
        properties: Record<string, unknown>;
      };
      expect({
        tool: action.name,
        summary: 'summary' in output.properties,
      }).toEqual({
        tool: action.name,
        summary: true,
      });
    }
  });

  it('builds each schema once, however often the registry asks', async () => {
    const actions = registry();
    const input = jest.fn((zod: typeof z) => zod.object({ n: zod.number() }));
    const output = jest.fn((zod: typeof z) => zod.object({ n: zod.number() }));
    withSchemasBuiltOnce(actions).register({
      name: 'double',
      title: 'Double',
      description: 'Doubles n',
      attributes: { readOnly: true, destructive: false, idempotent: true },
      schema: { input, output },
      action: async ({ input: { n } }) => ({ output: { n: n * 2 } }),
    });
    const first = await actions.list();
    const second = await actions.list();
    expect(second).toEqual(first);
    expect(
      await actions.invoke({ id: 'test:double', input: { n: 2 } }),
    ).toEqual({
      output: { n: 4 },
    });
    expect(input).toHaveBeenCalledTimes(1);
    expect(output).toHaveBeenCalledTimes(1);
  });
});
