/**
 * The direction of imports between packages (ARCHITECTURE.md, "Packages and the direction of imports"), and the
 * one place environment variables are read, held by lint rather than by review:
 *
 *   apps/web -> api -> core -> db
 *                       └──> integrations (ports + adapters; the only home of outside SDKs)
 *   apps/web -> ui, auth -> db
 *
 * Each package's eslint.config.js names its layer: `export default [...base, ...layers("core")]`.
 * tooling/eslint/test/layers.test.ts proves every rule below with a forbidden and an allowed example.
 */

const OWN_EXPORTS = {
  group: ["@cannasaas/*/src", "@cannasaas/*/src/*"],
  message: "Import a package by its exports, not its src.",
};

/** Outside services' SDKs: they live behind a port in packages/integrations, never in the domain. */
export const OUTSIDE_SDKS = ["stripe", "sharp", "@anthropic-ai/sdk", "twilio", "web-push", "@aws-sdk/*"];

/** Which workspace packages each layer must not import, and why. */
export const LAYERS = {
  web: { packages: [], why: "apps/web is the top of the graph" },
  api: { packages: ["web"], why: "packages/api serves apps/web and never reaches back into it" },
  core: {
    packages: ["api", "web", "auth", "ui"],
    sdks: true,
    why: "packages/core is the domain: it knows no routers, pages, sessions or components",
  },
  // auth imports core today (staff roles, sign-up services), so only the layers above it are banned.
  auth: { packages: ["api", "web", "ui"], why: "packages/auth sits below the API and the app" },
  db: {
    packages: ["core", "api", "auth", "web", "ui"],
    why: "packages/db is the bottom layer: the domain uses it, never the other way",
  },
  integrations: {
    packages: ["core", "api", "auth", "web", "ui"],
    why: "packages/integrations holds ports and adapters; the domain uses them, never the other way",
  },
  ui: {
    packages: ["db", "core", "api", "auth", "integrations", "web"],
    why: "packages/ui is presentation only: data reaches it through props",
  },
  validators: {
    packages: ["core", "api", "auth", "integrations", "web", "ui"],
    why: "packages/validators holds shared schemas every layer may use",
  },
  forecast: {
    packages: ["db", "core", "api", "auth", "integrations", "web", "ui", "validators"],
    sdks: true,
    why: "packages/forecast is pure statistics: numbers in, numbers out, no I/O",
  },
};

/**
 * Where `process.env` may be read: the package's env module, scripts, tests and test support, and config files
 * (config files and tooling are not linted at all, see base.js).
 */
export const ENV_ALLOWED_FILES = [
  "**/env.ts",
  "scripts/**",
  "**/scripts/**",
  "test/**",
  "**/test/**",
  "**/*.test.ts",
  "**/*.test.tsx",
  "**/testing.ts",
  "**/testing-*.ts",
  "**/testing/**",
];

const PROCESS_ENV_MESSAGE =
  "Read environment variables in this package's env.ts (validated with zod) and import them from there.";

const processEnvImport = {
  selector:
    "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env'], ImportDeclaration[source.value=/^(node:)?process$/] > ImportDefaultSpecifier, ImportDeclaration[source.value=/^(node:)?process$/] > ImportNamespaceSpecifier",
  message: PROCESS_ENV_MESSAGE,
};

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A module name and its subpaths (`stripe`, `stripe/...`); `@aws-sdk/*` is the whole scope. */
const moduleRegex = (name) =>
  name.endsWith("/*") ? `${escapeRegExp(name.slice(0, -2))}/.+` : `${escapeRegExp(name)}(/.+)?`;

/** Anchored, so a local file such as `./stripe` is not mistaken for the SDK (gitignore globs would match it). */
const anchored = (names) => `^(${names.map(moduleRegex).join("|")})$`;

function forbiddenFor(name) {
  const layer = LAYERS[name];
  if (!layer) throw new Error(`Unknown layer "${name}"; expected one of ${Object.keys(LAYERS).join(", ")}`);
  const packages = layer.packages.map((pkg) => ({
    regex: anchored([`@cannasaas/${pkg}`]),
    message: `${layer.why}: it must not import @cannasaas/${pkg}.`,
  }));
  const sdks = layer.sdks
    ? [
        {
          regex: anchored(OUTSIDE_SDKS),
          message: "Outside SDKs belong in packages/integrations behind a port; the domain imports the port.",
        },
      ]
    : [];
  const dynamic = [...layer.packages.map((pkg) => `@cannasaas/${pkg}`), ...(layer.sdks ? OUTSIDE_SDKS : [])];
  return { packages, sdks, dynamic };
}

const dynamicImportBan = (sources) =>
  sources.length === 0
    ? []
    : [
        {
          // esquery's /regex/ cannot contain a slash, even escaped: \x2F stands for it.
          selector: `ImportExpression[source.value=/${anchored(sources).replaceAll("/", "\\x2F")}/]`,
          message:
            "This layer must not import that module, dynamically or not (see tooling/eslint/layers.js).",
        },
      ];

/** The layer rules for one package (the keys of LAYERS), to spread after the base config. */
export function layers(name) {
  const { packages, sdks, dynamic } = forbiddenFor(name);
  const blocks = [
    {
      name: `cannasaas/layers/${name}`,
      rules: {
        "no-restricted-imports": ["error", { patterns: [OWN_EXPORTS, ...packages, ...sdks] }],
        "no-restricted-properties": [
          "error",
          { object: "process", property: "env", message: PROCESS_ENV_MESSAGE },
        ],
        "no-restricted-syntax": ["error", processEnvImport, ...dynamicImportBan(dynamic)],
      },
    },
  ];
  blocks.push({
    name: `cannasaas/layers/${name}/env-readers`,
    files: ENV_ALLOWED_FILES,
    rules: {
      "no-restricted-properties": "off",
      "no-restricted-syntax": dynamic.length > 0 ? ["error", ...dynamicImportBan(dynamic)] : "off",
    },
  });
  return blocks;
}
