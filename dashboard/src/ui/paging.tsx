/**
 * "Load more" over the API's cursor pages: the first page is a resource (so `Async` shows its states),
 * later pages are appended as the person asks for them. Cursors are stable while rows are added, so
 * appending never repeats or skips a row.
 */
import { createResource, createSignal, Show, type JSX, type Resource } from "solid-js";
import { messageOf } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { Async } from "./Async";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  first: Resource<Page<T>>;
  /** Every row loaded so far, first page first. */
  items: () => T[];
  hasMore: () => boolean;
  loadMore: () => Promise<void>;
  loadingMore: () => boolean;
  moreError: () => string;
  /** Back to the first page (after a change that may reorder or remove rows). */
  reload: () => void;
}

/** A list without filters. */
export function createPagedList<T>(load: (cursor?: string) => Promise<Page<T>>): PagedList<T> {
  return createFilteredPagedList(() => true, (_, cursor) => load(cursor));
}

/** A list whose filters come from `source`: a new filter starts again from the first page. */
export function createFilteredPagedList<S, T>(source: () => S | false | null | undefined, load: (filter: S, cursor?: string) => Promise<Page<T>>): PagedList<T> {
  const [more, setMore] = createSignal<Page<T>[]>([]);
  let filter: S;
  const [first, { refetch }] = createResource(source, (s) => {
    filter = s;
    setMore([]);
    return load(s);
  });
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreError, setMoreError] = createSignal("");
  // Reading an errored resource throws; the list then has no rows (Async shows the error and a retry).
  const firstPage = () => (first.state === "errored" ? undefined : first.latest);
  const last = () => more().at(-1) ?? firstPage();
  return {
    first,
    items: () => [...(firstPage()?.items ?? []), ...more().flatMap((p) => p.items)],
    hasMore: () => Boolean(last()?.nextCursor),
    loadingMore,
    moreError,
    loadMore: async () => {
      const cursor = last()?.nextCursor;
      if (!cursor || loadingMore()) return;
      setLoadingMore(true);
      setMoreError("");
      try {
        const page = await load(filter, cursor);
        setMore([...more(), page]);
      } catch (err) {
        setMoreError(messageOf(err));
      } finally {
        setLoadingMore(false);
      }
    },
    reload: () => void refetch(),
  };
}

/** The button under a list; absent on the last page. */
export function LoadMore<T>(props: { list: PagedList<T> }) {
  const { t } = useI18n();
  return (
    <>
      <Show when={props.list.moreError()}><p class="notice error" role="alert">{t("state.error", { message: props.list.moreError() })}</p></Show>
      <Show when={props.list.hasMore()}>
        <button type="button" class="secondary" disabled={props.list.loadingMore()} onClick={() => void props.list.loadMore()}>
          {props.list.loadingMore() ? t("state.loading") : t("list.loadMore")}
        </button>
      </Show>
    </>
  );
}

/**
 * A paged list's states (loading, the API's error with a retry, empty) through Async, its rows, and the
 * "load more" button under them. `items` is an accessor so rows added by "load more" show up.
 */
export function PagedView<T>(props: { list: PagedList<T>; empty: JSX.Element; children: (items: () => T[]) => JSX.Element }) {
  return (
    <>
      <Async data={props.list.first} retry={props.list.reload} isEmpty={() => props.list.items().length === 0} empty={props.empty}>
        {() => props.children(props.list.items)}
      </Async>
      <LoadMore list={props.list} />
    </>
  );
}
