import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { hashPassword } from "@cannasaas/auth";
import { invitationLink } from "../links";
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  describeInvitation,
  listInvitations,
  listMembers,
  removeMember,
  resendInvitation,
  revokeInvitation,
} from "@cannasaas/core";
import {
  acceptAsNewUserSchema,
  invitationTokenSchema,
  inviteSchema,
  staffRoleSchema,
  type StaffRole,
} from "@cannasaas/validators";
import { authedProcedure, createTRPCRouter, platformProcedure, staffProcedure } from "../trpc";

const manage = staffProcedure("team.manage");
const actorOf = (ctx: { organizationId: string; user: { id: string }; role: StaffRole }) => ({
  organizationId: ctx.organizationId,
  userId: ctx.user.id,
  role: ctx.role,
});
const invitationId = z.object({ invitationId: z.uuid({ error: "Unknown invitation." }) });
const member = z.object({ userId: z.string().min(1).max(100) });

/** Accepting happens on the platform domain only, where the invitation link points. */
const platformAuthed = authedProcedure.use(({ ctx, next }) => {
  if (ctx.host.kind !== "platform") throw new TRPCError({ code: "NOT_FOUND", message: "Not found." });
  return next();
});

export const teamRouter = createTRPCRouter({
  members: staffProcedure("organization.read").query(({ ctx }) => listMembers(ctx.deps, ctx.organizationId)),

  invitations: manage.query(({ ctx }) => listInvitations(ctx.deps, ctx.organizationId)),

  invite: manage.input(inviteSchema).mutation(async ({ ctx, input }) => {
    const { invitation, outboxIds } = await createInvitation(ctx.deps, actorOf(ctx), {
      ...input,
      link: invitationLink(ctx.origin),
    });
    ctx.deliverOutbox(outboxIds);
    return invitation;
  }),

  resendInvitation: manage.input(invitationId).mutation(async ({ ctx, input }) => {
    const { invitation, outboxIds } = await resendInvitation(ctx.deps, actorOf(ctx), {
      invitationId: input.invitationId,
      link: invitationLink(ctx.origin),
    });
    ctx.deliverOutbox(outboxIds);
    return invitation;
  }),

  revokeInvitation: manage
    .input(invitationId)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.deps, actorOf(ctx), input)),

  changeRole: manage
    .input(member.extend({ role: staffRoleSchema }))
    .mutation(({ ctx, input }) => changeMemberRole(ctx.deps, actorOf(ctx), input)),

  removeMember: manage
    .input(member)
    .mutation(({ ctx, input }) => removeMember(ctx.deps, actorOf(ctx), input)),

  /** What an invitation link is for (or why it no longer works), for the accept page. */
  describeInvitation: platformProcedure
    .input(invitationTokenSchema)
    .query(({ ctx, input }) => describeInvitation(ctx.deps, input.token)),

  /** A signed-in user accepts an invitation sent to their own email. */
  acceptInvitation: platformAuthed
    .input(invitationTokenSchema)
    .mutation(({ ctx, input }) =>
      acceptInvitation(ctx.deps, { token: input.token, as: { userId: ctx.user.id } }),
    ),

  /** Someone new accepts: the account is created with the invitation's email, verified by the link itself. */
  acceptInvitationAsNewUser: platformProcedure
    .input(acceptAsNewUserSchema)
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      return acceptInvitation(ctx.deps, {
        token: input.token,
        as: { newUser: { name: input.name, passwordHash } },
      });
    }),
});
