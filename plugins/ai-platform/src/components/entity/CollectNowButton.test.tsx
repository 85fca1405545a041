import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiPlatformExtensions as x } from '../../plugin';
import { createFakeAiPlatformApi } from '../../testing/fakeApi';
import { renderEntity } from '../../__testUtils__/renderEntity';
import { clusterEntity } from '../../testing/entities';

// Its own file: usePermission keeps the first answer for a permission for
// the whole file, and here the user may trigger collections.
describe('collecting a cluster from its entity page', () => {
  it('collects the cluster now for a user allowed to, and shows the result', async () => {
    const fresh = createFakeAiPlatformApi();
    const first = await fresh.getCluster('h100-prod');
    const collected = {
      ...first,
      lastAttemptAt: '2030-01-01T00:00:00.000Z',
      kubernetesVersion: { ...first.kubernetesVersion!, gitVersion: 'v1.35.9' },
    };
    // The old status until the collection was asked for, then the new one.
    let asked = false;
    fresh.refreshCluster.mockImplementation(async () => {
      asked = true;
      return { accepted: true };
    });
    fresh.getCluster.mockImplementation(async () =>
      asked ? collected : first,
    );
    const toast = jest.fn(() => ({ close: () => {} }));
    renderEntity(clusterEntity, x.clusterSummaryCard, fresh, {
      mayRefresh: true,
      toast,
    });
    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Collect h100-prod now' },
        { timeout: 5000 },
      ),
    );
    expect(fresh.refreshCluster).toHaveBeenCalledWith('h100-prod');
    expect(
      await screen.findByText('v1.35.9', {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(toast).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Collected h100-prod',
        status: 'success',
      }),
    );
  }, 20_000);
});
