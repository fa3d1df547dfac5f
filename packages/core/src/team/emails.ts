import { escapeHtml } from "../outbox/html";

export const INVITATION_TTL_DAYS = 7;

export function invitationEmail(p: {
  to: string;
  organizationName: string;
  inviterName: string;
  roleLabel: string;
  url: string;
}) {
  const lines = [
    `${p.inviterName} invited you to join ${p.organizationName} on CannaSaaS as ${p.roleLabel}.`,
    `The link works once and expires in ${INVITATION_TTL_DAYS} days. If you were not expecting this, ignore this email.`,
  ];
  const label = "Accept the invitation";
  return {
    to: p.to,
    subject: `Join ${p.organizationName} on CannaSaaS`,
    text: `${lines.join("\n\n")}\n\n${label}: ${p.url}\n`,
    html: `${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}<p><a href="${escapeHtml(p.url)}">${escapeHtml(label)}</a></p>`,
  };
}
