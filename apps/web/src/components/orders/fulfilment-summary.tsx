import type { OrderDetail } from "./types";

/** Where the order is collected or delivered. */
export function FulfilmentSummary({ order, location }: Pick<OrderDetail, "order" | "location">) {
  const a = order.deliveryAddress;
  return order.fulfillment === "delivery" && a ? (
    <p>
      <span className="font-medium">Delivery</span> from {location.name} to{" "}
      {[a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode}`].filter(Boolean).join(", ")}
    </p>
  ) : (
    <p>
      <span className="font-medium">Pickup</span> at {location.name}, {location.addressLine1}, {location.city}
    </p>
  );
}
