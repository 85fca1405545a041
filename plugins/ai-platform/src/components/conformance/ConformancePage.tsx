import { ChecklistVersion } from '@ai-platform/plugin-ai-platform-common';
import { EmptyState } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { Loadable } from '../shared/Loadable';
import { PageContent } from '../shared/PageContent';
import { Section } from '../shared/Section';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { ChecklistSelect } from './ChecklistSelect';
import { ClusterHistory } from './ClusterHistory';
import { ConformanceMatrixTable } from './ConformanceMatrixTable';
import { ProductYamlButton } from './ProductYamlButton';
import { RequirementDialog } from './RequirementDialog';
import { ScorecardCacheProvider } from './ScorecardCache';

const versions: ChecklistVersion[] = ['1.33', '1.34', '1.35', '1.36', '1.37'];

/**
 * Clusters scored against a checklist version. The version, the open
 * requirement and the chosen cluster are in the URL.
 */
export function ConformancePage() {
  const api = useAiPlatformApi();
  const [params, setParams] = useSearchParams();
  const requested = params.get('checklist') as ChecklistVersion | null;
  const version =
    requested && versions.includes(requested) ? requested : undefined;
  const requirementId = params.get('requirement') ?? undefined;
  const cluster = params.get('cluster') ?? undefined;
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const checklists = useAsync(() => api.listChecklists(), [api]);
  const matrix = useAsync(
    () => api.getConformanceMatrix({ checklistVersion: version }),
    [api, version],
  );
  const shownVersion = version ?? matrix.value?.checklistVersion;
  const checklist = checklists.value?.items.find(
    c => c.version === shownVersion,
  );
  const requirement = checklist?.requirements.find(r => r.id === requirementId);

  return (
    <PageContent>
      <ScorecardCacheProvider>
        <Section
          title="Conformance matrix"
          subtitle="Verdicts from read-only evidence against the CNCF Kubernetes AI Conformance checklist. Open a requirement for its evidence."
          actions={
            checklists.value && (
              <ChecklistSelect
                checklists={checklists.value.items}
                value={shownVersion}
                onChange={v => update({ checklist: v, requirement: undefined })}
              />
            )
          }
        >
          {checklist?.status === 'draft' && (
            <Alert severity="info" sx={{ mb: 2 }}>
              Checklist {checklist.version} is a draft: its requirements may
              still change.
            </Alert>
          )}
          <Loadable
            state={matrix}
            errorTitle="Could not load the conformance matrix"
          >
            {m =>
              m.clusters.length === 0 ? (
                <EmptyState
                  missing="data"
                  title="No scorecards yet"
                  description="Clusters get a scorecard after their first successful collection."
                />
              ) : (
                <ConformanceMatrixTable
                  matrix={m}
                  onOpenRequirement={id => update({ requirement: id })}
                  onSelectCluster={c => update({ cluster: c })}
                />
              )
            }
          </Loadable>
        </Section>
        {cluster && (
          <Section
            title={`History of ${cluster}`}
            subtitle="Verdict changes between evaluations, newest first."
            actions={
              <Stack direction="row" spacing={1}>
                <ProductYamlButton
                  cluster={cluster}
                  checklistVersion={shownVersion}
                />
              </Stack>
            }
          >
            <ClusterHistory cluster={cluster} />
          </Section>
        )}
        {checklists.error && (
          <Typography color="error" role="alert">
            Could not load the checklists: {checklists.error.message}
          </Typography>
        )}
        {requirementId && matrix.value && requirement && (
          <RequirementDialog
            requirement={requirement}
            matrix={matrix.value}
            onClose={() => update({ requirement: undefined })}
          />
        )}
      </ScorecardCacheProvider>
    </PageContent>
  );
}
