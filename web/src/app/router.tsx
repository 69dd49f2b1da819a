import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/**
 * A small history router (no dependency): the path and query of the address bar, navigate() and
 * <Link>. Pages are matched in routes.tsx and loaded with React.lazy (code-split per route).
 */
type Listener = () => void;
const listeners = new Set<Listener>();
let current = snapshot();

function snapshot(): string {
  return `${window.location.pathname}${window.location.search}`;
}

function emit(): void {
  current = snapshot();
  for (const l of listeners) l();
}

window.addEventListener('popstate', emit);

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  emit();
  if (!opts.replace) window.scrollTo(0, 0);
}

function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export interface Location {
  path: string;
  query: URLSearchParams;
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, () => current);
  const u = new URL(href, window.location.origin);
  return { path: u.pathname, query: u.searchParams, href };
}

/** Replaces one query parameter (undefined removes it) without a new history entry. */
export function setQuery(key: string, value: string | undefined): void {
  const u = new URL(window.location.href);
  if (value === undefined || value === '') u.searchParams.delete(key);
  else u.searchParams.set(key, value);
  navigate(`${u.pathname}${u.search}`, { replace: true });
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}

/** What every page receives: the route's parameters. Lives here, not in routes.tsx, so pages never import the table that imports them. */
export interface PageProps {
  params: Record<string, string>;
}

export interface Match {
  name: string;
  params: Record<string, string>;
}

export function match(patterns: ReadonlyArray<readonly [string, string]>, path: string): Match | undefined {
  for (const [name, pattern] of patterns) {
    const keys: string[] = [];
    const re = new RegExp(
      `^${pattern.replace(/\/:([a-zA-Z]+)/g, (_, k: string) => {
        keys.push(k);
        return '/([^/]+)';
      })}/?$`,
    );
    const m = re.exec(path);
    if (m) return { name, params: Object.fromEntries(keys.map((k, i) => [k, decodeURIComponent(m[i + 1]!)])) };
  }
  return undefined;
}
