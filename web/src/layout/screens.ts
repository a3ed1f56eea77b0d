import { type Breakpoint, theme } from 'antd';
// Grid.useBreakpoint drops its arguments; the hook behind it takes the first answer.
import useBreakpoint from 'antd/es/grid/hooks/useBreakpoint';
import { useState } from 'react';

type Screens = Partial<Record<Breakpoint, boolean>>;

/**
 * antd's Grid.useBreakpoint, but right from the first render: antd's own answers `{}` until its effect has run, so a
 * phone first rendered the desktop layout (the home's task table, with its styles and a forced layout) and then
 * replaced it by the cards. This asks the same media queries, on the same theme breakpoints, once at mount.
 */
export function useScreens(): Screens {
  const { token } = theme.useToken();
  const [initial] = useState<Screens>(() => {
    if (typeof window === 'undefined' || !window.matchMedia) return {};
    const queries: Record<Breakpoint, string> = {
      xs: `(max-width: ${token.screenXSMax}px)`,
      sm: `(min-width: ${token.screenSM}px)`,
      md: `(min-width: ${token.screenMD}px)`,
      lg: `(min-width: ${token.screenLG}px)`,
      xl: `(min-width: ${token.screenXL}px)`,
      xxl: `(min-width: ${token.screenXXL}px)`,
      xxxl: `(min-width: ${token.screenXXXL}px)`,
    };
    return Object.fromEntries(Object.entries(queries).map(([k, q]) => [k, window.matchMedia(q).matches])) as Screens;
  });
  return useBreakpoint(true, initial);
}
