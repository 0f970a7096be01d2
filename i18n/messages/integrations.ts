import { defineCatalog } from "./define";

/** Admin → Integrations: connected systems, API tokens, embed launch. */
export default defineCatalog(
  {
    "integrations.title": "Integrations",
    "integrations.intro":
      "Connect Stepwise to your help desk or CRM: API tokens for its server, " +
      "signed webhooks for its events, and the runbook in its sidebar.",
    "integrations.list.caption": "Integrations",
    "integrations.list.name": "Integration",
    "integrations.list.origins": "Allowed origins",
    "integrations.list.tokens": "Active tokens",
    "integrations.list.lastUsed": "Last API use",
    "integrations.list.status": "Status",
    "integrations.list.never": "Never",
    "integrations.list.empty":
      "No integrations yet. Create one for each system that talks to " +
      "Stepwise: a Zendesk instance, a CRM, an identity provider.",
    "integrations.status.on": "On",
    "integrations.status.off": "Switched off",
    "integrations.originsCount": "{count, plural, =0 {None} one {# origin} other {# origins}}",
    "integrations.new.title": "New integration",
    "integrations.new.submit": "Create integration",
    "integrations.new.busy": "Creating…",
    "integrations.created":
      "“{name}” is created. Its embed launch secret is below: copy " +
      "it now, it is not shown again (you can rotate it later).",
    "integrations.field.name": "Name",
    "integrations.field.nameHint": "What the system is, e.g. “Zendesk – EU support”.",
    "integrations.field.description": "Description",
    "integrations.field.origins": "Allowed origins",
    "integrations.field.originsHint":
      "One per line, e.g. https://acme.zendesk.com. Only these may frame the " +
      "embedded runbook and talk to it. Leave empty if you do not embed.",
    "integrations.field.publicKey": "RS256 public key (optional)",
    "integrations.field.publicKeyHint":
      "PEM, from -----BEGIN PUBLIC KEY-----. When set, launch tokens must be " +
      "signed with the matching private key instead of the shared secret.",
    "integrations.field.private": "Allow webhooks to private and loopback addresses",
    "integrations.field.privateHint":
      "Only for a receiver inside your own network. Off, Stepwise refuses targets such as " +
      "10.0.0.0/8, 127.0.0.1 or 169.254.169.254, so webhooks cannot probe your internal network.",
    "integrations.back": "Integrations",
    "integrations.section.settings": "Settings",
    "integrations.section.tokens": "API tokens",
    "integrations.section.embed": "Embedded runbook",
    "integrations.section.webhooks": "Webhooks",
    "integrations.section.reference": "API reference",
    "integrations.nav": "Integration sections",
    "integrations.save": "Save settings",
    "integrations.saving": "Saving…",
    "integrations.saved": "Settings saved.",
    "integrations.disable": "Switch off",
    "integrations.enable": "Switch on",
    "integrations.disabledNotice":
      "This integration is switched off: its tokens are refused, " +
      "its webhooks are not sent and its embed does not launch.",
    "integrations.disabledDone": "The integration is switched off.",
    "integrations.enabledDone": "The integration is switched on again.",
    "integrations.disableHint":
      "Switching off stops everything at once without deleting anything; switch it on again at any time.",
    "integrations.tokens.intro":
      "A token lets the integration's server call the API with the scopes you give " +
      "it. It is shown once, when it is created; Stepwise keeps only a hash.",
    "integrations.tokens.caption": "API tokens of {name}",
    "integrations.tokens.name": "Token",
    "integrations.tokens.scopes": "Scopes",
    "integrations.tokens.created": "Created",
    "integrations.tokens.createdBy": "by {name}",
    "integrations.tokens.expires": "Expires",
    "integrations.tokens.noExpiry": "Never",
    "integrations.tokens.lastUsed": "Last used",
    "integrations.tokens.lastUsedFrom": "from {ip}",
    "integrations.tokens.status": "Status",
    "integrations.tokens.active": "Active",
    "integrations.tokens.revoked": "Revoked",
    "integrations.tokens.expired": "Expired",
    "integrations.tokens.revoke": "Revoke",
    "integrations.tokens.revokeLabel": "Revoke the token {name}",
    "integrations.tokens.revokeConfirm": "Revoke “{name}”? Requests with it are refused at once.",
    "integrations.tokens.revokedDone": "The token “{name}” is revoked.",
    "integrations.tokens.empty": "No tokens yet.",
    "integrations.tokens.new": "Create a token",
    "integrations.tokens.field.name": "Token name",
    "integrations.tokens.field.nameHint": "Where it will be used, e.g. “Zendesk app server”.",
    "integrations.tokens.field.scopes": "Scopes",
    "integrations.tokens.field.expiry": "Expiry",
    "integrations.tokens.expiry.30": "In 30 days",
    "integrations.tokens.expiry.90": "In 90 days",
    "integrations.tokens.expiry.365": "In a year",
    "integrations.tokens.expiry.never": "Never (revoke it by hand)",
    "integrations.tokens.submit": "Create token",
    "integrations.tokens.busy": "Creating…",
    "integrations.tokens.shownOnce": "Your new token “{name}”. Copy it now: it is shown only this once.",
    "integrations.tokens.usage": "Send it as Authorization: Bearer '<token>'.",
    "integrations.copy.button": "Copy",
    "integrations.copy.copied": "Copied",
    "integrations.copy.announced": "Copied to the clipboard.",
    "integrations.copy.manual": "Selected: press Ctrl+C (⌘C on a Mac) to copy.",
    "integrations.embed.intro":
      "The help desk opens the runbook in its sidebar with a short-lived launch " +
      "token (a JWT) that it signs. Stepwise signs the agent in for the sidebar, " +
      "starts or resumes the run for the ticket and fills fields from it.",
    "integrations.embed.launchUrl": "Launch address",
    "integrations.embed.integrationId": "Integration id (the token's iss)",
    "integrations.embed.audience": "Audience (aud)",
    "integrations.embed.algorithm": "Signature",
    "integrations.embed.hs256": "HS256 with the launch secret",
    "integrations.embed.rs256": "RS256 with your private key (public key saved in Settings)",
    "integrations.embed.claims": "Claims",
    "integrations.embed.claim.sub": "the agent's e-mail address (a Stepwise user who runs SOPs)",
    "integrations.embed.claim.exp": "at most 5 minutes after iat; each token works once (jti)",
    "integrations.embed.claim.sop": "optional: the SOP to start, e.g. {example}",
    "integrations.embed.claim.ticket": "ticket_id, requester (name, email), locale and fields: the ticket's context",
    "integrations.embed.noOrigins":
      "Add the help desk's origin in Settings first: without allowed origins nobody can frame the runbook.",
    "integrations.embed.secret": "Launch secret",
    "integrations.embed.secretHidden": "Hidden. It was shown when the integration was created or last rotated.",
    "integrations.embed.rotate": "Rotate the launch secret",
    "integrations.embed.rotateConfirm":
      "Rotate the launch secret? Launch tokens signed with the old one stop working at once.",
    "integrations.embed.rotated": "The new launch secret is below. Copy it now: it is not shown again.",
    "integrations.webhooks.intro":
      "Endpoints that hear about runs, follow-ups, feedback and publishing, " +
      "signed per the Standard Webhooks convention, with a delivery log.",
    "integrations.webhooks.open": "Manage webhooks",
    "integrations.reference.intro":
      "Every endpoint, scope and error of the REST API, generated from the schemas that validate the requests.",
    "integrations.reference.open": "Read the API reference",
    "integrations.audit": "Recent changes",
    "integrations.audit.empty": "No changes recorded yet.",
    "integrations.audit.caption": "Changes to {name}",
    "integrations.audit.when": "When",
    "integrations.audit.who": "Who",
    "integrations.audit.what": "What",
    "integrations.audit.system": "Stepwise",
    "integrations.scope.sops:read": "Read published SOPs and search them",
    "integrations.scope.runs:read": "Read runs and follow-ups",
    "integrations.scope.runs:write": "Start runs, append events, write wrap-up notes",
    "integrations.scope.analytics:read": "Read the dashboards' figures",
    "integrations.scope.users:write": "Provision users: create, deactivate, change role",
  },
  {
    el: {
      "integrations.title": "Ενοποιήσεις",
      "integrations.intro":
        "Συνδέστε το Stepwise με το help desk ή το CRM σας: διακριτικά API για τον διακομιστή του, " +
        "υπογεγραμμένα webhooks για τα συμβάντα του και τον οδηγό κλήσης στην πλαϊνή του στήλη.",
      "integrations.list.caption": "Ενοποιήσεις",
      "integrations.list.name": "Ενοποίηση",
      "integrations.list.origins": "Επιτρεπόμενες προελεύσεις",
      "integrations.list.tokens": "Ενεργά διακριτικά",
      "integrations.list.lastUsed": "Τελευταία χρήση API",
      "integrations.list.status": "Κατάσταση",
      "integrations.list.never": "Ποτέ",
      "integrations.list.empty":
        "Δεν υπάρχουν ακόμη ενοποιήσεις. Δημιουργήστε μία για κάθε σύστημα που επικοινωνεί " +
        "με το Stepwise: ένα περιβάλλον Zendesk, ένα CRM, έναν πάροχο ταυτότητας.",
      "integrations.status.on": "Ενεργή",
      "integrations.status.off": "Απενεργοποιημένη",
      "integrations.originsCount": "{count, plural, =0 {Καμία} one {# προέλευση} other {# προελεύσεις}}",
      "integrations.new.title": "Νέα ενοποίηση",
      "integrations.new.submit": "Δημιουργία ενοποίησης",
      "integrations.new.busy": "Δημιουργία…",
      "integrations.created":
        "Η ενοποίηση «{name}» δημιουργήθηκε. Το μυστικό εκκίνησης της ενσωμάτωσης εμφανίζεται παρακάτω: " +
        "αντιγράψτε το τώρα, γιατί δεν θα εμφανιστεί ξανά (μπορείτε να το ανανεώσετε αργότερα).",
      "integrations.field.name": "Όνομα",
      "integrations.field.nameHint": "Τι σύστημα είναι, π.χ. «Zendesk – Υποστήριξη ΕΕ».",
      "integrations.field.description": "Περιγραφή",
      "integrations.field.origins": "Επιτρεπόμενες προελεύσεις",
      "integrations.field.originsHint":
        "Μία ανά γραμμή, π.χ. https://acme.zendesk.com. Μόνο αυτές μπορούν να ενσωματώνουν τον οδηγό " +
        "κλήσης σε πλαίσιο και να επικοινωνούν μαζί του. Αφήστε το κενό αν δεν χρησιμοποιείτε ενσωμάτωση.",
      "integrations.field.publicKey": "Δημόσιο κλειδί RS256 (προαιρετικό)",
      "integrations.field.publicKeyHint":
        "Σε μορφή PEM, ξεκινώντας από -----BEGIN PUBLIC KEY-----. Αν οριστεί, τα διακριτικά εκκίνησης " +
        "πρέπει να υπογράφονται με το αντίστοιχο ιδιωτικό κλειδί αντί για το κοινόχρηστο μυστικό.",
      "integrations.field.private": "Να επιτρέπονται webhooks προς ιδιωτικές διευθύνσεις και διευθύνσεις loopback",
      "integrations.field.privateHint":
        "Μόνο για παραλήπτη μέσα στο δικό σας δίκτυο. Όταν είναι απενεργοποιημένο, το " +
        "Stepwise απορρίπτει προορισμούς όπως 10.0.0.0/8, 127.0.0.1 ή 169.254.169.254, " +
        "ώστε τα webhooks να μην μπορούν να ανιχνεύσουν το εσωτερικό σας δίκτυο.",
      "integrations.back": "Ενοποιήσεις",
      "integrations.section.settings": "Ρυθμίσεις",
      "integrations.section.tokens": "Διακριτικά API",
      "integrations.section.embed": "Ενσωματωμένος οδηγός κλήσης",
      "integrations.section.webhooks": "Webhooks",
      "integrations.section.reference": "Τεκμηρίωση API",
      "integrations.nav": "Ενότητες ενοποίησης",
      "integrations.save": "Αποθήκευση ρυθμίσεων",
      "integrations.saving": "Αποθήκευση…",
      "integrations.saved": "Οι ρυθμίσεις αποθηκεύτηκαν.",
      "integrations.disable": "Απενεργοποίηση",
      "integrations.enable": "Ενεργοποίηση",
      "integrations.disabledNotice":
        "Αυτή η ενοποίηση είναι απενεργοποιημένη: τα διακριτικά της απορρίπτονται, " +
        "τα webhooks της δεν αποστέλλονται και η ενσωμάτωσή της δεν εκκινεί.",
      "integrations.disabledDone": "Η ενοποίηση απενεργοποιήθηκε.",
      "integrations.enabledDone": "Η ενοποίηση ενεργοποιήθηκε ξανά.",
      "integrations.disableHint":
        "Η απενεργοποίηση σταματά τα πάντα αμέσως χωρίς να διαγράφει " +
        "τίποτα· μπορείτε να την ενεργοποιήσετε ξανά οποιαδήποτε στιγμή.",
      "integrations.tokens.intro":
        "Ένα διακριτικό επιτρέπει στον διακομιστή της ενοποίησης να καλεί το API με τα δικαιώματα που " +
        "του δίνετε. Εμφανίζεται μία φορά, κατά τη δημιουργία του· το Stepwise κρατά μόνο ένα hash του.",
      "integrations.tokens.caption": "Διακριτικά API της ενοποίησης {name}",
      "integrations.tokens.name": "Διακριτικό",
      "integrations.tokens.scopes": "Δικαιώματα",
      "integrations.tokens.created": "Δημιουργία",
      "integrations.tokens.createdBy": "από {name}",
      "integrations.tokens.expires": "Λήξη",
      "integrations.tokens.noExpiry": "Ποτέ",
      "integrations.tokens.lastUsed": "Τελευταία χρήση",
      "integrations.tokens.lastUsedFrom": "από {ip}",
      "integrations.tokens.status": "Κατάσταση",
      "integrations.tokens.active": "Ενεργό",
      "integrations.tokens.revoked": "Ανακλήθηκε",
      "integrations.tokens.expired": "Έληξε",
      "integrations.tokens.revoke": "Ανάκληση",
      "integrations.tokens.revokeLabel": "Ανάκληση του διακριτικού {name}",
      "integrations.tokens.revokeConfirm":
        "Να ανακληθεί το «{name}»; Τα αιτήματα API που το χρησιμοποιούν θα απορρίπτονται αμέσως.",
      "integrations.tokens.revokedDone": "Το διακριτικό «{name}» ανακλήθηκε.",
      "integrations.tokens.empty": "Δεν υπάρχουν ακόμη διακριτικά.",
      "integrations.tokens.new": "Δημιουργία διακριτικού",
      "integrations.tokens.field.name": "Όνομα διακριτικού",
      "integrations.tokens.field.nameHint": "Πού θα χρησιμοποιηθεί, π.χ. «Διακομιστής εφαρμογής Zendesk».",
      "integrations.tokens.field.scopes": "Δικαιώματα",
      "integrations.tokens.field.expiry": "Λήξη",
      "integrations.tokens.expiry.30": "Σε 30 ημέρες",
      "integrations.tokens.expiry.90": "Σε 90 ημέρες",
      "integrations.tokens.expiry.365": "Σε ένα έτος",
      "integrations.tokens.expiry.never": "Ποτέ (ανάκληση χειροκίνητα)",
      "integrations.tokens.submit": "Δημιουργία διακριτικού",
      "integrations.tokens.busy": "Δημιουργία…",
      "integrations.tokens.shownOnce":
        "Το νέο σας διακριτικό «{name}». Αντιγράψτε το τώρα: εμφανίζεται μόνο αυτή τη φορά.",
      "integrations.tokens.usage": "Στείλτε το ως Authorization: Bearer '<token>'.",
      "integrations.copy.button": "Αντιγραφή",
      "integrations.copy.copied": "Αντιγράφηκε",
      "integrations.copy.announced": "Αντιγράφηκε στο πρόχειρο.",
      "integrations.copy.manual": "Επιλέχθηκε: πατήστε Ctrl+C (⌘C σε Mac) για αντιγραφή.",
      "integrations.embed.intro":
        "Το help desk ανοίγει τον οδηγό κλήσης στην πλαϊνή του στήλη με ένα βραχύβιο διακριτικό " +
        "εκκίνησης (ένα JWT) που υπογράφει το ίδιο. Το Stepwise συνδέει τον εκπρόσωπο στην πλαϊνή " +
        "στήλη, ξεκινά ή συνεχίζει την εκτέλεση για το αίτημα και συμπληρώνει πεδία από αυτό.",
      "integrations.embed.launchUrl": "Διεύθυνση εκκίνησης",
      "integrations.embed.integrationId": "Αναγνωριστικό ενοποίησης (το iss του διακριτικού)",
      "integrations.embed.audience": "Αποδέκτης (aud)",
      "integrations.embed.algorithm": "Υπογραφή",
      "integrations.embed.hs256": "HS256 με το μυστικό εκκίνησης",
      "integrations.embed.rs256": "RS256 με το ιδιωτικό σας κλειδί (το δημόσιο κλειδί αποθηκεύεται στις Ρυθμίσεις)",
      "integrations.embed.claims": "Δηλώσεις (claims)",
      "integrations.embed.claim.sub":
        "η διεύθυνση e-mail του εκπροσώπου (χρήστης του Stepwise που εκτελεί διαδικασίες)",
      "integrations.embed.claim.exp": "το πολύ 5 λεπτά μετά το iat· κάθε διακριτικό λειτουργεί μία φορά (jti)",
      "integrations.embed.claim.sop": "προαιρετικά: η διαδικασία που θα ξεκινήσει, π.χ. {example}",
      "integrations.embed.claim.ticket":
        "ticket_id, requester (name, email), locale και fields: το πλαίσιο του αιτήματος",
      "integrations.embed.noOrigins":
        "Προσθέστε πρώτα την προέλευση του help desk στις Ρυθμίσεις: χωρίς " +
        "επιτρεπόμενες προελεύσεις κανείς δεν μπορεί να ενσωματώσει τον οδηγό κλήσης.",
      "integrations.embed.secret": "Μυστικό εκκίνησης",
      "integrations.embed.secretHidden":
        "Κρυφό. Εμφανίστηκε κατά τη δημιουργία της ενοποίησης ή κατά την τελευταία ανανέωσή του.",
      "integrations.embed.rotate": "Ανανέωση του μυστικού εκκίνησης",
      "integrations.embed.rotateConfirm":
        "Να ανανεωθεί το μυστικό εκκίνησης; Τα διακριτικά εκκίνησης " +
        "που υπογράφηκαν με το παλιό παύουν αμέσως να λειτουργούν.",
      "integrations.embed.rotated":
        "Το νέο μυστικό εκκίνησης εμφανίζεται παρακάτω. Αντιγράψτε το τώρα: δεν θα εμφανιστεί ξανά.",
      "integrations.webhooks.intro":
        "Τελικά σημεία που ειδοποιούνται για εκτελέσεις, εκκρεμότητες, σχόλια και δημοσιεύσεις, " +
        "υπογεγραμμένα σύμφωνα με τη σύμβαση Standard Webhooks, με αρχείο παραδόσεων.",
      "integrations.webhooks.open": "Διαχείριση webhooks",
      "integrations.reference.intro":
        "Κάθε τελικό σημείο, δικαίωμα και σφάλμα του REST API, όπως " +
        "παράγονται από τα σχήματα που επικυρώνουν τα αιτήματα.",
      "integrations.reference.open": "Ανάγνωση της τεκμηρίωσης API",
      "integrations.audit": "Πρόσφατες αλλαγές",
      "integrations.audit.empty": "Δεν έχουν καταγραφεί ακόμη αλλαγές.",
      "integrations.audit.caption": "Αλλαγές στην ενοποίηση {name}",
      "integrations.audit.when": "Πότε",
      "integrations.audit.who": "Ποιος",
      "integrations.audit.what": "Τι",
      "integrations.audit.system": "Stepwise",
      "integrations.scope.sops:read": "Ανάγνωση και αναζήτηση δημοσιευμένων διαδικασιών",
      "integrations.scope.runs:read": "Ανάγνωση εκτελέσεων και εκκρεμοτήτων",
      "integrations.scope.runs:write": "Έναρξη εκτελέσεων, προσθήκη συμβάντων, σύνταξη σημειώσεων ολοκλήρωσης",
      "integrations.scope.analytics:read": "Ανάγνωση των στοιχείων των αναλύσεων",
      "integrations.scope.users:write": "Διαχείριση χρηστών: δημιουργία, απενεργοποίηση, αλλαγή ρόλου",
    },
    it: {
      "integrations.title": "Integrazioni",
      "integrations.intro":
        "Collega Stepwise al tuo help desk o CRM: token API per il suo server, webhook " +
        "firmati per i suoi eventi e la guida alla chiamata nella sua barra laterale.",
      "integrations.list.caption": "Integrazioni",
      "integrations.list.name": "Integrazione",
      "integrations.list.origins": "Origini consentite",
      "integrations.list.tokens": "Token attivi",
      "integrations.list.lastUsed": "Ultimo uso dell'API",
      "integrations.list.status": "Stato",
      "integrations.list.never": "Mai",
      "integrations.list.empty":
        "Ancora nessuna integrazione. Creane una per ogni sistema che comunica " +
        "con Stepwise: un'istanza Zendesk, un CRM, un provider di identità.",
      "integrations.status.on": "Attiva",
      "integrations.status.off": "Disattivata",
      "integrations.originsCount": "{count, plural, =0 {Nessuna} one {# origine} other {# origini}}",
      "integrations.new.title": "Nuova integrazione",
      "integrations.new.submit": "Crea l'integrazione",
      "integrations.new.busy": "Creazione…",
      "integrations.created":
        "«{name}» è stata creata. Qui sotto trovi il segreto di avvio per l'incorporamento: " +
        "copialo ora, non verrà più mostrato (potrai rigenerarlo in seguito).",
      "integrations.field.name": "Nome",
      "integrations.field.nameHint": "Che sistema è, es. «Zendesk – assistenza UE».",
      "integrations.field.description": "Descrizione",
      "integrations.field.origins": "Origini consentite",
      "integrations.field.originsHint":
        "Una per riga, es. https://acme.zendesk.com. Solo queste possono incorporare la guida " +
        "alla chiamata in un frame e comunicare con essa. Lascia vuoto se non la incorpori.",
      "integrations.field.publicKey": "Chiave pubblica RS256 (facoltativa)",
      "integrations.field.publicKeyHint":
        "In formato PEM, a partire da -----BEGIN PUBLIC KEY-----. Se impostata, i token di avvio " +
        "devono essere firmati con la chiave privata corrispondente anziché con il segreto condiviso.",
      "integrations.field.private": "Consenti webhook verso indirizzi privati e di loopback",
      "integrations.field.privateHint":
        "Solo per un destinatario all'interno della tua rete. Se l'opzione è " +
        "disattivata, Stepwise rifiuta destinazioni come 10.0.0.0/8, 127.0.0.1 o " +
        "169.254.169.254, così i webhook non possono sondare la tua rete interna.",
      "integrations.back": "Integrazioni",
      "integrations.section.settings": "Impostazioni",
      "integrations.section.tokens": "Token API",
      "integrations.section.embed": "Guida incorporata",
      "integrations.section.webhooks": "Webhook",
      "integrations.section.reference": "Documentazione API",
      "integrations.nav": "Sezioni dell'integrazione",
      "integrations.save": "Salva le impostazioni",
      "integrations.saving": "Salvataggio…",
      "integrations.saved": "Impostazioni salvate.",
      "integrations.disable": "Disattiva",
      "integrations.enable": "Attiva",
      "integrations.disabledNotice":
        "Questa integrazione è disattivata: i suoi token vengono rifiutati, i " +
        "suoi webhook non vengono inviati e la guida incorporata non si avvia.",
      "integrations.disabledDone": "L'integrazione è stata disattivata.",
      "integrations.enabledDone": "L'integrazione è stata riattivata.",
      "integrations.disableHint":
        "La disattivazione blocca tutto subito senza eliminare nulla; puoi riattivarla in qualsiasi momento.",
      "integrations.tokens.intro":
        "Un token consente al server dell'integrazione di chiamare l'API con gli ambiti che gli " +
        "assegni. Viene mostrato una sola volta, alla creazione; Stepwise ne conserva solo un hash.",
      "integrations.tokens.caption": "Token API di {name}",
      "integrations.tokens.name": "Token",
      "integrations.tokens.scopes": "Ambiti",
      "integrations.tokens.created": "Creato",
      "integrations.tokens.createdBy": "da {name}",
      "integrations.tokens.expires": "Scadenza",
      "integrations.tokens.noExpiry": "Mai",
      "integrations.tokens.lastUsed": "Ultimo uso",
      "integrations.tokens.lastUsedFrom": "da {ip}",
      "integrations.tokens.status": "Stato",
      "integrations.tokens.active": "Attivo",
      "integrations.tokens.revoked": "Revocato",
      "integrations.tokens.expired": "Scaduto",
      "integrations.tokens.revoke": "Revoca",
      "integrations.tokens.revokeLabel": "Revoca il token {name}",
      "integrations.tokens.revokeConfirm": "Revocare «{name}»? Le richieste che lo usano verranno rifiutate subito.",
      "integrations.tokens.revokedDone": "Il token «{name}» è stato revocato.",
      "integrations.tokens.empty": "Ancora nessun token.",
      "integrations.tokens.new": "Crea un token",
      "integrations.tokens.field.name": "Nome del token",
      "integrations.tokens.field.nameHint": "Dove verrà usato, es. «Server dell'app Zendesk».",
      "integrations.tokens.field.scopes": "Ambiti",
      "integrations.tokens.field.expiry": "Scadenza",
      "integrations.tokens.expiry.30": "Tra 30 giorni",
      "integrations.tokens.expiry.90": "Tra 90 giorni",
      "integrations.tokens.expiry.365": "Tra un anno",
      "integrations.tokens.expiry.never": "Mai (da revocare manualmente)",
      "integrations.tokens.submit": "Crea il token",
      "integrations.tokens.busy": "Creazione…",
      "integrations.tokens.shownOnce": "Il tuo nuovo token «{name}». Copialo ora: viene mostrato solo questa volta.",
      "integrations.tokens.usage": "Invialo come Authorization: Bearer '<token>'.",
      "integrations.copy.button": "Copia",
      "integrations.copy.copied": "Copiato",
      "integrations.copy.announced": "Copiato negli appunti.",
      "integrations.copy.manual": "Selezionato: premi Ctrl+C (⌘C su Mac) per copiare.",
      "integrations.embed.intro":
        "L'help desk apre la guida alla chiamata nella sua barra laterale con un token di avvio a " +
        "breve scadenza (un JWT) che firma lui stesso. Stepwise fa accedere l'operatore nella barra " +
        "laterale, avvia o riprende l'esecuzione per il ticket e ne usa i dati per compilare i campi.",
      "integrations.embed.launchUrl": "Indirizzo di avvio",
      "integrations.embed.integrationId": "ID dell'integrazione (l'iss del token)",
      "integrations.embed.audience": "Destinatario (aud)",
      "integrations.embed.algorithm": "Firma",
      "integrations.embed.hs256": "HS256 con il segreto di avvio",
      "integrations.embed.rs256": "RS256 con la tua chiave privata (chiave pubblica salvata in Impostazioni)",
      "integrations.embed.claims": "Claim",
      "integrations.embed.claim.sub": "l'indirizzo e-mail dell'operatore (un utente Stepwise che esegue procedure)",
      "integrations.embed.claim.exp": "al massimo 5 minuti dopo iat; ogni token vale una sola volta (jti)",
      "integrations.embed.claim.sop": "facoltativo: la procedura da avviare, es. {example}",
      "integrations.embed.claim.ticket": "ticket_id, requester (name, email), locale e fields: il contesto del ticket",
      "integrations.embed.noOrigins":
        "Aggiungi prima l'origine dell'help desk in Impostazioni: " +
        "senza origini consentite nessuno può incorporare la guida.",
      "integrations.embed.secret": "Segreto di avvio",
      "integrations.embed.secretHidden":
        "Nascosto. È stato mostrato alla creazione dell'integrazione o all'ultima rigenerazione.",
      "integrations.embed.rotate": "Rigenera il segreto di avvio",
      "integrations.embed.rotateConfirm":
        "Rigenerare il segreto di avvio? I token di avvio firmati con quello vecchio smettono subito di funzionare.",
      "integrations.embed.rotated": "Il nuovo segreto di avvio è qui sotto. Copialo ora: non verrà più mostrato.",
      "integrations.webhooks.intro":
        "Endpoint che ricevono notifiche su esecuzioni, richiami, segnalazioni e pubblicazioni, " +
        "firmati secondo la convenzione Standard Webhooks, con un registro delle consegne.",
      "integrations.webhooks.open": "Gestisci i webhook",
      "integrations.reference.intro":
        "Ogni endpoint, ambito ed errore della REST API, generati dagli schemi che convalidano le richieste.",
      "integrations.reference.open": "Leggi la documentazione API",
      "integrations.audit": "Modifiche recenti",
      "integrations.audit.empty": "Nessuna modifica registrata finora.",
      "integrations.audit.caption": "Modifiche a {name}",
      "integrations.audit.when": "Quando",
      "integrations.audit.who": "Chi",
      "integrations.audit.what": "Cosa",
      "integrations.audit.system": "Stepwise",
      "integrations.scope.sops:read": "Leggere e cercare le procedure pubblicate",
      "integrations.scope.runs:read": "Leggere esecuzioni e richiami",
      "integrations.scope.runs:write": "Avviare esecuzioni, aggiungere eventi, scrivere note di chiusura",
      "integrations.scope.analytics:read": "Leggere i dati delle analisi",
      "integrations.scope.users:write": "Gestire gli utenti: creare, disattivare, cambiare ruolo",
    },
    lt: {
      "integrations.title": "Integracijos",
      "integrations.intro":
        "Prijunkite Stepwise prie savo pagalbos tarnybos ar CRM sistemos: API žetonai jos serveriui, " +
        "pasirašyti webhook’ai jos įvykiams ir skambučio vadovas jos šoniniame skydelyje.",
      "integrations.list.caption": "Integracijos",
      "integrations.list.name": "Integracija",
      "integrations.list.origins": "Leidžiami šaltiniai",
      "integrations.list.tokens": "Aktyvūs žetonai",
      "integrations.list.lastUsed": "Paskutinis API naudojimas",
      "integrations.list.status": "Būsena",
      "integrations.list.never": "Niekada",
      "integrations.list.empty":
        "Integracijų dar nėra. Sukurkite po vieną kiekvienai sistemai, kuri bendrauja " +
        "su Stepwise: Zendesk egzemplioriui, CRM sistemai, tapatybės teikėjui.",
      "integrations.status.on": "Įjungta",
      "integrations.status.off": "Išjungta",
      "integrations.originsCount":
        "{count, plural, =0 {Nėra} one {# šaltinis} few {# šaltiniai} many {# šaltinio} other {# šaltinių}}",
      "integrations.new.title": "Nauja integracija",
      "integrations.new.submit": "Sukurti integraciją",
      "integrations.new.busy": "Kuriama…",
      "integrations.created":
        "Integracija „{name}“ sukurta. Žemiau pateikta jos įterpimo paleidimo paslaptis: " +
        "nukopijuokite ją dabar, nes ji daugiau nebus rodoma (vėliau galėsite ją pakeisti).",
      "integrations.field.name": "Pavadinimas",
      "integrations.field.nameHint": "Kokia tai sistema, pvz., „Zendesk – ES pagalba“.",
      "integrations.field.description": "Aprašas",
      "integrations.field.origins": "Leidžiami šaltiniai",
      "integrations.field.originsHint":
        "Po vieną eilutėje, pvz., https://acme.zendesk.com. Tik šie šaltiniai gali įterpti " +
        "skambučio vadovą į rėmelį ir su juo bendrauti. Palikite tuščią, jei vadovo neįterpiate.",
      "integrations.field.publicKey": "RS256 viešasis raktas (neprivaloma)",
      "integrations.field.publicKeyHint":
        "PEM formatu, pradedant -----BEGIN PUBLIC KEY-----. Jį nustačius, paleidimo žetonai " +
        "turi būti pasirašomi atitinkamu privačiuoju raktu, o ne bendrąja paslaptimi.",
      "integrations.field.private": "Leisti webhook’us į privačius ir grįžtamojo ryšio (loopback) adresus",
      "integrations.field.privateHint":
        "Tik jei gavėjas yra jūsų pačių tinkle. Kai išjungta, Stepwise atmeta tokius adresus kaip " +
        "10.0.0.0/8, 127.0.0.1 ar 169.254.169.254, kad webhook’ai negalėtų zonduoti jūsų vidinio tinklo.",
      "integrations.back": "Integracijos",
      "integrations.section.settings": "Nustatymai",
      "integrations.section.tokens": "API žetonai",
      "integrations.section.embed": "Įterptas skambučio vadovas",
      "integrations.section.webhooks": "Webhook’ai",
      "integrations.section.reference": "API žinynas",
      "integrations.nav": "Integracijos skyriai",
      "integrations.save": "Išsaugoti nustatymus",
      "integrations.saving": "Saugoma…",
      "integrations.saved": "Nustatymai išsaugoti.",
      "integrations.disable": "Išjungti",
      "integrations.enable": "Įjungti",
      "integrations.disabledNotice":
        "Ši integracija išjungta: jos žetonai atmetami, webhook’ai nesiunčiami, o įterptas vadovas nepaleidžiamas.",
      "integrations.disabledDone": "Integracija išjungta.",
      "integrations.enabledDone": "Integracija vėl įjungta.",
      "integrations.disableHint": "Išjungus viskas iš karto sustabdoma nieko neištrinant; vėl įjungti galite bet kada.",
      "integrations.tokens.intro":
        "Žetonas leidžia integracijos serveriui kreiptis į API su jūsų suteiktomis teisėmis. " +
        "Jis parodomas vieną kartą, kai sukuriamas; Stepwise saugo tik jo maišos reikšmę.",
      "integrations.tokens.caption": "Integracijos {name} API žetonai",
      "integrations.tokens.name": "Žetonas",
      "integrations.tokens.scopes": "Teisės",
      "integrations.tokens.created": "Sukurta",
      "integrations.tokens.createdBy": "sukūrė {name}",
      "integrations.tokens.expires": "Galioja iki",
      "integrations.tokens.noExpiry": "Neribotai",
      "integrations.tokens.lastUsed": "Paskutinį kartą naudotas",
      "integrations.tokens.lastUsedFrom": "iš {ip}",
      "integrations.tokens.status": "Būsena",
      "integrations.tokens.active": "Aktyvus",
      "integrations.tokens.revoked": "Atšauktas",
      "integrations.tokens.expired": "Nebegalioja",
      "integrations.tokens.revoke": "Atšaukti",
      "integrations.tokens.revokeLabel": "Atšaukti žetoną {name}",
      "integrations.tokens.revokeConfirm": "Atšaukti „{name}“? API kreipiniai su juo bus iš karto atmetami.",
      "integrations.tokens.revokedDone": "Žetonas „{name}“ atšauktas.",
      "integrations.tokens.empty": "Žetonų dar nėra.",
      "integrations.tokens.new": "Sukurti žetoną",
      "integrations.tokens.field.name": "Žetono pavadinimas",
      "integrations.tokens.field.nameHint": "Kur jis bus naudojamas, pvz., „Zendesk programos serveris“.",
      "integrations.tokens.field.scopes": "Teisės",
      "integrations.tokens.field.expiry": "Galiojimas",
      "integrations.tokens.expiry.30": "Po 30 dienų",
      "integrations.tokens.expiry.90": "Po 90 dienų",
      "integrations.tokens.expiry.365": "Po metų",
      "integrations.tokens.expiry.never": "Neribotai (atšaukite rankiniu būdu)",
      "integrations.tokens.submit": "Sukurti žetoną",
      "integrations.tokens.busy": "Kuriama…",
      "integrations.tokens.shownOnce":
        "Jūsų naujas žetonas „{name}“. Nukopijuokite jį dabar: jis rodomas tik šį kartą.",
      "integrations.tokens.usage": "Siųskite jį kaip Authorization: Bearer '<token>'.",
      "integrations.copy.button": "Kopijuoti",
      "integrations.copy.copied": "Nukopijuota",
      "integrations.copy.announced": "Nukopijuota į iškarpinę.",
      "integrations.copy.manual": "Pažymėta: norėdami nukopijuoti, paspauskite Ctrl+C („Mac“ kompiuteryje – ⌘C).",
      "integrations.embed.intro":
        "Pagalbos tarnybos sistema atidaro skambučio vadovą savo šoniniame skydelyje su trumpalaikiu " +
        "paleidimo žetonu (JWT), kurį pati pasirašo. Stepwise prijungia konsultantą šoniniame " +
        "skydelyje, pradeda arba tęsia užklausos vykdymą ir užpildo laukus jos duomenimis.",
      "integrations.embed.launchUrl": "Paleidimo adresas",
      "integrations.embed.integrationId": "Integracijos ID (žetono iss)",
      "integrations.embed.audience": "Gavėjas (aud)",
      "integrations.embed.algorithm": "Parašas",
      "integrations.embed.hs256": "HS256 su paleidimo paslaptimi",
      "integrations.embed.rs256": "RS256 su jūsų privačiuoju raktu (viešasis raktas išsaugotas nustatymuose)",
      "integrations.embed.claims": "Teiginiai (claims)",
      "integrations.embed.claim.sub": "konsultanto el. pašto adresas (Stepwise naudotojo, kuris vykdo procedūras)",
      "integrations.embed.claim.exp":
        "ne vėliau kaip 5 minutės po iat; kiekvienas žetonas veikia tik vieną kartą (jti)",
      "integrations.embed.claim.sop": "neprivaloma: procedūra, kurią reikia pradėti, pvz., {example}",
      "integrations.embed.claim.ticket": "ticket_id, requester (name, email), locale ir fields: užklausos kontekstas",
      "integrations.embed.noOrigins":
        "Pirmiausia nustatymuose pridėkite pagalbos tarnybos sistemos šaltinį: " +
        "be leidžiamų šaltinių niekas negali įterpti skambučio vadovo.",
      "integrations.embed.secret": "Paleidimo paslaptis",
      "integrations.embed.secretHidden":
        "Paslėpta. Ji buvo parodyta sukūrus integraciją arba paskutinį kartą ją pakeitus.",
      "integrations.embed.rotate": "Pakeisti paleidimo paslaptį",
      "integrations.embed.rotateConfirm":
        "Pakeisti paleidimo paslaptį? Senąja paslaptimi pasirašyti paleidimo žetonai iš karto nustos veikti.",
      "integrations.embed.rotated":
        "Žemiau pateikta nauja paleidimo paslaptis. Nukopijuokite ją dabar: ji daugiau nebus rodoma.",
      "integrations.webhooks.intro":
        "Galiniai taškai, gaunantys pranešimus apie vykdymus, tolesnius veiksmus, atsiliepimus " +
        "ir paskelbimus, pasirašyti pagal Standard Webhooks konvenciją, su pristatymų žurnalu.",
      "integrations.webhooks.open": "Tvarkyti webhook’us",
      "integrations.reference.intro":
        "Visi REST API galiniai taškai, teisės ir klaidos, sugeneruoti iš schemų, kuriomis tikrinami kreipiniai.",
      "integrations.reference.open": "Skaityti API žinyną",
      "integrations.audit": "Naujausi pakeitimai",
      "integrations.audit.empty": "Pakeitimų dar neužregistruota.",
      "integrations.audit.caption": "Integracijos {name} pakeitimai",
      "integrations.audit.when": "Kada",
      "integrations.audit.who": "Kas",
      "integrations.audit.what": "Kas pakeista",
      "integrations.audit.system": "Stepwise",
      "integrations.scope.sops:read": "Skaityti paskelbtas procedūras ir jų ieškoti",
      "integrations.scope.runs:read": "Skaityti vykdymus ir tolesnius veiksmus",
      "integrations.scope.runs:write": "Pradėti vykdymus, pridėti įvykius, rašyti užbaigimo pastabas",
      "integrations.scope.analytics:read": "Skaityti analitikos skydelių duomenis",
      "integrations.scope.users:write": "Tvarkyti naudotojus: kurti, išjungti, keisti vaidmenį",
    },
    fa: {
      "integrations.title": "یکپارچه‌سازی‌ها",
      "integrations.intro":
        "Stepwise را به میز کمک یا CRM خود وصل کنید: توکن‌های API برای سرور آن، " +
        "وب‌هوک‌های امضاشده برای رویدادهایش و راهنمای تماس در نوار کناری آن.",
      "integrations.list.caption": "یکپارچه‌سازی‌ها",
      "integrations.list.name": "یکپارچه‌سازی",
      "integrations.list.origins": "مبدأهای مجاز",
      "integrations.list.tokens": "توکن‌های فعال",
      "integrations.list.lastUsed": "آخرین استفاده از API",
      "integrations.list.status": "وضعیت",
      "integrations.list.never": "هرگز",
      "integrations.list.empty":
        "هنوز هیچ یکپارچه‌سازی‌ای وجود ندارد. برای هر سامانه‌ای که با Stepwise " +
        "ارتباط دارد یکی بسازید: یک نمونهٔ Zendesk، یک CRM، یک ارائه‌دهندهٔ هویت.",
      "integrations.status.on": "فعال",
      "integrations.status.off": "غیرفعال",
      "integrations.originsCount": "{count, plural, =0 {هیچ‌کدام} one {# مبدأ} other {# مبدأ}}",
      "integrations.new.title": "یکپارچه‌سازی تازه",
      "integrations.new.submit": "ساختن یکپارچه‌سازی",
      "integrations.new.busy": "در حال ساخت…",
      "integrations.created":
        "«{name}» ساخته شد. رمز راه‌اندازی جاسازی آن در زیر آمده است: همین حالا آن " +
        "را کپی کنید، چون دیگر نمایش داده نمی‌شود (بعداً می‌توانید آن را عوض کنید).",
      "integrations.field.name": "نام",
      "integrations.field.nameHint": "این سامانه چیست، مثلاً «Zendesk – پشتیبانی اتحادیهٔ اروپا».",
      "integrations.field.description": "توضیحات",
      "integrations.field.origins": "مبدأهای مجاز",
      "integrations.field.originsHint":
        "هر مبدأ در یک خط، مثلاً https://acme.zendesk.com. فقط همین مبدأها می‌توانند راهنمای تماس " +
        "را در قاب جاسازی کنند و با آن ارتباط داشته باشند. اگر جاسازی نمی‌کنید، خالی بگذارید.",
      "integrations.field.publicKey": "کلید عمومی RS256 (اختیاری)",
      "integrations.field.publicKeyHint":
        "در قالب PEM، که با -----BEGIN PUBLIC KEY----- آغاز می‌شود. اگر تعیین شود، " +
        "توکن‌های راه‌اندازی باید به‌جای رمز مشترک با کلید خصوصی متناظر امضا شوند.",
      "integrations.field.private": "اجازهٔ وب‌هوک به نشانی‌های خصوصی و loopback",
      "integrations.field.privateHint":
        "فقط برای گیرنده‌ای درون شبکهٔ خودتان. اگر خاموش باشد، Stepwise مقصدهایی مانند 10.0.0.0/8، " +
        "127.0.0.1 یا 169.254.169.254 را رد می‌کند تا وب‌هوک‌ها نتوانند شبکهٔ داخلی شما را کاوش کنند.",
      "integrations.back": "یکپارچه‌سازی‌ها",
      "integrations.section.settings": "تنظیمات",
      "integrations.section.tokens": "توکن‌های API",
      "integrations.section.embed": "راهنمای تماس جاسازی‌شده",
      "integrations.section.webhooks": "وب‌هوک‌ها",
      "integrations.section.reference": "مرجع API",
      "integrations.nav": "بخش‌های یکپارچه‌سازی",
      "integrations.save": "ذخیرهٔ تنظیمات",
      "integrations.saving": "در حال ذخیره…",
      "integrations.saved": "تنظیمات ذخیره شد.",
      "integrations.disable": "غیرفعال کردن",
      "integrations.enable": "فعال کردن",
      "integrations.disabledNotice":
        "این یکپارچه‌سازی غیرفعال است: توکن‌هایش پذیرفته نمی‌شوند، " +
        "وب‌هوک‌هایش فرستاده نمی‌شوند و جاسازی‌اش راه‌اندازی نمی‌شود.",
      "integrations.disabledDone": "یکپارچه‌سازی غیرفعال شد.",
      "integrations.enabledDone": "یکپارچه‌سازی دوباره فعال شد.",
      "integrations.disableHint":
        "غیرفعال کردن همه‌چیز را بی‌درنگ متوقف می‌کند، بی‌آنکه چیزی " +
        "حذف شود؛ هر زمان بخواهید می‌توانید دوباره فعالش کنید.",
      "integrations.tokens.intro":
        "توکن به سرور یکپارچه‌سازی اجازه می‌دهد با دسترسی‌هایی که به آن می‌دهید API را فراخوانی " +
        "کند. توکن فقط یک بار، هنگام ساخت، نمایش داده می‌شود؛ Stepwise تنها هش آن را نگه می‌دارد.",
      "integrations.tokens.caption": "توکن‌های API برای {name}",
      "integrations.tokens.name": "توکن",
      "integrations.tokens.scopes": "دسترسی‌ها",
      "integrations.tokens.created": "تاریخ ساخت",
      "integrations.tokens.createdBy": "توسط {name}",
      "integrations.tokens.expires": "انقضا",
      "integrations.tokens.noExpiry": "هرگز",
      "integrations.tokens.lastUsed": "آخرین استفاده",
      "integrations.tokens.lastUsedFrom": "از {ip}",
      "integrations.tokens.status": "وضعیت",
      "integrations.tokens.active": "فعال",
      "integrations.tokens.revoked": "باطل‌شده",
      "integrations.tokens.expired": "منقضی‌شده",
      "integrations.tokens.revoke": "ابطال",
      "integrations.tokens.revokeLabel": "ابطال توکن {name}",
      "integrations.tokens.revokeConfirm": "«{name}» باطل شود؟ فراخوانی‌های API با این توکن بی‌درنگ رد می‌شوند.",
      "integrations.tokens.revokedDone": "توکن «{name}» باطل شد.",
      "integrations.tokens.empty": "هنوز هیچ توکنی وجود ندارد.",
      "integrations.tokens.new": "ساختن توکن",
      "integrations.tokens.field.name": "نام توکن",
      "integrations.tokens.field.nameHint": "جایی که از آن استفاده می‌شود، مثلاً «سرور برنامهٔ Zendesk».",
      "integrations.tokens.field.scopes": "دسترسی‌ها",
      "integrations.tokens.field.expiry": "انقضا",
      "integrations.tokens.expiry.30": "۳۰ روز دیگر",
      "integrations.tokens.expiry.90": "۹۰ روز دیگر",
      "integrations.tokens.expiry.365": "یک سال دیگر",
      "integrations.tokens.expiry.never": "هرگز (به‌صورت دستی باطلش کنید)",
      "integrations.tokens.submit": "ساختن توکن",
      "integrations.tokens.busy": "در حال ساخت…",
      "integrations.tokens.shownOnce":
        "توکن تازهٔ شما «{name}». همین حالا کپی‌اش کنید: فقط همین یک بار نمایش داده می‌شود.",
      "integrations.tokens.usage": "آن را به‌صورت Authorization: Bearer '<token>' بفرستید.",
      "integrations.copy.button": "کپی",
      "integrations.copy.copied": "کپی شد",
      "integrations.copy.announced": "در کلیپ‌بورد کپی شد.",
      "integrations.copy.manual": "انتخاب شد: برای کپی، Ctrl+C (در Mac، ⌘C) را فشار دهید.",
      "integrations.embed.intro":
        "میز کمک راهنمای تماس را در نوار کناری خود با یک توکن راه‌اندازی کوتاه‌عمر (یک JWT) که " +
        "خودش امضا می‌کند باز می‌کند. Stepwise کارشناس را در نوار کناری وارد حساب می‌کند، اجرای " +
        "مربوط به درخواست را آغاز می‌کند یا از سر می‌گیرد و فیلدها را از روی آن پر می‌کند.",
      "integrations.embed.launchUrl": "نشانی راه‌اندازی",
      "integrations.embed.integrationId": "شناسهٔ یکپارچه‌سازی (iss توکن)",
      "integrations.embed.audience": "گیرنده (aud)",
      "integrations.embed.algorithm": "امضا",
      "integrations.embed.hs256": "HS256 با رمز راه‌اندازی",
      "integrations.embed.rs256": "RS256 با کلید خصوصی شما (کلید عمومی در تنظیمات ذخیره می‌شود)",
      "integrations.embed.claims": "ادعاها (claims)",
      "integrations.embed.claim.sub": "نشانی ایمیل کارشناس (کاربری از Stepwise که روال‌ها را اجرا می‌کند)",
      "integrations.embed.claim.exp": "حداکثر ۵ دقیقه پس از iat؛ هر توکن فقط یک بار کار می‌کند (jti)",
      "integrations.embed.claim.sop": "اختیاری: روالی که باید آغاز شود، مثلاً {example}",
      "integrations.embed.claim.ticket": "ticket_id، requester (name, email)، locale و fields: زمینهٔ درخواست",
      "integrations.embed.noOrigins":
        "نخست مبدأ میز کمک را در تنظیمات اضافه کنید: بدون مبدأهای " +
        "مجاز هیچ‌کس نمی‌تواند راهنمای تماس را در قاب جاسازی کند.",
      "integrations.embed.secret": "رمز راه‌اندازی",
      "integrations.embed.secretHidden": "پنهان است. هنگام ساخت یکپارچه‌سازی یا آخرین تعویض رمز نمایش داده شد.",
      "integrations.embed.rotate": "تعویض رمز راه‌اندازی",
      "integrations.embed.rotateConfirm":
        "رمز راه‌اندازی عوض شود؟ توکن‌های راه‌اندازی‌ای که با رمز قبلی امضا شده‌اند بی‌درنگ از کار می‌افتند.",
      "integrations.embed.rotated":
        "رمز راه‌اندازی تازه در زیر آمده است. همین حالا کپی‌اش کنید: دیگر نمایش داده نمی‌شود.",
      "integrations.webhooks.intro":
        "نقاط پایانی‌ای که از اجراها، پیگیری‌ها، بازخوردها و انتشارها باخبر " +
        "می‌شوند، طبق قرارداد Standard Webhooks امضا می‌شوند و گزارش تحویل دارند.",
      "integrations.webhooks.open": "مدیریت وب‌هوک‌ها",
      "integrations.reference.intro":
        "همهٔ نقاط پایانی، دسترسی‌ها و خطاهای REST API، برگرفته از طرح‌واره‌هایی که فراخوانی‌ها را اعتبارسنجی می‌کنند.",
      "integrations.reference.open": "خواندن مرجع API",
      "integrations.audit": "تغییرات اخیر",
      "integrations.audit.empty": "هنوز هیچ تغییری ثبت نشده است.",
      "integrations.audit.caption": "تغییرات {name}",
      "integrations.audit.when": "زمان",
      "integrations.audit.who": "انجام‌دهنده",
      "integrations.audit.what": "تغییر",
      "integrations.audit.system": "Stepwise",
      "integrations.scope.sops:read": "خواندن و جستجوی روال‌های منتشرشده",
      "integrations.scope.runs:read": "خواندن اجراها و پیگیری‌ها",
      "integrations.scope.runs:write": "آغاز اجراها، افزودن رویدادها، نوشتن یادداشت‌های جمع‌بندی",
      "integrations.scope.analytics:read": "خواندن ارقام تحلیل‌ها",
      "integrations.scope.users:write": "مدیریت کاربران: ساختن، غیرفعال کردن، تغییر نقش",
    },
  },
);
