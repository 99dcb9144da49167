/** The site's pages, in the order a class would visit them. */
export const NAV_LINKS = [
  { href: '/', label: 'Home' },
  { href: '/username', label: 'Username' },
  { href: '/simulator', label: 'Simulator' },
] as const;
