/**
 * PIX through Efí (formerly Gerencianet), "Pix Envio": `PUT /v2/gn/pix/{idEnvio}` with
 * `{ valor: "12.34", pagador: { chave }, favorecido: { chave } }`. The `idEnvio` in the path is Efí's
 * idempotency: sending the same id again returns the payment already made, never a second one. Efí answers
 * `EM_PROCESSAMENTO` and later POSTs the result (`REALIZADO` / `NAO_REALIZADO`) to the webhook, which
 * settles the item. Auth is an OAuth2 bearer token (in production obtained over mTLS).
 */
import { minorToDecimal, providerCall, type PayoutProvider } from "./provider";

/** idEnvio: 1-35 letters and digits. */
export const efiSendId = (idempotencyKey: string) => idempotencyKey.replace(/[^A-Za-z0-9]/g, "").slice(0, 35);

export function pixEfiProvider(config: { baseUrl: string; accessToken: string; payerKey: string }): PayoutProvider {
  return {
    name: "pix",
    kind: "pix",
    async pay(i) {
      if (i.details.kind !== "pix") return { status: "failed", error: "not a PIX key", retryable: false };
      if (i.currency !== "BRL") return { status: "failed", error: "PIX pays BRL only", retryable: false };
      const body = { valor: minorToDecimal(i.amount, "BRL"), pagador: { chave: config.payerKey, infoPagador: i.description.slice(0, 140) }, favorecido: { chave: i.details.key } };
      return providerCall(
        () => fetch(`${config.baseUrl}/v2/gn/pix/${efiSendId(i.idempotencyKey)}`, { method: "PUT", headers: { authorization: `Bearer ${config.accessToken}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
        (b) => {
          const reference = typeof b.e2eId === "string" ? b.e2eId : typeof b.idEnvio === "string" ? b.idEnvio : null;
          if (!reference) return { status: "failed", error: "no e2eId in the answer", retryable: true };
          return { status: b.status === "REALIZADO" ? "paid" : "processing", reference };
        },
      );
    },
  };
}
