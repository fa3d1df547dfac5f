/**
 * How many procedures one tRPC HTTP request may batch. The client batches what one page asks for at once
 * (a dozen at most today); without a cap one request could run thousands of procedures.
 */
export const TRPC_MAX_BATCH_SIZE = 16;
