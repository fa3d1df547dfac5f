import base from "@cannasaas/eslint-config/base";
import { layers } from "@cannasaas/eslint-config/layers";

export default [...base, ...layers("forecast")];
