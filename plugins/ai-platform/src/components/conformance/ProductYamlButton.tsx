import { ChecklistVersion } from '@ai-platform/plugin-ai-platform-common';
import { toastApiRef, useApi } from '@backstage/frontend-plugin-api';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Download from '@mui/icons-material/Download';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { downloadText } from '../shared/downloadText';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';

/** Downloads the draft PRODUCT.yaml self-assessment as `<cluster>-PRODUCT.yaml`. */
export function ProductYamlButton(props: {
  cluster: string;
  checklistVersion?: ChecklistVersion;
  compact?: boolean;
}) {
  const api = useAiPlatformApi();
  const toastApi = useApi(toastApiRef);
  const [state, download] = useAsyncFn(async () => {
    try {
      const yaml = await api.getProductYaml(props.cluster, {
        checklistVersion: props.checklistVersion,
      });
      downloadText(`${props.cluster}-PRODUCT.yaml`, yaml);
    } catch (e) {
      toastApi.post({
        title: `Could not download PRODUCT.yaml for ${props.cluster}`,
        description: (e as Error).message,
        status: 'danger',
      });
    }
  }, [api, toastApi, props.cluster, props.checklistVersion]);
  const label = `Download PRODUCT.yaml for ${props.cluster}`;
  return props.compact ? (
    <IconButton
      size="small"
      aria-label={label}
      title={label}
      onClick={download}
      disabled={state.loading}
    >
      <Download fontSize="small" />
    </IconButton>
  ) : (
    <Button
      variant="outlined"
      startIcon={<Download />}
      onClick={download}
      disabled={state.loading}
      aria-label={label}
    >
      PRODUCT.yaml
    </Button>
  );
}
