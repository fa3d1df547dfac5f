-- Delivery orders already out for delivery when deliveries arrived get their delivery, waiting for a driver.
INSERT INTO "deliveries" ("organization_id", "order_id", "destination_latitude", "destination_longitude")
SELECT "organization_id", "id", ("delivery_address"->>'latitude')::double precision, ("delivery_address"->>'longitude')::double precision
FROM "orders"
WHERE "status" = 'out_for_delivery' AND "fulfillment" = 'delivery'
ON CONFLICT ("order_id") DO NOTHING;
