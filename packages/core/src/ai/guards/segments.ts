/**
 * Cuts streamed text into sentences, so each can be checked before the shopper sees it. A sentence ends at
 * . ! ? or a line break followed by white space; a very long run without one is cut at a space so a guard
 * never waits forever.
 */
export class SentenceBuffer {
  private pending = "";
  constructor(private readonly maxChars = 400) {}

  /** Adds streamed text; returns the sentences it completed. */
  push(text: string): string[] {
    this.pending += text;
    const out: string[] = [];
    for (;;) {
      const end = this.sentenceEnd();
      if (end === -1) break;
      out.push(this.pending.slice(0, end));
      this.pending = this.pending.slice(end);
    }
    return out;
  }

  /** What is left at the end of the answer. */
  flush(): string[] {
    const rest = this.pending;
    this.pending = "";
    return rest.trim() ? [rest] : [];
  }

  private sentenceEnd(): number {
    // A dot inside "$12.50", "3.5g" or "e.g." is not an end: it must be followed by white space.
    for (const match of this.pending.matchAll(/[.!?…]+["')\]]*\s+|\n\s*/g)) {
      if (match.index > 0) return match.index + match[0].length;
    }
    if (this.pending.length > this.maxChars) {
      const space = this.pending.lastIndexOf(" ", this.maxChars);
      return space > 0 ? space + 1 : this.maxChars;
    }
    return -1;
  }
}
