export {
  listSupportRequests,
  setSupportRequestStatus,
  SUPPORT_STATUSES,
  type SupportStatus,
} from "./requests";
