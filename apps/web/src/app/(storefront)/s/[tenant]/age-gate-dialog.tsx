"use client";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Modal } from "@cannasaas/ui/dialog";
import { AGE_COOKIE } from "~/lib/age";

/** The age question itself (see AgeGate): the answer lives in a host-only cookie for 30 days. */
export default function AgeGateDialog({
  storeName,
  medicalEnabled,
}: {
  storeName: string;
  medicalEnabled: boolean;
}) {
  const [open, setOpen] = useState(true);
  const [refused, setRefused] = useState(false);

  const confirm = () => {
    document.cookie = `${AGE_COOKIE}=1; Max-Age=${30 * 24 * 60 * 60}; Path=/; SameSite=Lax`;
    setOpen(false);
  };

  return (
    <Modal
      open={open}
      dismissible={false}
      title={refused ? "Sorry, you can't enter" : `Welcome to ${storeName}`}
      description={
        refused
          ? "You must be 21 or older (or a registered medical patient) to view this menu."
          : medicalEnabled
            ? "You must be 21 or older, or 18 or older with a valid medical card, to enter."
            : "You must be 21 or older to enter this site."
      }
    >
      {refused ? (
        <Button variant="secondary" className="w-full" onClick={() => setRefused(false)}>
          Go back
        </Button>
      ) : (
        <div className="flex flex-col gap-3">
          <Button onClick={confirm} className="w-full">
            I am 21 or older
          </Button>
          {medicalEnabled ? (
            <Button variant="secondary" onClick={confirm} className="w-full">
              I am 18 or older with a medical card
            </Button>
          ) : null}
          <Button variant="ghost" onClick={() => setRefused(true)} className="w-full">
            I am under 21
          </Button>
        </div>
      )}
    </Modal>
  );
}
