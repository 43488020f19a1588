/** A labelled form control with an optional hint and error, tied together with aria-describedby. */
import { Show, splitProps, untrack, type JSX } from "solid-js";

let seq = 0;

export function Field(props: { label: string; hint?: string; error?: string; children: (id: string, describedBy: () => string | undefined) => JSX.Element }) {
  const id = `f${++seq}`;
  const describedBy = () => [props.hint ? `${id}-hint` : "", props.error ? `${id}-err` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {/* Built once: re-running it when an error appears would replace the control and lose what was typed. */}
      {untrack(() => props.children(id, describedBy))}
      <Show when={props.hint}>
        <small id={`${id}-hint`}>{props.hint}</small>
      </Show>
      <Show when={props.error}>
        <small id={`${id}-err`} class="field-error">
          {props.error}
        </small>
      </Show>
    </div>
  );
}

/** The common case: a text input. */
export function TextField(props: { label: string; hint?: string; error?: string } & JSX.InputHTMLAttributes<HTMLInputElement>) {
  const [own, input] = splitProps(props, ["label", "hint", "error"]);
  return (
    <Field label={own.label} hint={own.hint} error={own.error}>
      {(id, describedBy) => <input id={id} aria-describedby={describedBy()} aria-invalid={own.error ? true : undefined} {...input} />}
    </Field>
  );
}
