import { escapeHtml as escape } from "@cannasaas/core";

/** Plain, accessible transactional emails (text first; HTML mirrors it). */

function render(to: string, subject: string, lines: string[], action: { label: string; url: string }) {
  const text = `${lines.join("\n\n")}\n\n${action.label}: ${action.url}\n`;
  const html = `${lines.map((l) => `<p>${escape(l)}</p>`).join("")}<p><a href="${escape(action.url)}">${escape(action.label)}</a></p>`;
  return { to, subject, text, html };
}

export const verificationEmail = (p: { to: string; storeName: string; url: string }) =>
  render(
    p.to,
    `Confirm your email for ${p.storeName}`,
    [
      `Welcome to ${p.storeName}.`,
      "Confirm your email address to finish creating your account. The link works once and expires in 24 hours.",
    ],
    { label: "Confirm my email", url: p.url },
  );

export const resetEmail = (p: { to: string; storeName: string; url: string }) =>
  render(
    p.to,
    `Reset your ${p.storeName} password`,
    [
      "Someone asked to reset the password for this account. If it was not you, ignore this email.",
      "The link works once and expires in one hour.",
    ],
    { label: "Choose a new password", url: p.url },
  );

export const magicLinkEmail = (p: { to: string; storeName: string; url: string }) =>
  render(
    p.to,
    `Your sign-in link for ${p.storeName}`,
    [
      "Use this link to sign in. It works once and expires in 24 hours.",
      "If you did not ask for it, ignore this email.",
    ],
    { label: "Sign in", url: p.url },
  );

/**
 * Sent instead of a confirmation when someone signs up with an email that already has an account, so the
 * sign-up form answers the same either way and only the address's owner learns the account exists.
 */
export const accountExistsEmail = (p: {
  to: string;
  storeName: string;
  signInUrl: string;
  resetUrl: string;
}) =>
  render(
    p.to,
    `You already have an account for ${p.storeName}`,
    [
      `Someone tried to create an account for ${p.storeName} with this email address. You already have one, so nothing was changed.`,
      `If it was you, sign in with your existing password. Forgot it? Choose a new one here: ${p.resetUrl}`,
      "If it was not you, ignore this email.",
    ],
    { label: "Sign in", url: p.signInUrl },
  );
