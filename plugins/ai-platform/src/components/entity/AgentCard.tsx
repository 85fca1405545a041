import { Link } from '@backstage/core-components';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import { AiPlatformThemeProvider } from '../shared/AiPlatformThemeProvider';
import { Section } from '../shared/Section';
import { orDash } from '../shared/format';
import { parseRef, stringListSpec, stringSpec } from '../catalog/entityHelpers';
import { FactList } from './FactList';

/** An Agent's runtime, models, MCP tools and A2A card. */
export function AgentCard() {
  const { entity } = useEntity();
  const refs = (field: string, kind: string) =>
    stringListSpec(entity, field)
      .map(r => parseRef(r, kind, entity.metadata.namespace))
      .filter((r): r is NonNullable<typeof r> => r !== undefined);
  const models = refs('models', 'model');
  const tools = refs('tools', 'api');
  const card = stringSpec(entity, 'a2aCard');
  return (
    <AiPlatformThemeProvider>
      <Section title="Agent">
        <FactList
          facts={[
            ['Runtime', orDash(stringSpec(entity, 'runtime'))],
            ['Type', orDash(stringSpec(entity, 'type'))],
            [
              'Models',
              models.length ? (
                <EntityRefLinks entityRefs={models} defaultKind="model" />
              ) : (
                'None'
              ),
            ],
            [
              'MCP tools',
              tools.length ? (
                <EntityRefLinks entityRefs={tools} defaultKind="api" />
              ) : (
                'None'
              ),
            ],
            ['A2A card', card ? <Link to={card}>{card}</Link> : '—'],
          ]}
        />
      </Section>
    </AiPlatformThemeProvider>
  );
}
