const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export const formatCents = (cents: number) => usd.format(cents / 100);

/** Basis points of percent to "21.5%". */
export const formatPercentBps = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 1)}%`;

export const formatWeightMg = (mg: number) => (mg >= 1000 ? `${mg / 1000} g` : `${mg} mg`);
