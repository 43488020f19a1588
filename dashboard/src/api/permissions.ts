/** Whether the signed-in person's role has a permission: the same table the API checks (core/auth/access). */
import { ROLE_PERMISSIONS, type Permission } from "../../../core/auth/access";
import { useApi } from "./context";

export function useCan(): (permission: Permission) => boolean {
  const { session } = useApi();
  return (permission) => {
    const role = session.user()?.role;
    return Boolean(role && ROLE_PERMISSIONS[role].has(permission));
  };
}
