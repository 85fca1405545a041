import { ReactNode, useMemo } from 'react';
import {
  createTheme,
  Theme,
  ThemeProvider,
  useTheme,
} from '@mui/material/styles';

/**
 * The Backstage app provides a MUI 5 theme; MUI 7 components expect theme
 * functions a MUI 5 theme lacks (`theme.alpha`, ...). This derives a MUI 7
 * theme from the app's palette and typography, so the plugin's components
 * follow the app's light/dark theme without crashing.
 */
export function AiPlatformThemeProvider(props: { children: ReactNode }) {
  const outer = useTheme() as Partial<Theme>;
  const theme = useMemo(() => bridgeTheme(outer), [outer]);
  return <ThemeProvider theme={theme}>{props.children}</ThemeProvider>;
}

function bridgeTheme(outer: Partial<Theme>): Theme {
  const p = outer.palette;
  const pick = (c?: { main?: string }) =>
    c?.main ? { main: c.main } : undefined;
  return createTheme({
    palette: {
      mode: p?.mode === 'dark' ? 'dark' : 'light',
      ...(pick(p?.primary) && { primary: pick(p?.primary) }),
      ...(pick(p?.secondary) && { secondary: pick(p?.secondary) }),
      ...(pick(p?.error) && { error: pick(p?.error) }),
      ...(pick(p?.warning) && { warning: pick(p?.warning) }),
      ...(pick(p?.info) && { info: pick(p?.info) }),
      ...(pick(p?.success) && { success: pick(p?.success) }),
      ...(p?.background && {
        background: {
          default: p.background.default,
          paper: p.background.paper,
        },
      }),
      ...(p?.text && {
        text: { primary: p.text.primary, secondary: p.text.secondary },
      }),
    },
    typography: outer.typography?.fontFamily
      ? { fontFamily: outer.typography.fontFamily }
      : undefined,
  });
}
