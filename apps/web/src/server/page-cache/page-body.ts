import { constants, crc32, deflateRawSync } from "node:zlib";

/**
 * A cached page's HTML cut at its placeholder nonce, ready to be served with any nonce: as is, or gzipped
 * without compressing 80 KB again per response. Each piece between nonces is compressed once, as raw deflate
 * ending on a byte boundary (a sync flush), so the pieces and a stored block holding the response's nonce
 * join into one valid deflate stream (RFC 1951); the gzip frame around it (RFC 1952) needs the CRC-32 of
 * the whole text, which is computed per response, a fraction of the cost of compressing.
 */
export type PreparedBody = {
  pieces: Buffer[];
  deflatedPieces: Buffer[];
  /** Bytes kept, for the cache's size bound. */
  size: number;
};

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty stored block marked final: ends the deflate stream. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

export function prepareBody(html: string, placeholder: string): PreparedBody {
  const pieces = html.split(placeholder).map((piece) => Buffer.from(piece, "utf8"));
  const deflatedPieces = pieces.map((piece) =>
    deflateRawSync(piece, { level: 6, finishFlush: constants.Z_SYNC_FLUSH }),
  );
  const size = [...pieces, ...deflatedPieces].reduce((sum, b) => sum + b.length, 0);
  return { pieces, deflatedPieces, size };
}

/** The HTML with `nonce` in each place of the placeholder. */
export function plainBody(body: PreparedBody, nonce: string): Buffer {
  const value = Buffer.from(nonce, "utf8");
  const parts: Buffer[] = [];
  body.pieces.forEach((piece, i) => {
    if (i > 0) parts.push(value);
    parts.push(piece);
  });
  return Buffer.concat(parts);
}

/** The same HTML as a gzip member. */
export function gzipBody(body: PreparedBody, nonce: string): Buffer {
  const value = Buffer.from(nonce, "utf8");
  if (value.length > 0xffff) throw new RangeError("A nonce must fit one stored block.");
  const stored = Buffer.concat([
    Buffer.from([
      0x00,
      value.length & 0xff,
      value.length >> 8,
      ~value.length & 0xff,
      (~value.length >> 8) & 0xff,
    ]),
    value,
  ]);
  const parts: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  body.pieces.forEach((piece, i) => {
    if (i > 0) {
      parts.push(stored);
      crc = crc32(value, crc);
      length += value.length;
    }
    parts.push(body.deflatedPieces[i]!);
    // Node 20's crc32 answers 0 for some empty buffers instead of the running value.
    if (piece.length > 0) crc = crc32(piece, crc);
    length += piece.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  parts.push(FINAL_BLOCK, trailer);
  return Buffer.concat(parts);
}

/** Whether an `Accept-Encoding` header takes gzip (named or `*`, with a quality above 0). */
export function acceptsGzip(header: string | null | undefined): boolean {
  if (!header) return false;
  for (const entry of header.split(",")) {
    const [coding = "", ...params] = entry.split(";").map((s) => s.trim().toLowerCase());
    if (coding !== "gzip" && coding !== "x-gzip" && coding !== "*") continue;
    const q = params.find((p) => p.startsWith("q="));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}
