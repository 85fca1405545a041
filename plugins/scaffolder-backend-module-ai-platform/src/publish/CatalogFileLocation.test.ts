import {
  configLocationEntityRef,
  publishedLocationTarget,
} from './CatalogFileLocation';

describe('the catalog location of published repositories', () => {
  it('is a glob of catalog-info.yaml files under the publish folder', () => {
    expect(publishedLocationTarget('/srv/portal/.data/published')).toBe(
      '/srv/portal/.data/published/*/catalog-info.yaml',
    );
  });

  it('has the Location entity ref the catalog gives config locations', () => {
    // The catalog names a config location `generated-<sha1 of "file:<target>">`;
    // checked against the ref a running catalog backend gave its own file location.
    expect(configLocationEntityRef('/srv/portal/catalog-info.yaml')).toBe(
      'location:default/generated-b34f5a64b394d4de56b1388dce2e74efd0126990',
    );
  });
});
