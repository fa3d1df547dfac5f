import { enqueueEmail, signUpDispensary, type DispensarySignUp } from "@cannasaas/core";
import type { AuthDeps } from "./deps";
import { accountExistsEmail, verificationEmail } from "./emails";
import { hashPassword } from "./password";
import { issueUserToken } from "./tokens";

export const DISPENSARY_SIGN_UP_MESSAGE =
  "Check your email: we sent a link to confirm your address. Follow it, then sign in to set up your dispensary.";

/**
 * "Open your dispensary": creates the owner, the organization and the membership (core), and emails the owner
 * a confirmation link on the platform. An email that already has an account gets a note to sign in instead;
 * both answer with the same message, so the form cannot be used to find out who has an account.
 */
export async function openDispensary(
  deps: AuthDeps,
  input: Omit<DispensarySignUp, "passwordHash"> & { password: string },
  links: { platformOrigin: string },
) {
  const { password, ...rest } = input;
  const now = deps.clock();
  const result = await signUpDispensary(
    deps,
    { ...rest, passwordHash: await hashPassword(password) },
    async (tx, owner) => {
      if (!owner.userId) {
        const id = await enqueueEmail(tx, {
          organizationId: null,
          topic: "auth.account_exists",
          ...accountExistsEmail({
            to: owner.email,
            storeName: "CannaSaaS",
            signInUrl: `${links.platformOrigin}/dashboard/sign-in`,
            resetUrl: `${links.platformOrigin}/dashboard/forgot-password`,
          }),
        });
        return [id];
      }
      const token = await issueUserToken(tx, {
        userId: owner.userId,
        kind: "verify_email",
        organizationId: null,
        now,
      });
      const id = await enqueueEmail(tx, {
        organizationId: null,
        topic: "auth.verify_email",
        ...verificationEmail({
          to: owner.email,
          storeName: "CannaSaaS",
          url: `${links.platformOrigin}/verify-email?token=${token}`,
        }),
      });
      return [id];
    },
  );
  return { ...result, message: DISPENSARY_SIGN_UP_MESSAGE };
}
