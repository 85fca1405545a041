import { ModelEntityV1alpha1 } from '@ai-platform/plugin-ai-platform-common';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { AiPlatformThemeProvider } from '../shared/AiPlatformThemeProvider';
import { Section } from '../shared/Section';
import { Loadable } from '../shared/Loadable';
import { orDash } from '../shared/format';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import {
  describeGpuNeeds,
  modelFitRequest,
  serversOf,
} from '../catalog/entityHelpers';
import { ServedOn } from '../catalog/ServedOn';
import { CapacityFitResult } from '../inventory/CapacityFitBox';
import { FactList } from './FactList';

function WhereItFits(props: { model: ModelEntityV1alpha1 }) {
  const api = useAiPlatformApi();
  const request = modelFitRequest(props.model);
  const state = useAsync(
    async () =>
      request ? api.fitCapacity({ ...request, limit: 5 }) : undefined,
    [api, JSON.stringify(request)],
  );
  if (!request) {
    return (
      <Typography variant="body2" color="text.secondary">
        Add <code>spec.resources</code> (gpuMemoryGiB, recommendedGpus) to see
        where this model fits.
      </Typography>
    );
  }
  if (state.error)
    return (
      <ResponseErrorPanel
        error={state.error}
        title="Could not check capacity"
      />
    );
  if (state.loading || !state.value) return <Progress />;
  return (
    <>
      <Typography variant="body2" color="text.secondary">
        One replica: {request.count} × at least {request.minMemoryGiB} GiB on
        one node.
      </Typography>
      <CapacityFitResult fit={state.value} />
    </>
  );
}

/** What a Model is, where it is served and where it would fit now. */
export function ModelCard() {
  const { entity } = useEntity();
  const model = entity as ModelEntityV1alpha1;
  const spec = model.spec ?? ({} as ModelEntityV1alpha1['spec']);
  const catalogApi = useApi(catalogApiRef);
  const servers = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component', 'spec.type': 'model-server' },
    });
    return serversOf(entity, items);
  }, [catalogApi, entity]);

  return (
    <AiPlatformThemeProvider>
      <Section title="Model">
        <FactList
          facts={[
            [
              'Source',
              spec.source ? (
                <>
                  <code>{spec.source.uri}</code>
                  {spec.source.digest && (
                    <>
                      <br />
                      <code>{spec.source.digest}</code>
                    </>
                  )}
                </>
              ) : (
                '—'
              ),
            ],
            ['Type', orDash(spec.type)],
            ['Format', orDash(spec.format)],
            ['Size', spec.parameters ? `${spec.parameters} parameters` : '—'],
            [
              'Precision',
              [spec.precision, spec.quantization].filter(Boolean).join(', ') ||
                '—',
            ],
            ['Architecture', orDash(spec.architecture)],
            [
              'Context length',
              spec.contextLength
                ? `${spec.contextLength.toLocaleString('en-US')} tokens`
                : '—',
            ],
            ['License', orDash(spec.license)],
            ['GPU needs', orDash(describeGpuNeeds(model))],
          ]}
        />
        <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
          Served on
        </Typography>
        <Loadable state={servers} errorTitle="Could not read model servers">
          {list => <ServedOn servers={list} />}
        </Loadable>
        <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
          Where it would fit now
        </Typography>
        <WhereItFits model={model} />
      </Section>
    </AiPlatformThemeProvider>
  );
}
