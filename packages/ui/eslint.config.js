import react from "@cannasaas/eslint-config/react";
import { layers } from "@cannasaas/eslint-config/layers";

export default [
  ...react,
  ...layers("ui"),
  // The kit has no pages of its own; the rule would only warn that it cannot find a pages directory.
  { rules: { "@next/next/no-html-link-for-pages": "off" } },
];
