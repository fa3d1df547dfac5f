/** The DNS records domain verification reads. A name with no such record answers an empty list. */
export type DnsResolver = {
  /** TXT records at `name`, each joined from its character strings. */
  txt(name: string): Promise<string[]>;
  /** The CNAME target(s) at `name`, lower-cased and without the trailing dot. */
  cname(name: string): Promise<string[]>;
};

/** The resolver could not give an answer (time-out, server failure, refused): try again later. */
export class DnsUnavailableError extends Error {
  override name = "DnsUnavailableError";
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
