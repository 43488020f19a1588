/** The page of one payout batch (/payout-batches/:id). */
import { useParams } from "@solidjs/router";
import { BatchDetail } from "../../payouts/BatchDetail";

export default function PayoutBatch() {
  // The route (/payout-batches/:id) always has an id.
  const params = useParams<{ id: string }>();
  return <BatchDetail id={params.id} />;
}
