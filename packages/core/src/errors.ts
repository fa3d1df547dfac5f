export type DomainErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "PRECONDITION_FAILED";

/** An expected failure with a message written for the person who caused it; transports map `code` to a status. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const domainErrorStatus: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PRECONDITION_FAILED: 412,
};

/**
 * By name as well as by class: a route bundle can hold its own copy of this module, and an error thrown by a
 * service built in another bundle (the process-wide deps) is then a DomainError of a different class object.
 */
export const isDomainError = (error: unknown): error is DomainError => {
  if (error instanceof DomainError) return true;
  if (!(error instanceof Error) || error.name !== "DomainError") return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === "string" && code in domainErrorStatus;
};
