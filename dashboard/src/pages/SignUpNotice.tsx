/** A sign-up failure that belongs to no field, as one alert: a repeat links to sign-in, the rest is plain text. */
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { useI18n } from "../i18n/i18n";
import type { SignUpFailure } from "./signup-failure";

export function SignUpNotice(props: { id: string; failure: Exclude<SignUpFailure, { kind: "fields" }> }) {
  const { t } = useI18n();
  const plain = () => (props.failure.kind === "network" ? t("signUp.network") : props.failure.kind === "other" ? props.failure.message : "");
  return (
    <p id={props.id} class="notice error" role="alert">
      <Show when={props.failure.kind === "exists"} fallback={plain()}>
        {t("signUp.exists")} <A href="/sign-in">{t("signUp.existsSignIn")}</A>
      </Show>
    </p>
  );
}
