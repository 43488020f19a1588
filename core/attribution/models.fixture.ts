/** One campaign of each attribution model, for tests that must hold under every model. */
import type { AttributionModel } from "./models";

export const EVERY_MODEL: AttributionModel[] = [
  { kind: "last_click" },
  { kind: "first_click" },
  { kind: "linear" },
  { kind: "time_decay", halfLifeHours: 24 },
  { kind: "position_based", first: 40, last: 40 },
];
