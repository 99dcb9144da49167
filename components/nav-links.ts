/**
 * The site's pages that are not scenarios, in the order a class would visit them. The scenario
 * pages come from the registry (each scenario's `page`) and are shown right after Home.
 */
export const NAV_LINKS = [
  { href: '/', label: 'Home' },
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/simulator', label: 'Simulator' },
  { href: '/next-cache', label: 'Next cache' },
  { href: '/eviction', label: 'Eviction lab' },
  { href: '/failures', label: 'Failure lab' },
  { href: '/classroom', label: 'Classroom' },
] as const;

export interface NavLink {
  href: string;
  label: string;
}

/** Home, the scenarios, then the rest. */
export function siteLinks(scenarioLinks: readonly NavLink[]): NavLink[] {
  const [home, ...rest] = NAV_LINKS;
  return [home, ...scenarioLinks, ...rest];
}
