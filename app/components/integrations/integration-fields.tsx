// The fields an integration is created and edited with (name, description, allowed origins), and their schema: the
// list page's "New integration" form and the integration's Settings read and show them alike.
import { z } from "zod";
import type { Translator } from "../../../i18n";
import type { FieldErrors } from "../../lib/forms";
import { FormField } from "../form";
import { useT } from "../i18n";

export const integrationFields = (t: Translator["t"]) => ({
  name: z
    .string({ error: t("integrations.field.nameHint") })
    .trim()
    .min(1, t("integrations.field.nameHint"))
    .max(80),
  description: z.string().trim().max(500).default(""),
  allowedOrigins: z.string().max(4000).default(""),
});

export function IntegrationFields({
  errors,
  defaults,
}: {
  errors: FieldErrors;
  defaults?: { name: string; description: string; allowedOrigins: readonly string[] };
}) {
  const { t } = useT();
  return (
    <>
      <FormField
        id="name"
        label={t("integrations.field.name")}
        error={errors.name}
        hint={t("integrations.field.nameHint")}
      >
        {(p) => <input {...p} name="name" defaultValue={defaults?.name} required maxLength={80} autoComplete="off" />}
      </FormField>
      <FormField id="description" label={t("integrations.field.description")} error={errors.description}>
        {(p) => (
          <input {...p} name="description" defaultValue={defaults?.description} maxLength={500} autoComplete="off" />
        )}
      </FormField>
      <FormField
        id="allowedOrigins"
        label={t("integrations.field.origins")}
        error={errors.allowedOrigins}
        hint={t("integrations.field.originsHint")}
      >
        {(p) => (
          <textarea
            {...p}
            name="allowedOrigins"
            rows={3}
            dir="ltr"
            spellCheck={false}
            defaultValue={defaults?.allowedOrigins.join("\n")}
          />
        )}
      </FormField>
    </>
  );
}
