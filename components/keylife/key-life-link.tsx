import Link from 'next/link';
import { keyLifeHref } from './describe';

/** "What happened to this key": its timeline page. */
export function KeyLifeLink({ fullKey, className = '' }: { fullKey: string; className?: string }) {
  return (
    <Link href={keyLifeHref(fullKey)} className={`font-semibold text-indigo-700 underline-offset-2 hover:underline ${className}`} data-testid="key-life-link">
      What happened to this key →
    </Link>
  );
}
