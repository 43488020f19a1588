/**
 * Reads an order from the Nuvemshop API (GET /v1/{store_id}/orders/{id}). Nuvemshop's documented header is
 * `Authentication: bearer <token>` (not Authorization) and it asks for a User-Agent naming the app.
 */
export class OrderFetchError extends Error {}

export async function fetchNuvemshopOrder(url: string, token: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { authentication: `bearer ${token}`, "user-agent": "Indica (https://github.com/indica)", accept: "application/json" } });
  } catch (error) {
    throw new OrderFetchError(`Could not reach Nuvemshop to read the order: ${(error as Error).message}`);
  }
  if (!res.ok) throw new OrderFetchError(`Nuvemshop answered ${res.status} reading the order; try again.`);
  return res.json();
}
