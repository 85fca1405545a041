import { readCatalogInfo } from './readCatalogInfo';

describe('readCatalogInfo', () => {
  it('lists the refs and links the Component, else the first entity that is not a Location', () => {
    expect(
      readCatalogInfo(
        'kind: Location\nmetadata: {name: l}\n---\nkind: Agent\nmetadata: {name: a, namespace: team}\n---\nkind: Component\nmetadata: {name: c}\n',
        'catalog-info.yaml',
      ),
    ).toEqual({
      entityRefs: ['location:default/l', 'agent:team/a', 'component:default/c'],
      primary: 'component:default/c',
    });
    expect(
      readCatalogInfo(
        'kind: Location\nmetadata: {name: l}\n---\nkind: Model\nmetadata: {name: m}\n',
        'x',
      ).primary,
    ).toBe('model:default/m');
  });

  it('refuses files that are not entities', () => {
    expect(() => readCatalogInfo('', 'c.yaml')).toThrow(
      'c.yaml declares no entities',
    );
    expect(() => readCatalogInfo('kind: Component\n', 'c.yaml')).toThrow(
      'c.yaml[0] is not a catalog entity (it needs kind and metadata.name)',
    );
    expect(() => readCatalogInfo('a: [', 'c.yaml')).toThrow(
      /c\.yaml\[0\] is not valid YAML/,
    );
  });
});
