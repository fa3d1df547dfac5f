export { recommendFor, type RecommendedProduct, type Recommendations } from "./recommend";
