import Link from "next/link";
import type { ReactNode } from "react";

/** A list row's name, linking to its page, with a smaller line under it (an email, a subject). */
export function NameCell({ href, name, detail }: { href: string; name: ReactNode; detail?: ReactNode }) {
  return (
    <>
      <Link href={href} className="font-medium text-brand underline">
        {name}
      </Link>
      {detail ? <span className="block text-xs text-stone-600">{detail}</span> : null}
    </>
  );
}
