import { z } from "zod";

/** A custom domain as typed; "" removes it. Whether it is a usable host name is the server's check. */
export const customDomainSchema = z.string().trim().toLowerCase().max(253);

export const customDomainFormSchema = z.object({ domain: customDomainSchema });
