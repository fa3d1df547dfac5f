// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, expect, test, vi } from "vitest";
import { z } from "zod";
import { Form, FormField, FormItem, FormSubmit, useZodForm, type ServerError } from "../src/form";

const schema = z.object({
  email: z.email({ error: "Enter a valid email address." }),
  state: z.string().regex(/^[A-Z]{2}$/, { error: "Choose your state." }),
});

class Refused extends Error {}

function SignUp({ onSubmit }: { onSubmit: (values: z.input<typeof schema>) => unknown }) {
  const form = useZodForm(schema, { defaultValues: { email: "", state: "" } });
  const describe = (error: unknown): ServerError =>
    error instanceof Refused
      ? { message: "That email is taken.", fields: { email: "That email is taken." } }
      : { message: "Offline.", fields: {} };
  return (
    <Form form={form} onSubmit={onSubmit} describeError={describe}>
      <FormField name="email" label="Email" hint="We never share it." />
      <FormItem name="state" label="State">
        {(control) => (
          <select {...control}>
            <option value="">Choose</option>
            <option value="CA">California</option>
          </select>
        )}
      </FormItem>
      <FormSubmit pending="Saving…">Save</FormSubmit>
    </Form>
  );
}

afterEach(cleanup);

test("invalid input shows the schema's message under the field, linked to it, and nothing is submitted", async () => {
  const onSubmit = vi.fn();
  render(<SignUp onSubmit={onSubmit} />);
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "not-an-email" } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));

  const email = screen.getByLabelText("Email");
  await waitFor(() => expect(email.getAttribute("aria-invalid")).toBe("true"));
  const message = screen.getByText("Enter a valid email address.");
  expect(email.getAttribute("aria-describedby")?.split(" ")).toContain(message.id);
  const state = screen.getByLabelText("State");
  expect(state.getAttribute("aria-invalid")).toBe("true");
  expect(state.getAttribute("aria-describedby")).toBe(screen.getByText("Choose your state.").id);
  expect(onSubmit).not.toHaveBeenCalled();
});

test("valid input is submitted as typed, with the button disabled while it runs", async () => {
  let finish = () => {};
  const onSubmit = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
  render(<SignUp onSubmit={onSubmit} />);
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "sam@example.com" } });
  fireEvent.change(screen.getByLabelText("State"), { target: { value: "CA" } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));

  const button = await screen.findByRole("button", { name: "Saving…" });
  expect(button).toHaveProperty("disabled", true);
  expect(onSubmit).toHaveBeenCalledWith({ email: "sam@example.com", state: "CA" });
  finish();
  await waitFor(() => expect(screen.getByRole("button", { name: "Save" })).toHaveProperty("disabled", false));
});

test("a server's field error is shown under that field and its message above the form", async () => {
  render(
    <SignUp
      onSubmit={() => {
        throw new Refused();
      }}
    />,
  );
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "taken@example.com" } });
  fireEvent.change(screen.getByLabelText("State"), { target: { value: "CA" } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));

  const email = screen.getByLabelText("Email");
  await waitFor(() => expect(email.getAttribute("aria-invalid")).toBe("true"));
  const alerts = screen.getAllByRole("alert").map((node) => node.textContent);
  expect(alerts).toEqual(["That email is taken.", "That email is taken."]);
  const underField = screen.getAllByText("That email is taken.").find((node) => node.tagName === "P")!;
  expect(email.getAttribute("aria-describedby")?.split(" ")).toContain(underField.id);
  expect(screen.getByLabelText("State").getAttribute("aria-invalid")).toBeNull();
});

function Profile() {
  const form = useZodForm(schema, { defaultValues: { email: "ada@example.com", state: "CA" } });
  return (
    <Form form={form} onSubmit={() => undefined}>
      <FormField name="email" label="Email" />
      <FormItem name="state" label="State">
        {(control) => (
          <select {...control}>
            <option value="">Choose</option>
            <option value="CA">California</option>
          </select>
        )}
      </FormItem>
      <FormSubmit>Save</FormSubmit>
    </Form>
  );
}

test("the server's HTML shows the starting values and a submit button that waits for the page to hydrate", () => {
  const html = renderToString(<Profile />);
  const page = new DOMParser().parseFromString(html, "text/html");
  expect(page.querySelector<HTMLInputElement>("input[name=email]")!.value).toBe("ada@example.com");
  expect(page.querySelector<HTMLSelectElement>("select[name=state]")!.value).toBe("CA");
  expect(page.querySelector<HTMLButtonElement>("button[type=submit]")!.disabled).toBe(true);
});

test("once rendered in the browser, the submit button is enabled and the values are the starting ones", () => {
  render(<Profile />);
  expect(screen.getByRole<HTMLButtonElement>("button", { name: "Save" }).disabled).toBe(false);
  expect(screen.getByLabelText<HTMLInputElement>("Email").value).toBe("ada@example.com");
});
