/**
 * Efí (Gerencianet) PIX callbacks: `POST <webhook URL>` with `{ pix: [{ endToEndId, valor, horario, status,
 * gnExtras: { idEnvio } }] }`; for Pix Envio the status is REALIZADO (paid) or NAO_REALIZADO (not paid).
 * Efí secures the callback with mutual TLS, which a Worker cannot check (the TLS session ends at
 * Cloudflare). Instead the URL registered with Efí carries a per-deployment secret in its path
 * (PIX_EFI_WEBHOOK_SECRET), compared in constant time: anyone who learns the URL can forge a callback, so
 * the URL is a credential (rotate it by re-registering the webhook). Efí appends `/pix` to the URL unless it
 * is registered with `?ignorar=`; the route accepts both.
 */
import { constantTimeEqual } from "../../request-signature";
import { asRecord, asString, type PayoutEventOutcome } from "./event";

export const verifyEfiSecret = (expected: string, given: string): boolean => expected.length >= 16 && constantTimeEqual(expected, given);

/** One callback may carry several payments; each is its own event (end-to-end id + status). */
export function readEfiCallback(body: unknown): PayoutEventOutcome[] {
  const list = asRecord(body).pix;
  if (!Array.isArray(list) || list.length === 0) return [{ kind: "unmappable", eventId: "", reason: "no pix array in the callback" }];
  return list.map((entry): PayoutEventOutcome => {
    const pix = asRecord(entry);
    const e2e = asString(pix.endToEndId);
    const sendId = asString(asRecord(pix.gnExtras).idEnvio);
    const status = asString(pix.status) ?? "";
    const eventId = `${e2e ?? sendId ?? "?"}:${status}`;
    if (!e2e && !sendId) return { kind: "unmappable", eventId, reason: "PIX entry without endToEndId or gnExtras.idEnvio" };
    const match = { reference: e2e, sendId };
    if (status === "REALIZADO") return { kind: "paid", eventId, match, reference: e2e };
    if (status === "NAO_REALIZADO") return { kind: "failed", eventId, match, reason: "Efí: NAO_REALIZADO" };
    // EM_PROCESSAMENTO, or a received PIX (cobrança) sharing the same webhook: nothing to settle.
    return { kind: "ignored", eventId, reason: `PIX status ${status || "(none)"} settles nothing` };
  });
}
