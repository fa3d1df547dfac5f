export const AGE_COOKIE = "age_ok";
