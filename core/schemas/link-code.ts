/** The API's check of a link code a merchant or affiliate chooses (core/link-code.ts). */
import { z } from "zod";
import { LINK_CODE_PATTERN, RESERVED_CODES } from "../link-code";

export const linkCodeSchema = z
  .string()
  .regex(LINK_CODE_PATTERN, "use 1-64 letters, digits, '-' or '_', starting with a letter or digit")
  .refine((c) => !RESERVED_CODES.has(c.toLowerCase()), "this code is reserved");
