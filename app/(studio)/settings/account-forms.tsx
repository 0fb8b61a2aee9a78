import { ApiForm } from '@/components/ui/api-form';
import { FieldError } from '@/components/ui/field-error';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';

export function ProfileForm({ name, email }: { name: string; email: string }) {
  return (
    <ApiForm url="/api/v1/me" method="PATCH" omitEmpty success="Profile saved" className="grid gap-3 sm:grid-cols-2" testId="profile-form">
      <div>
        <Field label="Display name">
          <Input name="name" defaultValue={name} autoComplete="name" required />
        </Field>
        <FieldError name="name" />
      </div>
      <div>
        <Field label="Email">
          <Input name="email" type="email" defaultValue={email} autoComplete="email" required />
        </Field>
        <FieldError name="email" />
      </div>
      <div className="sm:col-span-2">
        <Field label="Current password" hint="Needed only to change your email: reset links go there.">
          <Input name="currentPassword" type="password" autoComplete="current-password" className="sm:max-w-xs" />
        </Field>
        <FieldError name="currentPassword" />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit">Save profile</Button>
      </div>
    </ApiForm>
  );
}

export function PasswordForm() {
  return (
    <ApiForm url="/api/v1/me/password" redirectTo="/signin?notice=changed" className="grid gap-3 sm:grid-cols-2" testId="password-form">
      <div>
        <Field label="Current password">
          <Input name="currentPassword" type="password" autoComplete="current-password" required />
        </Field>
        <FieldError name="currentPassword" />
      </div>
      <div>
        <Field label="New password" hint="At least 10 characters, with a letter and a digit.">
          <Input name="newPassword" type="password" autoComplete="new-password" required />
        </Field>
        <FieldError name="newPassword" />
      </div>
      <p className="text-sm text-stone-600 sm:col-span-2">Changing it signs you out everywhere, here included; API tokens keep working.</p>
      <div className="sm:col-span-2">
        <Button type="submit">Change password</Button>
      </div>
    </ApiForm>
  );
}

export function DeleteAccountForm({ email }: { email: string }) {
  return (
    <ApiForm url="/api/v1/me" method="DELETE" redirectTo="/signin?notice=deleted" className="grid gap-3 sm:grid-cols-2" testId="delete-account-form">
      <div>
        <Field label={`Type your email (${email}) to confirm`}>
          <Input name="confirm" autoComplete="off" required />
        </Field>
        <FieldError name="confirm" />
      </div>
      <div>
        <Field label="Password">
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <FieldError name="password" />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" variant="danger">Delete my account</Button>
      </div>
    </ApiForm>
  );
}
