// The `zipcodes` package ships no types; only `lookup` is used.
declare module "zipcodes" {
  const zipcodes: { lookup(zip: string): unknown };
  export default zipcodes;
}
