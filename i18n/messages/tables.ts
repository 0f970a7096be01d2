import { defineCatalog } from "./define";

/** Lists that grow — My runs, the audit log, users — and the admin's departments (components/data-table.tsx). */
export default defineCatalog(
  {
    "tables.filter.apply": "Apply",
    "tables.filter.clear": "Clear filters",
    "tables.pager.label": "Pages",
    "tables.pager.previous": "Previous",
    "tables.pager.next": "Next",
    "tables.pager.status": "Page {page} of {pages}",
    "tables.actions": "Actions",
    "tables.none": "—",
    "tables.outcome.resolved": "Resolved",
    "tables.outcome.escalated": "Escalated",
    "tables.outcome.followUp": "Follow-up",
    "tables.outcome.transferred": "Transferred",
    "tables.outcome.abandoned": "Abandoned",

    "tables.runs.intro": "Every call you stepped through. Calls in progress resume exactly where you left them.",
    "tables.runs.filterLabel": "Filter your runs",
    "tables.runs.search": "Procedure or customer",
    "tables.runs.searchPlaceholder": "e.g. refund, ORD-1042",
    "tables.runs.anyStatus": "Any status",
    "tables.runs.anyProcedure": "Any procedure",
    "tables.runs.caption": "Your runs",
    "tables.runs.procedure": "Procedure",
    "tables.runs.started": "Started",
    "tables.runs.customer": "Customer",
    "tables.runs.status": "Status",
    "tables.runs.status.active": "In progress",
    "tables.runs.status.completed": "Completed",
    "tables.runs.status.followUp": "Follow-up open",
    "tables.runs.followUpBy": "Follow up by {due}",
    "tables.runs.timeline": "Timeline",
    "tables.runs.timelineOf": "Timeline of {sop}",
    "tables.runs.count": "{count, plural, =0 {No runs yet} one {# run} other {# runs}}",
    "tables.runs.countFiltered": "{count, plural, =0 {No run matches} one {# run matches} other {# runs match}}",
    "tables.runs.noMatch": "No run matches these filters. Try fewer words, or another status or procedure.",
    "tables.runs.empty": "You have not run a procedure yet. Press {key} anywhere to find one, or open the library.",
    "tables.runs.openLibrary": "Open the library",

    "tables.audit.intro": "Who changed what, and when: accounts, roles, departments and publishing. Times in {zone}.",
    "tables.audit.filterLabel": "Filter the audit log",
    "tables.audit.caption": "Audit log",
    "tables.audit.when": "When",
    "tables.audit.who": "Who",
    "tables.audit.what": "What",
    "tables.audit.action": "Action",
    "tables.audit.system": "System",
    "tables.audit.anyAction": "Any action",
    "tables.audit.anyone": "Anyone",
    "tables.audit.allOfFamily": "All: {family}",
    "tables.audit.family.user": "Users",
    "tables.audit.family.department": "Departments",
    "tables.audit.family.sop": "Procedures",
    "tables.audit.from": "From",
    "tables.audit.to": "To",
    "tables.audit.badDate": "Enter a real date (year-month-day).",
    "tables.audit.reversed": "The end date is before the start date.",
    "tables.audit.count": "{count, plural, one {# entry} other {# entries}}",
    "tables.audit.countFiltered":
      "{count, plural, =0 {No entry matches} one {# entry matches} other {# entries match}}",
    "tables.audit.noMatch": "No entry matches these filters. Widen the dates or choose another action or person.",
    "tables.audit.empty": "Nothing has been recorded yet.",

    "tables.users.intro": "Accounts, roles and departments. Every change is recorded in the audit log.",
    "tables.users.new": "New user",
    "tables.users.filterLabel": "Filter users",
    "tables.users.search": "Name or e-mail",
    "tables.users.searchPlaceholder": "e.g. Rossi, @billing",
    "tables.users.caption": "User accounts",
    "tables.users.name": "Name",
    "tables.users.email": "E-mail",
    "tables.users.role": "Role",
    "tables.users.department": "Department",
    "tables.users.status": "Status",
    "tables.users.active": "Active",
    "tables.users.deactivated": "Deactivated",
    "tables.users.anyRole": "Any role",
    "tables.users.anyDepartment": "Any department",
    "tables.users.noDepartment": "No department",
    "tables.users.anyStatus": "Active or not",
    "tables.users.count": "{count, plural, one {# account} other {# accounts}}",
    "tables.users.countFiltered":
      "{count, plural, =0 {No account matches} one {# account matches} other {# accounts match}}",
    "tables.users.noMatch": "No account matches these filters.",
    "tables.users.empty": "There are no accounts yet.",

    "tables.departments.intro": "Procedures and people belong to a department.",
    "tables.departments.all": "All departments",
    "tables.departments.countsOf": "{name} in numbers",
    "tables.departments.members":
      "{count, plural, =0 {No active members} one {# active member} other {# active members}}",
    "tables.departments.procedures": "{count, plural, =0 {No procedures} one {# procedure} other {# procedures}}",
    "tables.departments.name": "Name",
    "tables.departments.description": "Description",
    "tables.departments.save": "Save",
    "tables.departments.requireCertification": "Live calls need a certificate on the procedure",
    "tables.departments.requireCertificationHint":
      "Agents of this department can run a procedure on a live " +
      "call only once certified on it; practice calls stay open.",
    "tables.departments.new": "New department",
    "tables.departments.create": "Create department",
    "tables.departments.saved": "Saved {name}.",
    "tables.departments.created": "Created {name}.",
    "tables.departments.empty": "No departments yet: create the first one.",
    "tables.departments.nameTooShort": "Enter a department name of at least 2 characters.",
    "tables.departments.nameTooLong": "Keep the name under 80 characters.",
    "tables.departments.descriptionTooLong": "Keep the description under 300 characters.",

    "tables.settings.title": "Data retention",
    "tables.settings.intro":
      "How long Stepwise keeps what agents type into a run's fields: " +
      "names, numbers, dates and the other details a procedure captures.",
    "tables.settings.days": "Keep captured field values for (days)",
    "tables.settings.daysHint":
      "A whole number of days from 1 to 3650; 90 by default. Counted " +
      "from the end of the call, or from when a run was discarded.",
    "tables.settings.daysInvalid": "Enter a whole number of days from 1 to 3650.",
    "tables.settings.save": "Save",
    "tables.settings.saved": "Saved: captured field values are kept for {days, plural, one {# day} other {# days}}.",
    "tables.settings.unchanged":
      "Nothing to save: captured field values are already kept for {days, plural, one {# day} other {# days}}.",
    "tables.settings.removedTitle": "What is removed",
    "tables.settings.removed":
      "The values typed into the fields of finished runs, live and practice calls alike: from the run's " +
      "history, its saved state and its wrap-up note. The timeline then says the value was removed.",
    "tables.settings.keptTitle": "What stays",
    "tables.settings.kept":
      "Everything else about the run: steps done and skipped, checks, the path through each " +
      "decision flow, the agent's notes, escalations, the outcome and the handle time. The " +
      "dashboards' figures do not change. Runs still in progress are never touched.",
    "tables.settings.whenTitle": "When it runs",
    "tables.settings.when":
      "Every day: a minute after the server starts, then every 24 hours. Each removal is recorded in the audit log.",
    "tables.settings.statusTitle": "The job so far",
    "tables.settings.lastChecked": "Last checked",
    "tables.settings.neverChecked": "Not yet: the job runs a minute after the server starts.",
    "tables.settings.lastRemoval": "Last removal",
    "tables.settings.removal":
      "{when}: the values of {runs, plural, one {# run} other {# runs}} finished before " +
      "{before} ({events, plural, one {# entry} other {# entries}} of their history)",
    "tables.settings.noRemoval": "Nothing has been removed yet.",
    "tables.settings.auditLink": "Every removal in the audit log",
  },
  {
    el: {
      "tables.filter.apply": "Εφαρμογή",
      "tables.filter.clear": "Καθαρισμός φίλτρων",
      "tables.pager.label": "Σελίδες",
      "tables.pager.previous": "Προηγούμενη",
      "tables.pager.next": "Επόμενη",
      "tables.pager.status": "Σελίδα {page} από {pages}",
      "tables.actions": "Ενέργειες",
      "tables.none": "—",
      "tables.outcome.resolved": "Επιλύθηκε",
      "tables.outcome.escalated": "Κλιμακώθηκε",
      "tables.outcome.followUp": "Εκκρεμότητα",
      "tables.outcome.transferred": "Μεταβιβάστηκε",
      "tables.outcome.abandoned": "Εγκαταλείφθηκε",

      "tables.runs.intro":
        "Κάθε κλήση που ακολουθήσατε βήμα βήμα. Οι κλήσεις σε εξέλιξη συνεχίζουν ακριβώς από εκεί που σταματήσατε.",
      "tables.runs.filterLabel": "Φιλτράρισμα των εκτελέσεών σας",
      "tables.runs.search": "Διαδικασία ή πελάτης",
      "tables.runs.searchPlaceholder": "π.χ. επιστροφή, ORD-1042",
      "tables.runs.anyStatus": "Οποιαδήποτε κατάσταση",
      "tables.runs.anyProcedure": "Οποιαδήποτε διαδικασία",
      "tables.runs.caption": "Οι εκτελέσεις σας",
      "tables.runs.procedure": "Διαδικασία",
      "tables.runs.started": "Έναρξη",
      "tables.runs.customer": "Πελάτης",
      "tables.runs.status": "Κατάσταση",
      "tables.runs.status.active": "Σε εξέλιξη",
      "tables.runs.status.completed": "Ολοκληρώθηκε",
      "tables.runs.status.followUp": "Ανοιχτή εκκρεμότητα",
      "tables.runs.followUpBy": "Επανεπικοινωνία έως {due}",
      "tables.runs.timeline": "Χρονολόγιο",
      "tables.runs.timelineOf": "Χρονολόγιο: {sop}",
      "tables.runs.count": "{count, plural, =0 {Καμία εκτέλεση ακόμη} one {# εκτέλεση} other {# εκτελέσεις}}",
      "tables.runs.countFiltered":
        "{count, plural, =0 {Καμία εκτέλεση δεν ταιριάζει} one {# εκτέλεση ταιριάζει} other {# εκτελέσεις ταιριάζουν}}",
      "tables.runs.noMatch":
        "Καμία εκτέλεση δεν ταιριάζει σε αυτά τα φίλτρα. Δοκιμάστε λιγότερες λέξεις ή άλλη κατάσταση ή διαδικασία.",
      "tables.runs.empty":
        "Δεν έχετε εκτελέσει ακόμη κάποια διαδικασία. Πατήστε {key} " +
        "οπουδήποτε για να βρείτε μία ή ανοίξτε τη βιβλιοθήκη.",
      "tables.runs.openLibrary": "Άνοιγμα βιβλιοθήκης",

      "tables.audit.intro": "Ποιος άλλαξε τι και πότε: λογαριασμοί, ρόλοι, τμήματα και δημοσιεύσεις. Ώρες σε {zone}.",
      "tables.audit.filterLabel": "Φιλτράρισμα του αρχείου ελέγχου",
      "tables.audit.caption": "Αρχείο ελέγχου",
      "tables.audit.when": "Πότε",
      "tables.audit.who": "Ποιος",
      "tables.audit.what": "Τι",
      "tables.audit.action": "Ενέργεια",
      "tables.audit.system": "Σύστημα",
      "tables.audit.anyAction": "Οποιαδήποτε ενέργεια",
      "tables.audit.anyone": "Οποιοσδήποτε",
      "tables.audit.allOfFamily": "Όλα: {family}",
      "tables.audit.family.user": "Χρήστες",
      "tables.audit.family.department": "Τμήματα",
      "tables.audit.family.sop": "Διαδικασίες",
      "tables.audit.from": "Από",
      "tables.audit.to": "Έως",
      "tables.audit.badDate": "Εισαγάγετε μια πραγματική ημερομηνία (έτος-μήνας-ημέρα).",
      "tables.audit.reversed": "Η ημερομηνία λήξης είναι πριν από την ημερομηνία έναρξης.",
      "tables.audit.count": "{count, plural, one {# καταχώριση} other {# καταχωρίσεις}}",
      "tables.audit.countFiltered":
        "{count, plural, =0 {Καμία καταχώριση δεν ταιριάζει} one {# " +
        "καταχώριση ταιριάζει} other {# καταχωρίσεις ταιριάζουν}}",
      "tables.audit.noMatch":
        "Καμία καταχώριση δεν ταιριάζει σε αυτά τα φίλτρα. Διευρύνετε " +
        "τις ημερομηνίες ή επιλέξτε άλλη ενέργεια ή πρόσωπο.",
      "tables.audit.empty": "Δεν έχει καταγραφεί τίποτα ακόμη.",

      "tables.users.intro": "Λογαριασμοί, ρόλοι και τμήματα. Κάθε αλλαγή καταγράφεται στο αρχείο ελέγχου.",
      "tables.users.new": "Νέος χρήστης",
      "tables.users.filterLabel": "Φιλτράρισμα χρηστών",
      "tables.users.search": "Όνομα ή e-mail",
      "tables.users.searchPlaceholder": "π.χ. Rossi, @billing",
      "tables.users.caption": "Λογαριασμοί χρηστών",
      "tables.users.name": "Όνομα",
      "tables.users.email": "E-mail",
      "tables.users.role": "Ρόλος",
      "tables.users.department": "Τμήμα",
      "tables.users.status": "Κατάσταση",
      "tables.users.active": "Ενεργός",
      "tables.users.deactivated": "Απενεργοποιημένος",
      "tables.users.anyRole": "Οποιοσδήποτε ρόλος",
      "tables.users.anyDepartment": "Οποιοδήποτε τμήμα",
      "tables.users.noDepartment": "Χωρίς τμήμα",
      "tables.users.anyStatus": "Ενεργοί ή όχι",
      "tables.users.count": "{count, plural, one {# λογαριασμός} other {# λογαριασμοί}}",
      "tables.users.countFiltered":
        "{count, plural, =0 {Κανένας λογαριασμός δεν ταιριάζει} one " +
        "{# λογαριασμός ταιριάζει} other {# λογαριασμοί ταιριάζουν}}",
      "tables.users.noMatch": "Κανένας λογαριασμός δεν ταιριάζει σε αυτά τα φίλτρα.",
      "tables.users.empty": "Δεν υπάρχουν ακόμη λογαριασμοί.",

      "tables.departments.intro": "Οι διαδικασίες και οι άνθρωποι ανήκουν σε ένα τμήμα.",
      "tables.departments.all": "Όλα τα τμήματα",
      "tables.departments.countsOf": "{name} σε αριθμούς",
      "tables.departments.members":
        "{count, plural, =0 {Κανένα ενεργό μέλος} one {# ενεργό μέλος} other {# ενεργά μέλη}}",
      "tables.departments.procedures":
        "{count, plural, =0 {Καμία διαδικασία} one {# διαδικασία} other {# διαδικασίες}}",
      "tables.departments.name": "Όνομα",
      "tables.departments.description": "Περιγραφή",
      "tables.departments.save": "Αποθήκευση",
      "tables.departments.requireCertification": "Οι ζωντανές κλήσεις απαιτούν πιστοποίηση στη διαδικασία",
      "tables.departments.requireCertificationHint":
        "Οι εκπρόσωποι του τμήματος εκτελούν μια διαδικασία σε ζωντανή κλήση μόνο " +
        "αφού πιστοποιηθούν σε αυτήν· οι κλήσεις εξάσκησης μένουν ανοιχτές.",
      "tables.departments.new": "Νέο τμήμα",
      "tables.departments.create": "Δημιουργία τμήματος",
      "tables.departments.saved": "Αποθηκεύτηκε: {name}.",
      "tables.departments.created": "Δημιουργήθηκε: {name}.",
      "tables.departments.empty": "Δεν υπάρχουν ακόμη τμήματα: δημιουργήστε το πρώτο.",
      "tables.departments.nameTooShort": "Εισαγάγετε όνομα τμήματος με τουλάχιστον 2 χαρακτήρες.",
      "tables.departments.nameTooLong": "Το όνομα πρέπει να έχει λιγότερους από 80 χαρακτήρες.",
      "tables.departments.descriptionTooLong": "Η περιγραφή πρέπει να έχει λιγότερους από 300 χαρακτήρες.",

      "tables.settings.title": "Διατήρηση δεδομένων",
      "tables.settings.intro":
        "Πόσο καιρό κρατά το Stepwise ό,τι πληκτρολογούν οι εκπρόσωποι στα πεδία μιας εκτέλεσης: " +
        "ονόματα, αριθμούς, ημερομηνίες και τα άλλα στοιχεία που καταγράφει μια διαδικασία.",
      "tables.settings.days": "Διατήρηση των τιμών των πεδίων για (ημέρες)",
      "tables.settings.daysHint":
        "Ακέραιος αριθμός ημερών από 1 έως 3650· προεπιλογή 90. Μετράει " +
        "από το τέλος της κλήσης ή από την απόρριψη μιας εκτέλεσης.",
      "tables.settings.daysInvalid": "Εισαγάγετε ακέραιο αριθμό ημερών από 1 έως 3650.",
      "tables.settings.save": "Αποθήκευση",
      "tables.settings.saved":
        "Αποθηκεύτηκε: οι τιμές των πεδίων διατηρούνται για {days, plural, one {# ημέρα} other {# ημέρες}}.",
      "tables.settings.unchanged":
        "Τίποτα για αποθήκευση: οι τιμές των πεδίων διατηρούνται " +
        "ήδη για {days, plural, one {# ημέρα} other {# ημέρες}}.",
      "tables.settings.removedTitle": "Τι αφαιρείται",
      "tables.settings.removed":
        "Οι τιμές που πληκτρολογήθηκαν στα πεδία ολοκληρωμένων εκτελέσεων, ζωντανών κλήσεων " +
        "και κλήσεων εξάσκησης: από το ιστορικό της εκτέλεσης, την αποθηκευμένη κατάστασή της " +
        "και το σημείωμα ολοκλήρωσης. Το χρονολόγιο αναφέρει έπειτα ότι η τιμή αφαιρέθηκε.",
      "tables.settings.keptTitle": "Τι μένει",
      "tables.settings.kept":
        "Όλα τα άλλα στοιχεία της εκτέλεσης: βήματα που ολοκληρώθηκαν ή παραλείφθηκαν, έλεγχοι, η διαδρομή " +
        "σε κάθε διάγραμμα αποφάσεων, οι σημειώσεις του εκπροσώπου, οι κλιμακώσεις, η έκβαση και ο χρόνος " +
        "χειρισμού. Τα νούμερα των αναλύσεων δεν αλλάζουν. Οι εκτελέσεις σε εξέλιξη δεν αγγίζονται ποτέ.",
      "tables.settings.whenTitle": "Πότε εκτελείται",
      "tables.settings.when":
        "Κάθε μέρα: ένα λεπτό μετά την εκκίνηση του διακομιστή και έπειτα " +
        "κάθε 24 ώρες. Κάθε αφαίρεση καταγράφεται στο αρχείο ελέγχου.",
      "tables.settings.statusTitle": "Η εργασία μέχρι τώρα",
      "tables.settings.lastChecked": "Τελευταίος έλεγχος",
      "tables.settings.neverChecked": "Όχι ακόμη: η εργασία εκτελείται ένα λεπτό μετά την εκκίνηση του διακομιστή.",
      "tables.settings.lastRemoval": "Τελευταία αφαίρεση",
      "tables.settings.removal":
        "{when}: οι τιμές {runs, plural, one {# εκτέλεσης} other {# εκτελέσεων}} που ολοκληρώθηκαν πριν " +
        "από {before} ({events, plural, one {# καταχώριση} other {# καταχωρίσεις}} του ιστορικού τους)",
      "tables.settings.noRemoval": "Δεν έχει αφαιρεθεί τίποτα ακόμη.",
      "tables.settings.auditLink": "Όλες οι αφαιρέσεις στο αρχείο ελέγχου",
    },
    it: {
      "tables.filter.apply": "Applica",
      "tables.filter.clear": "Azzera i filtri",
      "tables.pager.label": "Pagine",
      "tables.pager.previous": "Precedente",
      "tables.pager.next": "Successiva",
      "tables.pager.status": "Pagina {page} di {pages}",
      "tables.actions": "Azioni",
      "tables.none": "—",
      "tables.outcome.resolved": "Risolta",
      "tables.outcome.escalated": "Inoltrata",
      "tables.outcome.followUp": "Da richiamare",
      "tables.outcome.transferred": "Trasferita",
      "tables.outcome.abandoned": "Abbandonata",

      "tables.runs.intro":
        "Ogni chiamata che hai seguito passo dopo passo. Le chiamate " +
        "in corso riprendono esattamente da dove le hai lasciate.",
      "tables.runs.filterLabel": "Filtra le tue esecuzioni",
      "tables.runs.search": "Procedura o cliente",
      "tables.runs.searchPlaceholder": "es. rimborso, ORD-1042",
      "tables.runs.anyStatus": "Qualsiasi stato",
      "tables.runs.anyProcedure": "Qualsiasi procedura",
      "tables.runs.caption": "Le tue esecuzioni",
      "tables.runs.procedure": "Procedura",
      "tables.runs.started": "Inizio",
      "tables.runs.customer": "Cliente",
      "tables.runs.status": "Stato",
      "tables.runs.status.active": "In corso",
      "tables.runs.status.completed": "Completata",
      "tables.runs.status.followUp": "Richiamo aperto",
      "tables.runs.followUpBy": "Richiamare entro {due}",
      "tables.runs.timeline": "Cronologia",
      "tables.runs.timelineOf": "Cronologia di {sop}",
      "tables.runs.count": "{count, plural, =0 {Ancora nessuna esecuzione} one {# esecuzione} other {# esecuzioni}}",
      "tables.runs.countFiltered":
        "{count, plural, =0 {Nessuna esecuzione corrisponde} one {# " +
        "esecuzione corrisponde} other {# esecuzioni corrispondono}}",
      "tables.runs.noMatch":
        "Nessuna esecuzione corrisponde a questi filtri. Prova con meno parole o con un altro stato o procedura.",
      "tables.runs.empty":
        "Non hai ancora eseguito una procedura. Premi {key} ovunque per trovarne una o apri la libreria.",
      "tables.runs.openLibrary": "Apri la libreria",

      "tables.audit.intro": "Chi ha cambiato cosa e quando: account, ruoli, reparti e pubblicazioni. Orari in {zone}.",
      "tables.audit.filterLabel": "Filtra il registro",
      "tables.audit.caption": "Registro delle modifiche",
      "tables.audit.when": "Quando",
      "tables.audit.who": "Chi",
      "tables.audit.what": "Cosa",
      "tables.audit.action": "Azione",
      "tables.audit.system": "Sistema",
      "tables.audit.anyAction": "Qualsiasi azione",
      "tables.audit.anyone": "Chiunque",
      "tables.audit.allOfFamily": "Tutte: {family}",
      "tables.audit.family.user": "Utenti",
      "tables.audit.family.department": "Reparti",
      "tables.audit.family.sop": "Procedure",
      "tables.audit.from": "Dal",
      "tables.audit.to": "Al",
      "tables.audit.badDate": "Inserisci una data reale (anno-mese-giorno).",
      "tables.audit.reversed": "La data finale è precedente a quella iniziale.",
      "tables.audit.count": "{count, plural, one {# voce} other {# voci}}",
      "tables.audit.countFiltered":
        "{count, plural, =0 {Nessuna voce corrisponde} one {# voce corrisponde} other {# voci corrispondono}}",
      "tables.audit.noMatch":
        "Nessuna voce corrisponde a questi filtri. Allarga le date o scegli un’altra azione o persona.",
      "tables.audit.empty": "Non è ancora stato registrato nulla.",

      "tables.users.intro": "Account, ruoli e reparti. Ogni modifica viene registrata.",
      "tables.users.new": "Nuovo utente",
      "tables.users.filterLabel": "Filtra gli utenti",
      "tables.users.search": "Nome o e-mail",
      "tables.users.searchPlaceholder": "es. Rossi, @billing",
      "tables.users.caption": "Account utente",
      "tables.users.name": "Nome",
      "tables.users.email": "E-mail",
      "tables.users.role": "Ruolo",
      "tables.users.department": "Reparto",
      "tables.users.status": "Stato",
      "tables.users.active": "Attivo",
      "tables.users.deactivated": "Disattivato",
      "tables.users.anyRole": "Qualsiasi ruolo",
      "tables.users.anyDepartment": "Qualsiasi reparto",
      "tables.users.noDepartment": "Nessun reparto",
      "tables.users.anyStatus": "Attivi e non",
      "tables.users.count": "{count, plural, one {# account} other {# account}}",
      "tables.users.countFiltered":
        "{count, plural, =0 {Nessun account corrisponde} one {# account corrisponde} other {# account corrispondono}}",
      "tables.users.noMatch": "Nessun account corrisponde a questi filtri.",
      "tables.users.empty": "Non ci sono ancora account.",

      "tables.departments.intro": "Procedure e persone appartengono a un reparto.",
      "tables.departments.all": "Tutti i reparti",
      "tables.departments.countsOf": "{name} in cifre",
      "tables.departments.members":
        "{count, plural, =0 {Nessun membro attivo} one {# membro attivo} other {# membri attivi}}",
      "tables.departments.procedures": "{count, plural, =0 {Nessuna procedura} one {# procedura} other {# procedure}}",
      "tables.departments.name": "Nome",
      "tables.departments.description": "Descrizione",
      "tables.departments.save": "Salva",
      "tables.departments.requireCertification": "Le chiamate dal vivo richiedono la certificazione sulla procedura",
      "tables.departments.requireCertificationHint":
        "Gli operatori del reparto possono usare una procedura in una chiamata dal vivo " +
        "solo dopo essere stati certificati; le chiamate di prova restano aperte.",
      "tables.departments.new": "Nuovo reparto",
      "tables.departments.create": "Crea reparto",
      "tables.departments.saved": "{name} salvato.",
      "tables.departments.created": "{name} creato.",
      "tables.departments.empty": "Ancora nessun reparto: crea il primo.",
      "tables.departments.nameTooShort": "Inserisci un nome di reparto di almeno 2 caratteri.",
      "tables.departments.nameTooLong": "Il nome deve avere meno di 80 caratteri.",
      "tables.departments.descriptionTooLong": "La descrizione deve avere meno di 300 caratteri.",

      "tables.settings.title": "Conservazione dei dati",
      "tables.settings.intro":
        "Per quanto tempo Stepwise conserva ciò che gli operatori scrivono nei campi di " +
        "un'esecuzione: nomi, numeri, date e gli altri dati che una procedura raccoglie.",
      "tables.settings.days": "Conserva i valori dei campi per (giorni)",
      "tables.settings.daysHint":
        "Un numero intero di giorni da 1 a 3650; 90 se non indicato. Si conta " +
        "dalla fine della chiamata, o da quando un'esecuzione è stata scartata.",
      "tables.settings.daysInvalid": "Inserisci un numero intero di giorni da 1 a 3650.",
      "tables.settings.save": "Salva",
      "tables.settings.saved":
        "Salvato: i valori dei campi sono conservati per {days, plural, one {# giorno} other {# giorni}}.",
      "tables.settings.unchanged":
        "Niente da salvare: i valori dei campi sono già conservati " +
        "per {days, plural, one {# giorno} other {# giorni}}.",
      "tables.settings.removedTitle": "Cosa viene rimosso",
      "tables.settings.removed":
        "I valori scritti nei campi delle esecuzioni concluse, chiamate dal vivo e " +
        "di prova: dalla cronologia dell'esecuzione, dal suo stato salvato e dalla " +
        "nota di chiusura. La cronologia indica poi che il valore è stato rimosso.",
      "tables.settings.keptTitle": "Cosa resta",
      "tables.settings.kept":
        "Tutto il resto dell'esecuzione: passaggi completati e saltati, controlli, il percorso in ogni " +
        "diagramma decisionale, le note dell'operatore, le escalation, l'esito e il tempo di " +
        "gestione. I dati delle analisi non cambiano. Le esecuzioni in corso non vengono mai toccate.",
      "tables.settings.whenTitle": "Quando viene eseguito",
      "tables.settings.when":
        "Ogni giorno: un minuto dopo l'avvio del server, poi ogni 24 " +
        "ore. Ogni rimozione è registrata nel registro attività.",
      "tables.settings.statusTitle": "L'attività finora",
      "tables.settings.lastChecked": "Ultimo controllo",
      "tables.settings.neverChecked": "Non ancora: l'attività parte un minuto dopo l'avvio del server.",
      "tables.settings.lastRemoval": "Ultima rimozione",
      "tables.settings.removal":
        "{when}: i valori di {runs, plural, one {# esecuzione} other {# esecuzioni}} concluse " +
        "prima del {before} ({events, plural, one {# voce} other {# voci}} della loro cronologia)",
      "tables.settings.noRemoval": "Non è ancora stato rimosso nulla.",
      "tables.settings.auditLink": "Tutte le rimozioni nel registro attività",
    },
    lt: {
      "tables.filter.apply": "Taikyti",
      "tables.filter.clear": "Išvalyti filtrus",
      "tables.pager.label": "Puslapiai",
      "tables.pager.previous": "Ankstesnis",
      "tables.pager.next": "Kitas",
      "tables.pager.status": "{page} puslapis iš {pages}",
      "tables.actions": "Veiksmai",
      "tables.none": "—",
      "tables.outcome.resolved": "Išspręsta",
      "tables.outcome.escalated": "Perduota aukščiau",
      "tables.outcome.followUp": "Tolesni veiksmai",
      "tables.outcome.transferred": "Peradresuota",
      "tables.outcome.abandoned": "Nutraukta",

      "tables.runs.intro":
        "Visi pokalbiai, kuriuos vedėte žingsnis po žingsnio. Vykstantys pokalbiai tęsiasi ten, kur sustojote.",
      "tables.runs.filterLabel": "Filtruoti jūsų vykdymus",
      "tables.runs.search": "Procedūra arba klientas",
      "tables.runs.searchPlaceholder": "pvz., grąžinimas, ORD-1042",
      "tables.runs.anyStatus": "Bet kokia būsena",
      "tables.runs.anyProcedure": "Bet kuri procedūra",
      "tables.runs.caption": "Jūsų vykdymai",
      "tables.runs.procedure": "Procedūra",
      "tables.runs.started": "Pradėta",
      "tables.runs.customer": "Klientas",
      "tables.runs.status": "Būsena",
      "tables.runs.status.active": "Vyksta",
      "tables.runs.status.completed": "Baigta",
      "tables.runs.status.followUp": "Laukia tolesnių veiksmų",
      "tables.runs.followUpBy": "Susisiekti iki {due}",
      "tables.runs.timeline": "Eiga",
      "tables.runs.timelineOf": "Eiga: {sop}",
      "tables.runs.count": "{count, plural, =0 {Vykdymų dar nėra} one {# vykdymas} few {# vykdymai} other {# vykdymų}}",
      "tables.runs.countFiltered":
        "{count, plural, =0 {Neatitinka nė vienas vykdymas} one {Atitinka # " +
        "vykdymas} few {Atitinka # vykdymai} other {Atitinka # vykdymų}}",
      "tables.runs.noMatch":
        "Šiuos filtrus neatitinka nė vienas vykdymas. Pabandykite mažiau žodžių arba kitą būseną ar procedūrą.",
      "tables.runs.empty":
        "Dar nevykdėte jokios procedūros. Bet kur paspauskite {key}, kad rastumėte, arba atverkite biblioteką.",
      "tables.runs.openLibrary": "Atverti biblioteką",

      "tables.audit.intro": "Kas, ką ir kada pakeitė: paskyros, vaidmenys, skyriai ir skelbimai. Laikas: {zone}.",
      "tables.audit.filterLabel": "Filtruoti audito žurnalą",
      "tables.audit.caption": "Audito žurnalas",
      "tables.audit.when": "Kada",
      "tables.audit.who": "Kas",
      "tables.audit.what": "Kas pakeista",
      "tables.audit.action": "Veiksmas",
      "tables.audit.system": "Sistema",
      "tables.audit.anyAction": "Bet koks veiksmas",
      "tables.audit.anyone": "Bet kas",
      "tables.audit.allOfFamily": "Visi: {family}",
      "tables.audit.family.user": "Naudotojai",
      "tables.audit.family.department": "Skyriai",
      "tables.audit.family.sop": "Procedūros",
      "tables.audit.from": "Nuo",
      "tables.audit.to": "Iki",
      "tables.audit.badDate": "Įveskite tikrą datą (metai-mėnuo-diena).",
      "tables.audit.reversed": "Pabaigos data yra ankstesnė už pradžios datą.",
      "tables.audit.count": "{count, plural, one {# įrašas} few {# įrašai} other {# įrašų}}",
      "tables.audit.countFiltered":
        "{count, plural, =0 {Neatitinka nė vienas įrašas} one {Atitinka " +
        "# įrašas} few {Atitinka # įrašai} other {Atitinka # įrašų}}",
      "tables.audit.noMatch":
        "Šiuos filtrus neatitinka nė vienas įrašas. Praplėskite datas arba pasirinkite kitą veiksmą ar asmenį.",
      "tables.audit.empty": "Kol kas nieko neužregistruota.",

      "tables.users.intro": "Paskyros, vaidmenys ir skyriai. Kiekvienas pakeitimas įrašomas į audito žurnalą.",
      "tables.users.new": "Naujas naudotojas",
      "tables.users.filterLabel": "Filtruoti naudotojus",
      "tables.users.search": "Vardas arba el. paštas",
      "tables.users.searchPlaceholder": "pvz., Rossi, @billing",
      "tables.users.caption": "Naudotojų paskyros",
      "tables.users.name": "Vardas",
      "tables.users.email": "El. paštas",
      "tables.users.role": "Vaidmuo",
      "tables.users.department": "Skyrius",
      "tables.users.status": "Būsena",
      "tables.users.active": "Aktyvus",
      "tables.users.deactivated": "Išjungtas",
      "tables.users.anyRole": "Bet koks vaidmuo",
      "tables.users.anyDepartment": "Bet kuris skyrius",
      "tables.users.noDepartment": "Be skyriaus",
      "tables.users.anyStatus": "Aktyvūs ir ne",
      "tables.users.count": "{count, plural, one {# paskyra} few {# paskyros} other {# paskyrų}}",
      "tables.users.countFiltered":
        "{count, plural, =0 {Neatitinka nė viena paskyra} one {Atitinka # " +
        "paskyra} few {Atitinka # paskyros} other {Atitinka # paskyrų}}",
      "tables.users.noMatch": "Šiuos filtrus neatitinka nė viena paskyra.",
      "tables.users.empty": "Paskyrų dar nėra.",

      "tables.departments.intro": "Procedūros ir žmonės priklauso skyriui.",
      "tables.departments.all": "Visi skyriai",
      "tables.departments.countsOf": "{name} skaičiais",
      "tables.departments.members":
        "{count, plural, =0 {Aktyvių narių nėra} one {# aktyvus narys} few {# aktyvūs nariai} other {# aktyvių narių}}",
      "tables.departments.procedures":
        "{count, plural, =0 {Procedūrų nėra} one {# procedūra} few {# procedūros} other {# procedūrų}}",
      "tables.departments.name": "Pavadinimas",
      "tables.departments.description": "Aprašymas",
      "tables.departments.save": "Išsaugoti",
      "tables.departments.requireCertification": "Tiesioginiams skambučiams reikia procedūros sertifikato",
      "tables.departments.requireCertificationHint":
        "Šio skyriaus agentai procedūrą tiesioginiame skambutyje gali vykdyti " +
        "tik gavę jos sertifikatą; treniruotės skambučiai lieka atviri.",
      "tables.departments.new": "Naujas skyrius",
      "tables.departments.create": "Sukurti skyrių",
      "tables.departments.saved": "Išsaugota: {name}.",
      "tables.departments.created": "Sukurta: {name}.",
      "tables.departments.empty": "Skyrių dar nėra: sukurkite pirmąjį.",
      "tables.departments.nameTooShort": "Įveskite bent 2 simbolių skyriaus pavadinimą.",
      "tables.departments.nameTooLong": "Pavadinimas turi būti trumpesnis nei 80 simbolių.",
      "tables.departments.descriptionTooLong": "Aprašymas turi būti trumpesnis nei 300 simbolių.",

      "tables.settings.title": "Duomenų saugojimas",
      "tables.settings.intro":
        "Kiek laiko Stepwise saugo tai, ką agentai įveda į vykdymo laukus: " +
        "vardus, numerius, datas ir kitus procedūros renkamus duomenis.",
      "tables.settings.days": "Laukų reikšmes saugoti (dienomis)",
      "tables.settings.daysHint":
        "Sveikasis dienų skaičius nuo 1 iki 3650; numatytasis 90. " +
        "Skaičiuojama nuo pokalbio pabaigos arba nuo vykdymo atmetimo.",
      "tables.settings.daysInvalid": "Įveskite sveikąjį dienų skaičių nuo 1 iki 3650.",
      "tables.settings.save": "Išsaugoti",
      "tables.settings.saved":
        "Išsaugota: laukų reikšmės saugomos {days, plural, one {# " +
        "dieną} few {# dienas} many {# dienos} other {# dienų}}.",
      "tables.settings.unchanged":
        "Nėra ką išsaugoti: laukų reikšmės jau saugomos {days, plural, " +
        "one {# dieną} few {# dienas} many {# dienos} other {# dienų}}.",
      "tables.settings.removedTitle": "Kas pašalinama",
      "tables.settings.removed":
        "Į baigtų vykdymų laukus įvestos reikšmės, tiek tiesioginių, tiek " +
        "treniruotės skambučių: iš vykdymo istorijos, išsaugotos būsenos ir " +
        "užbaigimo pastabos. Laiko juostoje tada nurodoma, kad reikšmė pašalinta.",
      "tables.settings.keptTitle": "Kas lieka",
      "tables.settings.kept":
        "Visa kita apie vykdymą: atlikti ir praleisti žingsniai, patikros, kelias kiekvienoje " +
        "sprendimų schemoje, agento pastabos, eskalavimai, rezultatas ir aptarnavimo laikas. " +
        "Analitikos skaičiai nesikeičia. Vykdymai, kurie dar vyksta, niekada neliečiami.",
      "tables.settings.whenTitle": "Kada vykdoma",
      "tables.settings.when":
        "Kasdien: praėjus minutei po serverio paleidimo, paskui kas 24 " +
        "valandas. Kiekvienas pašalinimas įrašomas į audito žurnalą.",
      "tables.settings.statusTitle": "Užduotis iki šiol",
      "tables.settings.lastChecked": "Paskutinį kartą tikrinta",
      "tables.settings.neverChecked": "Dar ne: užduotis vykdoma praėjus minutei po serverio paleidimo.",
      "tables.settings.lastRemoval": "Paskutinis pašalinimas",
      "tables.settings.removal":
        "{when}: {runs, plural, one {# vykdymo} few {# vykdymų} many {# vykdymo} other {# " +
        "vykdymų}}, baigtų iki {before}, reikšmės ({events, plural, one {# istorijos įrašas} " +
        "few {# istorijos įrašai} many {# istorijos įrašo} other {# istorijos įrašų}})",
      "tables.settings.noRemoval": "Kol kas niekas nepašalinta.",
      "tables.settings.auditLink": "Visi pašalinimai audito žurnale",
    },
    fa: {
      "tables.filter.apply": "اعمال",
      "tables.filter.clear": "پاک کردن فیلترها",
      "tables.pager.label": "صفحه‌ها",
      "tables.pager.previous": "قبلی",
      "tables.pager.next": "بعدی",
      "tables.pager.status": "صفحهٔ {page} از {pages}",
      "tables.actions": "کارها",
      "tables.none": "—",
      "tables.outcome.resolved": "حل شد",
      "tables.outcome.escalated": "ارجاع شد",
      "tables.outcome.followUp": "نیاز به پیگیری",
      "tables.outcome.transferred": "منتقل شد",
      "tables.outcome.abandoned": "رها شد",

      "tables.runs.intro":
        "همهٔ تماس‌هایی که گام‌به‌گام پیش بردید. تماس‌های در جریان دقیقاً از همان جایی که رها کردید ادامه می‌یابند.",
      "tables.runs.filterLabel": "فیلتر اجراهای شما",
      "tables.runs.search": "روال یا مشتری",
      "tables.runs.searchPlaceholder": "مثلاً بازپرداخت، ORD-1042",
      "tables.runs.anyStatus": "هر وضعیتی",
      "tables.runs.anyProcedure": "هر روالی",
      "tables.runs.caption": "اجراهای شما",
      "tables.runs.procedure": "روال",
      "tables.runs.started": "شروع",
      "tables.runs.customer": "مشتری",
      "tables.runs.status": "وضعیت",
      "tables.runs.status.active": "در جریان",
      "tables.runs.status.completed": "تمام‌شده",
      "tables.runs.status.followUp": "پیگیری باز",
      "tables.runs.followUpBy": "پیگیری تا {due}",
      "tables.runs.timeline": "روند",
      "tables.runs.timelineOf": "روند {sop}",
      "tables.runs.count": "{count, plural, =0 {هنوز اجرایی نیست} one {# اجرا} other {# اجرا}}",
      "tables.runs.countFiltered":
        "{count, plural, =0 {هیچ اجرایی مطابقت ندارد} one {# اجرا مطابقت دارد} other {# اجرا مطابقت دارند}}",
      "tables.runs.noMatch":
        "هیچ اجرایی با این فیلترها مطابقت ندارد. واژه‌های کمتری بنویسید یا وضعیت یا روال دیگری انتخاب کنید.",
      "tables.runs.empty":
        "هنوز هیچ روالی را اجرا نکرده‌اید. هر جا {key} را بزنید تا روالی پیدا کنید، یا کتابخانه را باز کنید.",
      "tables.runs.openLibrary": "باز کردن کتابخانه",

      "tables.audit.intro":
        "چه کسی، چه چیزی را، کی تغییر داد: حساب‌ها، نقش‌ها، بخش‌ها و انتشارها. زمان‌ها به وقت {zone}.",
      "tables.audit.filterLabel": "فیلتر گزارش ممیزی",
      "tables.audit.caption": "گزارش ممیزی",
      "tables.audit.when": "کی",
      "tables.audit.who": "چه کسی",
      "tables.audit.what": "چه چیزی",
      "tables.audit.action": "کنش",
      "tables.audit.system": "سامانه",
      "tables.audit.anyAction": "هر کنشی",
      "tables.audit.anyone": "هر کسی",
      "tables.audit.allOfFamily": "همه: {family}",
      "tables.audit.family.user": "کاربران",
      "tables.audit.family.department": "بخش‌ها",
      "tables.audit.family.sop": "روال‌ها",
      "tables.audit.from": "از",
      "tables.audit.to": "تا",
      "tables.audit.badDate": "تاریخی واقعی وارد کنید (سال-ماه-روز).",
      "tables.audit.reversed": "تاریخ پایان پیش از تاریخ شروع است.",
      "tables.audit.count": "{count, plural, one {# مورد} other {# مورد}}",
      "tables.audit.countFiltered":
        "{count, plural, =0 {هیچ موردی مطابقت ندارد} one {# مورد مطابقت دارد} other {# مورد مطابقت دارند}}",
      "tables.audit.noMatch":
        "هیچ موردی با این فیلترها مطابقت ندارد. بازهٔ تاریخ را گسترده‌تر کنید یا کنش یا فرد دیگری انتخاب کنید.",
      "tables.audit.empty": "هنوز چیزی ثبت نشده است.",

      "tables.users.intro": "حساب‌ها، نقش‌ها و بخش‌ها. هر تغییری در گزارش ممیزی ثبت می‌شود.",
      "tables.users.new": "کاربر تازه",
      "tables.users.filterLabel": "فیلتر کاربران",
      "tables.users.search": "نام یا رایانامه",
      "tables.users.searchPlaceholder": "مثلاً Rossi، ‎@billing",
      "tables.users.caption": "حساب‌های کاربری",
      "tables.users.name": "نام",
      "tables.users.email": "رایانامه",
      "tables.users.role": "نقش",
      "tables.users.department": "بخش",
      "tables.users.status": "وضعیت",
      "tables.users.active": "فعال",
      "tables.users.deactivated": "غیرفعال",
      "tables.users.anyRole": "هر نقشی",
      "tables.users.anyDepartment": "هر بخشی",
      "tables.users.noDepartment": "بدون بخش",
      "tables.users.anyStatus": "فعال و غیرفعال",
      "tables.users.count": "{count, plural, one {# حساب} other {# حساب}}",
      "tables.users.countFiltered":
        "{count, plural, =0 {هیچ حسابی مطابقت ندارد} one {# حساب مطابقت دارد} other {# حساب مطابقت دارند}}",
      "tables.users.noMatch": "هیچ حسابی با این فیلترها مطابقت ندارد.",
      "tables.users.empty": "هنوز حسابی وجود ندارد.",

      "tables.departments.intro": "روال‌ها و افراد به یک بخش تعلق دارند.",
      "tables.departments.all": "همهٔ بخش‌ها",
      "tables.departments.countsOf": "{name} در یک نگاه",
      "tables.departments.members": "{count, plural, =0 {بدون عضو فعال} one {# عضو فعال} other {# عضو فعال}}",
      "tables.departments.procedures": "{count, plural, =0 {بدون روال} one {# روال} other {# روال}}",
      "tables.departments.name": "نام",
      "tables.departments.description": "توضیح",
      "tables.departments.save": "ذخیره",
      "tables.departments.requireCertification": "تماس‌های زنده به گواهی این روال نیاز دارند",
      "tables.departments.requireCertificationHint":
        "کارشناسان این بخش فقط پس از دریافت گواهی یک روال می‌توانند آن " +
        "را در تماس زنده اجرا کنند؛ تماس‌های تمرینی آزاد می‌مانند.",
      "tables.departments.new": "بخش تازه",
      "tables.departments.create": "ساختن بخش",
      "tables.departments.saved": "{name} ذخیره شد.",
      "tables.departments.created": "{name} ساخته شد.",
      "tables.departments.empty": "هنوز بخشی نیست: نخستین را بسازید.",
      "tables.departments.nameTooShort": "نام بخش را دست‌کم با ۲ نویسه وارد کنید.",
      "tables.departments.nameTooLong": "نام باید کمتر از ۸۰ نویسه باشد.",
      "tables.departments.descriptionTooLong": "توضیح باید کمتر از ۳۰۰ نویسه باشد.",

      "tables.settings.title": "نگهداری داده‌ها",
      "tables.settings.intro":
        "استپ‌وایز تا چه مدت آنچه را کارشناسان در فیلدهای یک اجرا وارد می‌کنند نگه " +
        "می‌دارد: نام‌ها، شماره‌ها، تاریخ‌ها و دیگر جزئیاتی که یک روال ثبت می‌کند.",
      "tables.settings.days": "نگهداری مقدار فیلدها به مدت (روز)",
      "tables.settings.daysHint":
        "عدد صحیحی از ۱ تا ۳۶۵۰ روز؛ پیش‌فرض ۹۰. از پایان تماس، یا از زمان کنار گذاشتن اجرا، شمرده می‌شود.",
      "tables.settings.daysInvalid": "عدد صحیحی از ۱ تا ۳۶۵۰ روز وارد کنید.",
      "tables.settings.save": "ذخیره",
      "tables.settings.saved": "ذخیره شد: مقدار فیلدها {days, plural, one {# روز} other {# روز}} نگه داشته می‌شود.",
      "tables.settings.unchanged":
        "چیزی برای ذخیره نیست: مقدار فیلدها همین حالا {days, plural, one {# روز} other {# روز}} نگه داشته می‌شود.",
      "tables.settings.removedTitle": "چه چیزی حذف می‌شود",
      "tables.settings.removed":
        "مقدارهایی که در فیلدهای اجراهای پایان‌یافته وارد شده‌اند، چه تماس زنده و چه تمرینی: از سابقهٔ " +
        "اجرا، وضعیت ذخیره‌شدهٔ آن و یادداشت جمع‌بندی. پس از آن خط زمانی می‌گوید که مقدار حذف شده است.",
      "tables.settings.keptTitle": "چه چیزی می‌ماند",
      "tables.settings.kept":
        "هر چیز دیگری از اجرا: گام‌های انجام‌شده و ردشده، بررسی‌ها، مسیر هر نمودار تصمیم، یادداشت‌های کارشناس، " +
        "ارجاع‌ها، نتیجه و زمان رسیدگی. ارقام تحلیل‌ها تغییر نمی‌کنند. اجراهای در جریان هرگز دست نمی‌خورند.",
      "tables.settings.whenTitle": "چه زمانی اجرا می‌شود",
      "tables.settings.when":
        "هر روز: یک دقیقه پس از راه‌اندازی سرور و سپس هر ۲۴ ساعت. هر حذف در گزارش رویدادها ثبت می‌شود.",
      "tables.settings.statusTitle": "کار تا اینجا",
      "tables.settings.lastChecked": "آخرین بررسی",
      "tables.settings.neverChecked": "هنوز نه: این کار یک دقیقه پس از راه‌اندازی سرور اجرا می‌شود.",
      "tables.settings.lastRemoval": "آخرین حذف",
      "tables.settings.removal":
        "{when}: مقدارهای {runs, plural, one {# اجرا} other {# اجرا}} که پیش از {before} " +
        "پایان یافته‌اند ({events, plural, one {# مورد} other {# مورد}} از سابقهٔ آن‌ها)",
      "tables.settings.noRemoval": "هنوز چیزی حذف نشده است.",
      "tables.settings.auditLink": "همهٔ حذف‌ها در گزارش رویدادها",
    },
  },
);
