import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleAiPlatform } from './module';

describe('scaffolderModuleAiPlatform', () => {
  it('registers the golden-path actions with their input schemas', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderBackend,
        scaffolderModuleAiPlatform,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost:7007' } },
        }),
      ],
    });
    const response = await request(server).get('/api/scaffolder/v2/actions');
    expect(response.status).toBe(200);
    const actions = Object.fromEntries(
      (response.body as { id: string; schema: { input: any } }[]).map(a => [
        a.id,
        a,
      ]),
    );
    expect(Object.keys(actions)).toEqual(
      expect.arrayContaining([
        'ai-platform:gpu:place',
        'ai-platform:model:resolve',
        'ai-platform:mcp:resolve',
        'ai-platform:manifests:validate',
        'ai-platform:publish:local',
      ]),
    );
    const place = actions['ai-platform:gpu:place'].schema.input;
    expect(place.required).toEqual(['count']);
    expect(place.properties.count).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 64,
    });
    expect(actions['ai-platform:publish:local'].schema.input.required).toEqual([
      'repoName',
    ]);
  });
});
