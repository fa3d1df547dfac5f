import react from "@cannasaas/eslint-config/react";
import { layers } from "@cannasaas/eslint-config/layers";

export default [...react, ...layers("web"), { ignores: [".next/**", "scripts/**"] }];
