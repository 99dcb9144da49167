/** The site's pages, in the order a class would visit them. */
export const NAV_LINKS = [
  { href: '/', label: 'Home' },
  { href: '/username', label: 'Username' },
  { href: '/sentiment', label: 'Sentiment' },
  { href: '/leaderboard', label: 'Leaderboard' },
  { href: '/weather', label: 'Weather' },
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/simulator', label: 'Simulator' },
  { href: '/classroom', label: 'Classroom' },
] as const;
