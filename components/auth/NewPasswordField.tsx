import { TextField } from "@/components/ui/TextField";

/** The password field of sign-up, reset and change password: the server's strength feedback shows under it. */
export function NewPasswordField({ label, value, onChange, errors, autoFocus, name = "password" }: { label: string; value: string; onChange: (v: string) => void; errors?: string[]; autoFocus?: boolean; name?: string }) {
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
      hint="Hard to guess: several words or a mix of characters, not your name or email."
      autoFocus={autoFocus}
    />
  );
}
