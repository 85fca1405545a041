import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { AiPlatformThemeProvider } from '../shared/AiPlatformThemeProvider';
import { RequirementEvidence } from './EvidenceList';

describe('RequirementEvidence', () => {
  it('tells evidence for and against apart in words and color, and says what it cannot prove', async () => {
    renderInTestApp(
      <AiPlatformThemeProvider>
        <RequirementEvidence
          label="Evidence"
          result={{
            id: 'dra_support',
            kar: 'KAR-0051',
            category: 'accelerators',
            level: 'MUST',
            title: 'DRA',
            verdict: 'fail',
            reason: 'resource.k8s.io is not served',
            evidence: [
              {
                strength: 'strong',
                supports: false,
                summary: 'API discovery lists no resource.k8s.io group',
              },
              {
                strength: 'medium',
                supports: true,
                summary: 'A DRA driver DaemonSet runs',
              },
            ],
            cannotProve: 'Allocation end to end',
          }}
        />
      </AiPlatformThemeProvider>,
    );
    expect(
      (await screen.findByText('strong, against')).closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'error');
    expect(
      screen.getByText('medium, for').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'info');
    expect(screen.getByText('Allocation end to end')).toBeInTheDocument();
    expect(screen.getByText('Fail')).toBeInTheDocument();
  });
});
