import { createTheme, getContrastRatio } from '@mui/material/styles';
import { readableToneColor, Tone } from './StatusBadge';

describe('readableToneColor', () => {
  const tones: Tone[] = ['success', 'warning', 'error', 'info', 'neutral'];

  it.each(['light', 'dark'] as const)(
    'keeps every tone at 4.5:1 or more on %s paper',
    mode => {
      // A palette with weak colors on purpose: bright on light, dim on dark.
      const theme = createTheme({
        palette: {
          mode,
          error: { main: mode === 'dark' ? '#8b0000' : '#ff8a80' },
          warning: { main: mode === 'dark' ? '#8a5a00' : '#ffd180' },
          success: { main: mode === 'dark' ? '#1b5e20' : '#b9f6ca' },
          info: { main: mode === 'dark' ? '#0d47a1' : '#80d8ff' },
        },
      });
      for (const tone of tones) {
        expect(
          getContrastRatio(
            readableToneColor(theme, tone),
            theme.palette.background.paper,
          ),
        ).toBeGreaterThanOrEqual(4.5);
      }
    },
  );
});
