import Link from "next/link";
import type { ReactNode } from "react";

/**
 * Renders an answer's text: `[name](/path)` becomes a link only for this store's own paths (the guards already
 * removed any other), lines starting with "- " become list items, anything else is plain text (never HTML).
 */
export function AnswerText({ text }: { text: string }) {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const items = lines.filter((l) => l.startsWith("- "));
  if (items.length === 0) return <p>{inline(text)}</p>;
  return (
    <div className="space-y-1">
      {lines.map((line, i) =>
        line.startsWith("- ") ? (
          <ul key={i} className="list-disc pl-5">
            <li>{inline(line.slice(2))}</li>
          </ul>
        ) : (
          <p key={i}>{inline(line)}</p>
        ),
      )}
    </div>
  );
}

function inline(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[([^\]]+)\]\((\/[a-z0-9/_-]*)\)/gi)) {
    parts.push(text.slice(last, match.index));
    parts.push(
      <Link key={match.index} href={match[2]!} className="font-medium text-brand underline">
        {match[1]}
      </Link>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
