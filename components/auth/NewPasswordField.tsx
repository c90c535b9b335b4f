import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/TextField";

/** The password field of sign-up, reset and change password: the server's strength feedback shows under it. */
export function NewPasswordField({ label, value, onChange, errors, autoFocus, name = "password" }: { label: string; value: string; onChange: (v: string) => void; errors?: string[]; autoFocus?: boolean; name?: string }) {
  const t = useTranslations("auth");
  return (
    <TextField
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      errors={errors}
      hint={t("newPasswordHint")}
      autoFocus={autoFocus}
    />
  );
}
