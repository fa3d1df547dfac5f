export {
  runAssistantTurn,
  AI_OFF_NOTICE,
  MAX_MESSAGE_CHARS,
  type AssistantEvent,
  type AssistantProductCard,
  type AssistantDeps,
  type AssistantTurnInput,
} from "./run";
export { CHAT_TTL_SECONDS, clearChat, loadChat } from "./session";
export { createLocalAssistant, localToolFor } from "./local-responder";
export { ASSISTANT_TOOLS } from "./tools";
