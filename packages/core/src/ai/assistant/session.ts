import type { KV } from "@cannasaas/integrations/kv";

/** How long a conversation is kept after its last message; the chat panel says so. */
export const CHAT_TTL_SECONDS = 30 * 60;
const MAX_TURNS = 12;

export type ChatTurn = { role: "shopper" | "assistant"; text: string };

const key = (organizationId: string, sessionId: string) => `ai:chat:v1:${organizationId}:${sessionId}`;

/** The conversation so far (shopper messages and the checked answers only), or an empty one. */
export async function loadChat(kv: KV, organizationId: string, sessionId: string): Promise<ChatTurn[]> {
  return (await kv.get<ChatTurn[]>(key(organizationId, sessionId))) ?? [];
}

export async function saveChat(kv: KV, organizationId: string, sessionId: string, turns: ChatTurn[]) {
  await kv.set(key(organizationId, sessionId), turns.slice(-MAX_TURNS), { ttlSeconds: CHAT_TTL_SECONDS });
}

export async function clearChat(kv: KV, organizationId: string, sessionId: string) {
  await kv.del(key(organizationId, sessionId));
}
