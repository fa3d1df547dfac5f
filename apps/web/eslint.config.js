import react from "@cannasaas/eslint-config/react";

export default [...react, { ignores: [".next/**", "scripts/**"] }];
