/** The `error` next-auth reports to the sign-in form when attempts are rate limited. */
export const SIGNIN_RATE_LIMITED = "RATE_LIMITED";
