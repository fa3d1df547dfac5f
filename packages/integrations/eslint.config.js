import base from "@cannasaas/eslint-config/base";

export default base;
