/**
 * Makes a tracking link: campaign, affiliate (merchants only; affiliates make their own), an optional deep
 * link into the shop (on a host of the merchant's allow-list, shown as the hint) and sub-ids to tell
 * placements apart (sub1 "instagram", sub2 "bio"…).
 */
import { createResource, createSignal, For, Show } from "solid-js";
import type { components } from "../../../sdk";
import { useApi } from "../api/context";
import { ApiError, messageOf, must } from "../api/errors";
import { useAffiliates, useCampaigns } from "../api/lookups";
import { useI18n } from "../i18n/i18n";
import { CopyField } from "../ui/CopyButton";
import { Field, TextField } from "../ui/Field";

type Link = components["schemas"]["Link"];
const SUB_KEYS = ["sub1", "sub2", "sub3", "sub4", "sub5"] as const;

/** Sub-ids from the form, leaving out empty ones. */
export function subIdsOf(form: FormData): Record<string, string> {
  return Object.fromEntries(SUB_KEYS.map((k) => [k, String(form.get(k) ?? "").trim()]).filter(([, v]) => v));
}

export function LinkBuilder(props: { audience: "merchant" | "affiliate"; onCreated: (l: Link) => void }) {
  const { client } = useApi();
  const { t } = useI18n();
  const campaigns = useCampaigns();
  const affiliates = props.audience === "merchant" ? useAffiliates() : undefined;
  const [made, setMade] = createSignal<Link>();
  const [error, setError] = createSignal("");
  const [destinationError, setDestinationError] = createSignal<string>();
  // The deep-link allow-list, shown before anyone types a URL the API would refuse.
  const [hosts] = createResource(async () => (await must(client.GET("/v1/links/destination-hosts"))).hosts);
  const deepLinkHint = () => {
    const list = hosts.state === "ready" ? hosts() : [];
    if (list.length === 0) return t("links.deepLinkHint");
    const more = t(props.audience === "merchant" ? "links.deepLinkHostsMerchant" : "links.deepLinkHostsAffiliate");
    return `${t("links.deepLinkHint")} ${t("links.deepLinkHosts", { hosts: list.join(", ") })} ${more}`;
  };
  const usable = () => (campaigns.list.state === "ready" ? campaigns.list().filter((c) => c.status === "active" && (props.audience === "merchant" || c.membershipStatus === "approved")) : []);

  const noCampaign = () => campaigns.list.state === "ready" && usable().length === 0;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    setError("");
    setDestinationError();
    setMade();
    const text = (k: string) => String(f.get(k) ?? "").trim();
    try {
      const link = await must(client.POST("/v1/links", {
        body: {
          campaignId: text("campaignId"),
          ...(text("affiliateId") ? { affiliateId: text("affiliateId") } : {}),
          ...(text("destinationUrl") ? { destinationUrl: text("destinationUrl") } : {}),
          ...(text("code") ? { code: text("code") } : {}),
          subIds: subIdsOf(f),
        },
      }));
      setMade(link);
      props.onCreated(link);
    } catch (err) {
      const atDestination = err instanceof ApiError ? err.fieldError("destinationUrl") : undefined;
      setDestinationError(atDestination);
      if (!atDestination) setError(messageOf(err));
    }
  };

  return (
    <section class="card" aria-labelledby="builder-title">
      <h2 id="builder-title">{t("links.builder")}</h2>
      <form onSubmit={submit}>
        <div class="grid3">
          <Field label={t("col.campaign")}>
            {(id) => (
              <select id={id} name="campaignId" required>
                <For each={usable()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
              </select>
            )}
          </Field>
          <Show when={affiliates}>
            {(a) => (
              <Field label={t("col.affiliate")}>
                {(id) => (
                  <select id={id} name="affiliateId" required>
                    <For each={a().list.state === "ready" ? (a().list() ?? []).filter((x) => x.status === "active") : []}>{(x) => <option value={x.id}>{x.name}</option>}</For>
                  </select>
                )}
              </Field>
            )}
          </Show>
          <TextField label={t("links.code")} name="code" hint={t("links.codeHint")} pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,63}" />
        </div>
        <TextField label={t("links.deepLink")} name="destinationUrl" type="url" hint={deepLinkHint()} error={destinationError()} />
        <fieldset>
          <legend>{t("links.subIds")}</legend>
          <div class="grid5">
            <For each={SUB_KEYS}>{(k) => <TextField label={k} name={k} maxLength={200} />}</For>
          </div>
        </fieldset>
        {/* With no campaign to pick, the required select blocked the form without a word: say why instead. */}
        <Show when={noCampaign()}>
          <p class="notice" role="status">{t(props.audience === "merchant" ? "links.noCampaignMerchant" : "links.noCampaignAffiliate")}</p>
        </Show>
        <button type="submit" disabled={noCampaign()}>{t("links.create")}</button>
      </form>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={made()}>
        {(l) => (
          <div class="notice ok" role="status">
            <CopyField id="new-link" label={t("links.yourLink")} text={l().url} />
          </div>
        )}
      </Show>
    </section>
  );
}
