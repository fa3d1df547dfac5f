import { redirect } from "next/navigation";

/** Auth.js sends people to /sign-in; on the platform domain that is the dashboard's sign-in. */
export default async function PlatformSignIn({
  searchParams,
}: {
  searchParams: Promise<Record<string, string>>;
}) {
  const query = new URLSearchParams(await searchParams).toString();
  redirect(`/dashboard/sign-in${query ? `?${query}` : ""}`);
}
