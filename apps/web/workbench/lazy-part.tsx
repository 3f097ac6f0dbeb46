"use client";
/**
 * A part of the workbench loaded on demand that can also be loaded ahead (`preload`), in place of
 * next/dynamic. Once loaded it renders directly, without a Suspense boundary: React 19 holds back the
 * reveal of a boundary that showed its fallback (up to 300 ms, React's FALLBACK_THROTTLE_MS), which was most
 * of the time from choosing a file to seeing it when the editors loaded with the first file. Only a part
 * rendered before it was loaded suspends, with `fallback` shown meanwhile.
 */
import { lazy, Suspense, useSyncExternalStore, type ComponentType, type ReactNode } from "react";

export interface LazyPart<P> {
  (props: P): ReactNode;
  /** Starts loading the part's code now; resolves when it can render without suspending. */
  preload: () => Promise<void>;
}

const never = () => () => undefined;

/** True once the page is hydrated; false on the server and during hydration (as next/dynamic's ssr: false). */
function useMounted(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

interface PartOptions {
  fallback?: ReactNode;
  clientOnly?: boolean;
}

/**
 * `load` imports the part (its default export, or `pick` of the module); `fallback` shows while it loads;
 * `clientOnly` parts render `fallback` until the page is hydrated, so the export's HTML does not carry them.
 */
export function lazyPart<P extends object>(load: () => Promise<{ default: ComponentType<P> }>, options?: PartOptions): LazyPart<P>;
export function lazyPart<P extends object, M>(load: () => Promise<M>, options: PartOptions & { pick: (module: M) => ComponentType<P> }): LazyPart<P>;
export function lazyPart<P extends object, M>(load: () => Promise<M>, options: PartOptions & { pick?: (module: M) => ComponentType<P> } = {}): LazyPart<P> {
  const pick = options.pick ?? ((m: M) => (m as { default: ComponentType<P> }).default);
  const fallback = options.fallback ?? null;
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () =>
    (loading ??= load().then(
      (m) => (loaded = pick(m)),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  const Lazy = lazy(() => start().then((component) => ({ default: component })));
  function Part(props: P): ReactNode {
    const mounted = useMounted();
    if (options.clientOnly && !mounted) return fallback;
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Object.assign(Part, { preload: () => start().then(() => undefined) });
}
