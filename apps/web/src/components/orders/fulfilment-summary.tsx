import { expectedTimeText } from "~/lib/slots";
import type { OrderDetail } from "./types";

/** Where the order is collected or delivered, and when it is expected (on the store's clock). */
export function FulfilmentSummary({ order, location }: Pick<OrderDetail, "order" | "location">) {
  const a = order.deliveryAddress;
  const expected = expectedTimeText(order, location.timeZone);
  return (
    <>
      {order.fulfillment === "delivery" && a ? (
        <p>
          <span className="font-medium">Delivery</span> from {location.name} to{" "}
          {[a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode}`].filter(Boolean).join(", ")}
        </p>
      ) : (
        <p>
          <span className="font-medium">Pickup</span> at {location.name}, {location.addressLine1},{" "}
          {location.city}
        </p>
      )}
      {expected ? (
        <p className="font-medium" data-testid="expected-time">
          {expected}
        </p>
      ) : null}
    </>
  );
}
