/**
 * What a settings form shows after Save: "saved" or the API's message, and each field's error from the
 * problem's field errors. `submit` runs the save with the form's data and records the outcome.
 */
import { createSignal } from "solid-js";
import { ApiError, messageOf } from "../api/errors";
import { useI18n } from "../i18n/i18n";

export function createFormSubmit(save: (form: FormData) => Promise<void>) {
  const { t } = useI18n();
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  const [failure, setFailure] = createSignal<ApiError>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setMessage();
    setFailure();
    try {
      await save(new FormData(e.currentTarget as HTMLFormElement));
      setMessage({ ok: true, text: t("state.saved") });
    } catch (err) {
      if (err instanceof ApiError) setFailure(err);
      setMessage({ ok: false, text: messageOf(err) });
    }
  };
  return { message, submit, fieldError: (field: string) => failure()?.fieldError(field) };
}
