import { isRole } from "../../../../../../core/auth/access";
import { isoDate } from "../../../lib/fields";
import type { UserRow } from "../../../services/users";

export const toUserView = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: isRole(u.role) ? u.role : ("analyst" as const),
  affiliateId: u.affiliateId,
  status: u.status === "disabled" ? ("disabled" as const) : ("active" as const),
  invitePending: u.inviteHash !== null,
  lastLoginAt: isoDate(u.lastLoginAt),
  createdAt: u.createdAt.toISOString(),
});
