/** Messages for the `?error=` codes Auth.js puts on its redirects. */
export function authRedirectNotice(code: string | undefined): string | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case "NoAccount":
      return "There is no account for that email yet. Create one first.";
    case "Verification":
      return "That sign-in link has expired or was already used. Ask for a new one.";
    case "AccessDenied":
      return "That account cannot sign in here.";
    default:
      return "Sign-in did not complete. Try again.";
  }
}
