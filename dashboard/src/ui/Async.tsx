/**
 * One way to show anything fetched: a polite "loading" status, the API's own error with a retry button, an
 * empty message, or the data. Every page goes through it so none forgets a state.
 */
import { Match, Switch, type JSX, type Resource } from "solid-js";
import { messageOf } from "../api/errors";
import { useI18n } from "../i18n/i18n";

export function Async<T>(props: {
  data: Resource<T>;
  children: (data: T) => JSX.Element;
  isEmpty?: (data: T) => boolean;
  empty?: JSX.Element;
  retry?: () => void;
}) {
  const { t } = useI18n();
  const ready = () => (props.data.state === "ready" || props.data.state === "refreshing" ? (props.data() as T) : undefined);
  return (
    <Switch>
      <Match when={props.data.state === "errored"}>
        <div class="notice error" role="alert">
          <p>{t("state.error", { message: messageOf(props.data.error) })}</p>
          {props.retry && (
            <button type="button" onClick={() => props.retry?.()}>
              {t("action.retry")}
            </button>
          )}
        </div>
      </Match>
      <Match when={props.data.state === "pending" || props.data.state === "unresolved"}>
        <p class="loading" role="status">
          {t("state.loading")}
        </p>
      </Match>
      <Match when={ready() !== undefined && props.isEmpty?.(ready() as T)}>
        <p class="empty">{props.empty ?? t("state.empty")}</p>
      </Match>
      <Match when={ready() !== undefined}>{props.children(ready() as T)}</Match>
    </Switch>
  );
}

/** The common case: a page of items (`{ items }`) is empty when it has none. */
export const noItems = (page: { items: unknown[] }) => page.items.length === 0;
