/** Wide tables scroll sideways inside a focusable, labelled region at phone width instead of the page. */
import type { ParentProps } from "solid-js";

export function TableWrap(props: ParentProps<{ label: string }>) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex="0">
      {props.children}
    </div>
  );
}

export function StatusBadge(props: { status: string; label: string }) {
  return <span class={`badge badge-${props.status}`}>{props.label}</span>;
}
