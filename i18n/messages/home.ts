import { defineCatalog } from "./define";

/** The home page: what each role does now (app/routes/home.tsx). */
export default defineCatalog(
  {
    "home.title": "Home",
    "home.roleIn": "{role} · {department}",
    "home.greeting.morning": "Good morning, {name}",
    "home.greeting.afternoon": "Good afternoon, {name}",
    "home.greeting.evening": "Good evening, {name}",
    "home.headline.agent":
      "Pick up a call where you left it, keep the promises due today, or find the procedure for the next one.",
    "home.headline.lead":
      "Reviews waiting for you, your drafts, and what needs attention in your department’s procedures.",
    "home.headline.admin":
      "Reviews, drafts, overdue procedures and agents’ flags " +
      "across every department, and the organisation at a glance.",
    "home.headline.trainer":
      "Walk new hires through these procedures: open one together, or start it to practise a call step by step.",
    "home.headline.trainee":
      "Learn your department’s procedures: open one to read it, or start it to practise a call step by step.",
    "home.find.label": "Find a procedure",
    "home.find.placeholder": "Refund, identity check, late delivery…",
    "home.find.submit": "Search",
    "home.find.hint": "Or press {key} anywhere to open quick find.",
    "home.find.hintRun": "Or press {key} anywhere for quick find: pick a procedure and Enter starts the call.",
    "home.runs.step": "Step {number} of {count}: {title}",
    "home.runs.noRef": "No customer reference",
    "home.active.title": "Calls in progress",
    "home.active.all": "All calls in progress",
    "home.active.empty": "No call in progress. Search above or press {key} to start one.",
    "home.followUps.title": "Follow-ups due",
    "home.followUps.all": "{count, plural, one {All follow-ups (# open)} other {All follow-ups (# open)}}",
    "home.followUps.overdue": "Overdue",
    "home.followUps.today": "Today",
    "home.followUps.empty": "Nothing due. Promises you make at wrap-up land here on the day they are due.",
    "home.followUps.emptyLater":
      "{count, plural, one {Nothing due today; # follow-up is due " +
      "later.} other {Nothing due today; # follow-ups are due later.}}",
    "home.recent.title": "Recent calls",
    "home.recent.all": "All my runs",
    "home.recent.empty": "Calls you wrap up appear here, with how they ended.",
    "home.reviews.title": "Reviews waiting for you",
    "home.reviews.titleAll": "Reviews waiting",
    "home.reviews.all": "Open reviews",
    "home.reviews.detail": "v{version} · from {author} · {department}",
    "home.reviews.empty": "Nobody is waiting for your review.",
    "home.reviews.emptyAll": "No procedure is waiting for a review decision.",
    "home.drafts.title": "Your drafts",
    "home.drafts.titleAll": "Open drafts",
    "home.drafts.all": "Open the editor",
    "home.drafts.detail": "v{version} · {department}",
    "home.drafts.detailAll": "v{version} · {department} · {author}",
    "home.drafts.draft": "Draft",
    "home.drafts.inReview": "In review",
    "home.drafts.errors": "{count, plural, one {# error} other {# errors}}",
    "home.drafts.empty": "No open drafts.",
    "home.drafts.new": "Start a new SOP",
    "home.overdue.title": "Overdue for review",
    "home.overdue.all": "Review dates in the editor",
    "home.overdue.detail": "Due {date} · {department}",
    "home.overdue.days": "{count, plural, one {# day late} other {# days late}}",
    "home.overdue.empty": "Every procedure is within its review date.",
    "home.overdue.emptyIn": "Every procedure in {department} is within its review date.",
    "home.flags.title": "Flags from agents",
    "home.flags.step": "step {number}, {title}",
    "home.flags.someone": "an agent",
    "home.flags.kind.unclear": "Unclear",
    "home.flags.kind.wrong": "Wrong",
    "home.flags.kind.outdated": "Outdated",
    "home.flags.kind.missingCase": "Missing case",
    "home.flags.all":
      "{count, plural, one {All flags in the Feedback inbox (# " +
      "open)} other {All flags in the Feedback inbox (# open)}}",
    "home.flags.empty":
      "No open flags. When an agent flags a step as unclear, wrong or outdated during a call, it shows up here.",
    "home.myFlags.title": "Your flags",
    "home.myFlags.empty":
      "You have not flagged any step. Use Flag during a call when a step " +
      "is unclear, wrong or outdated: your lead's answer shows up here.",
    "home.myFlags.state.new": "New",
    "home.myFlags.state.accepted": "Accepted",
    "home.myFlags.state.done": "Fixed",
    "home.myFlags.state.dismissed": "Dismissed",
    "home.myFlags.reply": "Reply: {reply}",
    "home.myFlags.fixedIn": "Fixed in version {version}",
    "home.myFlags.reason": "Dismissed: {reason}",
    "home.ownRuns.title": "Your calls",
    "home.ownRuns.all": "All my runs",
    "home.org.section": "Organisation",
    "home.org.title": "At a glance",
    "home.org.people": "Active people",
    "home.org.departments": "Departments",
    "home.org.procedures": "Published procedures",
    "home.org.calls": "Calls in the last 7 days",
    "home.audit.title": "Recent changes",
    "home.audit.all": "Full audit log",
    "home.audit.empty": "Nothing has changed yet.",
    "home.procedures.title": "Procedures",
    "home.procedures.titleIn": "Procedures in {department}",
    "home.procedures.all": "Browse the library",
    "home.procedures.empty": "No procedure is published here yet: the whole library is open to you.",
    "home.updated.title": "Updated in the last 30 days",
    "home.updated.all": "The whole library",
    "home.updated.detail": "v{version} · {department}",
    "home.updated.detailNote": "v{version} · {note}",
    "home.updated.empty": "Nothing changed in the library in the last 30 days.",
    "home.practice.title": "Your practice runs",
    "home.practice.empty":
      "You have not practised a procedure yet. Open one from the list and press Start to step through it.",
    "home.practice.emptyTrainer":
      "Start a procedure to practise it the way agents will, or to show a new hire how a call goes.",
  },
  {
    el: {
      "home.title": "Αρχική",
      "home.roleIn": "{role} · {department}",
      "home.greeting.morning": "Καλημέρα, {name}",
      "home.greeting.afternoon": "Καλό απόγευμα, {name}",
      "home.greeting.evening": "Καλησπέρα, {name}",
      "home.headline.agent":
        "Συνεχίστε μια κλήση από εκεί που τη σταματήσατε, τηρήστε ό,τι " +
        "υποσχεθήκατε για σήμερα ή βρείτε τη διαδικασία για την επόμενη.",
      "home.headline.lead":
        "Αξιολογήσεις που σας περιμένουν, τα προσχέδιά σας και ό,τι " +
        "χρειάζεται προσοχή στις διαδικασίες του τμήματός σας.",
      "home.headline.admin":
        "Αξιολογήσεις, προσχέδια, εκπρόθεσμες διαδικασίες και επισημάνσεις " +
        "συνεργατών σε όλα τα τμήματα, και ο οργανισμός με μια ματιά.",
      "home.headline.trainer":
        "Καθοδηγήστε τους νέους συναδέλφους σε αυτές τις διαδικασίες: ανοίξτε μία " +
        "μαζί τους ή ξεκινήστε τη για να εξασκηθείτε σε μια κλήση βήμα βήμα.",
      "home.headline.trainee":
        "Μάθετε τις διαδικασίες του τμήματός σας: ανοίξτε μία για να τη " +
        "διαβάσετε ή ξεκινήστε τη για να εξασκηθείτε σε μια κλήση βήμα βήμα.",
      "home.find.label": "Βρείτε μια διαδικασία",
      "home.find.placeholder": "Επιστροφή χρημάτων, ταυτοποίηση, καθυστέρηση παράδοσης…",
      "home.find.submit": "Αναζήτηση",
      "home.find.hint": "Ή πατήστε {key} οπουδήποτε για γρήγορη εύρεση.",
      "home.find.hintRun":
        "Ή πατήστε {key} οπουδήποτε για γρήγορη εύρεση: διαλέξτε διαδικασία και με Enter ξεκινά η κλήση.",
      "home.runs.step": "Βήμα {number} από {count}: {title}",
      "home.runs.noRef": "Χωρίς αναφορά πελάτη",
      "home.active.title": "Κλήσεις σε εξέλιξη",
      "home.active.all": "Όλες οι κλήσεις σε εξέλιξη",
      "home.active.empty": "Καμία κλήση σε εξέλιξη. Αναζητήστε παραπάνω ή πατήστε {key} για να ξεκινήσετε μία.",
      "home.followUps.title": "Εκκρεμότητες για σήμερα",
      "home.followUps.all":
        "{count, plural, one {Όλες οι εκκρεμότητες (# ανοιχτή)} other {Όλες οι εκκρεμότητες (# ανοιχτές)}}",
      "home.followUps.overdue": "Εκπρόθεσμη",
      "home.followUps.today": "Σήμερα",
      "home.followUps.empty":
        "Τίποτα δεν εκκρεμεί. Ό,τι υπόσχεστε στο κλείσιμο μιας κλήσης εμφανίζεται εδώ την ημέρα που λήγει.",
      "home.followUps.emptyLater":
        "{count, plural, one {Τίποτα για σήμερα· # εκκρεμότητα λήγει αργότερα.} " +
        "other {Τίποτα για σήμερα· # εκκρεμότητες λήγουν αργότερα.}}",
      "home.recent.title": "Πρόσφατες κλήσεις",
      "home.recent.all": "Όλες οι εκτελέσεις μου",
      "home.recent.empty": "Οι κλήσεις που ολοκληρώνετε εμφανίζονται εδώ, μαζί με την έκβασή τους.",
      "home.reviews.title": "Αξιολογήσεις που σας περιμένουν",
      "home.reviews.titleAll": "Αξιολογήσεις σε αναμονή",
      "home.reviews.all": "Ανοιχτές αξιολογήσεις",
      "home.reviews.detail": "έκδ. {version} · από {author} · {department}",
      "home.reviews.empty": "Κανείς δεν περιμένει αξιολόγηση από εσάς.",
      "home.reviews.emptyAll": "Καμία διαδικασία δεν περιμένει απόφαση αξιολόγησης.",
      "home.drafts.title": "Τα προσχέδιά σας",
      "home.drafts.titleAll": "Ανοιχτά προσχέδια",
      "home.drafts.all": "Άνοιγμα επεξεργασίας",
      "home.drafts.detail": "έκδ. {version} · {department}",
      "home.drafts.detailAll": "έκδ. {version} · {department} · {author}",
      "home.drafts.draft": "Προσχέδιο",
      "home.drafts.inReview": "Σε αξιολόγηση",
      "home.drafts.errors": "{count, plural, one {# σφάλμα} other {# σφάλματα}}",
      "home.drafts.empty": "Κανένα ανοιχτό προσχέδιο.",
      "home.drafts.new": "Νέα διαδικασία",
      "home.overdue.title": "Εκπρόθεσμες για αναθεώρηση",
      "home.overdue.all": "Ημερομηνίες αναθεώρησης στην επεξεργασία",
      "home.overdue.detail": "Έληγε {date} · {department}",
      "home.overdue.days": "{count, plural, one {# ημέρα καθυστέρηση} other {# ημέρες καθυστέρηση}}",
      "home.overdue.empty": "Όλες οι διαδικασίες είναι εντός της ημερομηνίας αναθεώρησης.",
      "home.overdue.emptyIn": "Όλες οι διαδικασίες του τμήματος {department} είναι εντός της ημερομηνίας αναθεώρησης.",
      "home.flags.title": "Επισημάνσεις συνεργατών",
      "home.flags.step": "βήμα {number}, {title}",
      "home.flags.someone": "ένας συνεργάτης",
      "home.flags.kind.unclear": "Ασαφές",
      "home.flags.kind.wrong": "Λάθος",
      "home.flags.kind.outdated": "Παρωχημένο",
      "home.flags.kind.missingCase": "Λείπει περίπτωση",
      "home.flags.all":
        "{count, plural, one {Όλες οι επισημάνσεις στα εισερχόμενα (# " +
        "ανοιχτή)} other {Όλες οι επισημάνσεις στα εισερχόμενα (# ανοιχτές)}}",
      "home.flags.empty":
        "Καμία ανοιχτή επισήμανση. Όταν ένας συνεργάτης επισημαίνει ένα βήμα " +
        "ως ασαφές, λάθος ή παρωχημένο κατά την κλήση, εμφανίζεται εδώ.",
      "home.myFlags.title": "Οι επισημάνσεις σας",
      "home.myFlags.empty":
        "Δεν έχετε επισημάνει κανένα βήμα. Χρησιμοποιήστε την Επισήμανση κατά την κλήση όταν ένα " +
        "βήμα είναι ασαφές, λάθος ή παρωχημένο: η απάντηση του υπευθύνου σας εμφανίζεται εδώ.",
      "home.myFlags.state.new": "Νέα",
      "home.myFlags.state.accepted": "Αποδεκτή",
      "home.myFlags.state.done": "Διορθώθηκε",
      "home.myFlags.state.dismissed": "Απορρίφθηκε",
      "home.myFlags.reply": "Απάντηση: {reply}",
      "home.myFlags.fixedIn": "Διορθώθηκε στην έκδοση {version}",
      "home.myFlags.reason": "Απορρίφθηκε: {reason}",
      "home.ownRuns.title": "Οι κλήσεις σας",
      "home.ownRuns.all": "Όλες οι εκτελέσεις μου",
      "home.org.section": "Οργανισμός",
      "home.org.title": "Με μια ματιά",
      "home.org.people": "Ενεργοί χρήστες",
      "home.org.departments": "Τμήματα",
      "home.org.procedures": "Δημοσιευμένες διαδικασίες",
      "home.org.calls": "Κλήσεις τις τελευταίες 7 ημέρες",
      "home.audit.title": "Πρόσφατες αλλαγές",
      "home.audit.all": "Πλήρες αρχείο ελέγχου",
      "home.audit.empty": "Δεν έχει αλλάξει τίποτα ακόμη.",
      "home.procedures.title": "Διαδικασίες",
      "home.procedures.titleIn": "Διαδικασίες: {department}",
      "home.procedures.all": "Περιήγηση στη βιβλιοθήκη",
      "home.procedures.empty": "Δεν έχει δημοσιευτεί ακόμη διαδικασία εδώ· όλη η βιβλιοθήκη είναι ανοιχτή για εσάς.",
      "home.updated.title": "Ενημερώθηκαν τις τελευταίες 30 ημέρες",
      "home.updated.all": "Όλη η βιβλιοθήκη",
      "home.updated.detail": "έκδ. {version} · {department}",
      "home.updated.detailNote": "έκδ. {version} · {note}",
      "home.updated.empty": "Δεν άλλαξε τίποτα στη βιβλιοθήκη τις τελευταίες 30 ημέρες.",
      "home.practice.title": "Οι εξασκήσεις σας",
      "home.practice.empty":
        "Δεν έχετε εξασκηθεί ακόμη σε κάποια διαδικασία. Ανοίξτε μία από " +
        "τη λίστα και πατήστε Έναρξη για να την ακολουθήσετε βήμα βήμα.",
      "home.practice.emptyTrainer":
        "Ξεκινήστε μια διαδικασία για να την εξασκήσετε όπως θα την ακολουθήσουν οι " +
        "συνεργάτες ή για να δείξετε σε έναν νέο συνάδελφο πώς εξελίσσεται μια κλήση.",
    },
    it: {
      "home.title": "Home",
      "home.roleIn": "{role} · {department}",
      "home.greeting.morning": "Buongiorno, {name}",
      "home.greeting.afternoon": "Buon pomeriggio, {name}",
      "home.greeting.evening": "Buonasera, {name}",
      "home.headline.agent":
        "Riprendi una chiamata da dove l’hai lasciata, mantieni gli " +
        "impegni in scadenza oggi o trova la procedura per la prossima.",
      "home.headline.lead":
        "Le revisioni che ti aspettano, le tue bozze e ciò che richiede attenzione nelle procedure del tuo reparto.",
      "home.headline.admin":
        "Revisioni, bozze, procedure scadute e segnalazioni degli " +
        "operatori in tutti i reparti, e l’organizzazione in sintesi.",
      "home.headline.trainer":
        "Accompagna i nuovi assunti in queste procedure: aprine una " +
        "insieme o avviala per simulare una chiamata passo dopo passo.",
      "home.headline.trainee":
        "Impara le procedure del tuo reparto: aprine una per leggerla " +
        "o avviala per simulare una chiamata passo dopo passo.",
      "home.find.label": "Trova una procedura",
      "home.find.placeholder": "Rimborso, verifica identità, consegna in ritardo…",
      "home.find.submit": "Cerca",
      "home.find.hint": "Oppure premi {key} ovunque per la ricerca rapida.",
      "home.find.hintRun":
        "Oppure premi {key} ovunque per la ricerca rapida: scegli una procedura e Invio avvia la chiamata.",
      "home.runs.step": "Passo {number} di {count}: {title}",
      "home.runs.noRef": "Nessun riferimento cliente",
      "home.active.title": "Chiamate in corso",
      "home.active.all": "Tutte le chiamate in corso",
      "home.active.empty": "Nessuna chiamata in corso. Cerca qui sopra o premi {key} per avviarne una.",
      "home.followUps.title": "Richiami in scadenza",
      "home.followUps.all": "{count, plural, one {Tutti i richiami (# aperto)} other {Tutti i richiami (# aperti)}}",
      "home.followUps.overdue": "Scaduto",
      "home.followUps.today": "Oggi",
      "home.followUps.empty":
        "Nessuna scadenza. Gli impegni presi alla chiusura compaiono qui il giorno in cui scadono.",
      "home.followUps.emptyLater":
        "{count, plural, one {Niente in scadenza oggi; # richiamo scade più " +
        "avanti.} other {Niente in scadenza oggi; # richiami scadono più avanti.}}",
      "home.recent.title": "Chiamate recenti",
      "home.recent.all": "Tutte le mie esecuzioni",
      "home.recent.empty": "Le chiamate che chiudi compaiono qui, con il loro esito.",
      "home.reviews.title": "Revisioni che ti aspettano",
      "home.reviews.titleAll": "Revisioni in attesa",
      "home.reviews.all": "Revisioni aperte",
      "home.reviews.detail": "v{version} · da {author} · {department}",
      "home.reviews.empty": "Nessuno aspetta una tua revisione.",
      "home.reviews.emptyAll": "Nessuna procedura attende una decisione di revisione.",
      "home.drafts.title": "Le tue bozze",
      "home.drafts.titleAll": "Bozze aperte",
      "home.drafts.all": "Apri l’editor",
      "home.drafts.detail": "v{version} · {department}",
      "home.drafts.detailAll": "v{version} · {department} · {author}",
      "home.drafts.draft": "Bozza",
      "home.drafts.inReview": "In revisione",
      "home.drafts.errors": "{count, plural, one {# errore} other {# errori}}",
      "home.drafts.empty": "Nessuna bozza aperta.",
      "home.drafts.new": "Crea una nuova procedura",
      "home.overdue.title": "Revisione scaduta",
      "home.overdue.all": "Date di revisione nell’editor",
      "home.overdue.detail": "Scadenza {date} · {department}",
      "home.overdue.days": "{count, plural, one {# giorno di ritardo} other {# giorni di ritardo}}",
      "home.overdue.empty": "Tutte le procedure rispettano la data di revisione.",
      "home.overdue.emptyIn": "Tutte le procedure di {department} rispettano la data di revisione.",
      "home.flags.title": "Segnalazioni degli operatori",
      "home.flags.step": "passo {number}, {title}",
      "home.flags.someone": "un operatore",
      "home.flags.kind.unclear": "Poco chiaro",
      "home.flags.kind.wrong": "Errato",
      "home.flags.kind.outdated": "Superato",
      "home.flags.kind.missingCase": "Caso mancante",
      "home.flags.all":
        "{count, plural, one {Tutte le segnalazioni nella casella (# " +
        "aperta)} other {Tutte le segnalazioni nella casella (# aperte)}}",
      "home.flags.empty":
        "Nessuna segnalazione aperta. Quando un operatore segnala un passo " +
        "poco chiaro, errato o superato durante una chiamata, compare qui.",
      "home.myFlags.title": "Le tue segnalazioni",
      "home.myFlags.empty":
        "Non hai segnalato nessun passo. Usa Segnala durante una chiamata quando un passo " +
        "è poco chiaro, errato o superato: la risposta del tuo responsabile compare qui.",
      "home.myFlags.state.new": "Nuova",
      "home.myFlags.state.accepted": "Accettata",
      "home.myFlags.state.done": "Risolta",
      "home.myFlags.state.dismissed": "Archiviata",
      "home.myFlags.reply": "Risposta: {reply}",
      "home.myFlags.fixedIn": "Risolta nella versione {version}",
      "home.myFlags.reason": "Archiviata: {reason}",
      "home.ownRuns.title": "Le tue chiamate",
      "home.ownRuns.all": "Tutte le mie esecuzioni",
      "home.org.section": "Organizzazione",
      "home.org.title": "In sintesi",
      "home.org.people": "Persone attive",
      "home.org.departments": "Reparti",
      "home.org.procedures": "Procedure pubblicate",
      "home.org.calls": "Chiamate negli ultimi 7 giorni",
      "home.audit.title": "Modifiche recenti",
      "home.audit.all": "Registro completo",
      "home.audit.empty": "Non è ancora cambiato nulla.",
      "home.procedures.title": "Procedure",
      "home.procedures.titleIn": "Procedure di {department}",
      "home.procedures.all": "Sfoglia la libreria",
      "home.procedures.empty": "Qui non è ancora pubblicata nessuna procedura: l’intera libreria è a tua disposizione.",
      "home.updated.title": "Aggiornate negli ultimi 30 giorni",
      "home.updated.all": "Tutta la libreria",
      "home.updated.detail": "v{version} · {department}",
      "home.updated.detailNote": "v{version} · {note}",
      "home.updated.empty": "Nessuna modifica nella libreria negli ultimi 30 giorni.",
      "home.practice.title": "Le tue esercitazioni",
      "home.practice.empty":
        "Non ti sei ancora esercitato su una procedura. Aprine una " +
        "dall’elenco e premi Avvia per seguirla passo dopo passo.",
      "home.practice.emptyTrainer":
        "Avvia una procedura per esercitarti come faranno gli operatori " +
        "o per mostrare a un nuovo assunto come si svolge una chiamata.",
    },
    lt: {
      "home.title": "Pradžia",
      "home.roleIn": "{role} · {department}",
      "home.greeting.morning": "Labas rytas, {name}",
      "home.greeting.afternoon": "Laba diena, {name}",
      "home.greeting.evening": "Labas vakaras, {name}",
      "home.headline.agent":
        "Tęskite pokalbį nuo ten, kur sustojote, įvykdykite šiandien " +
        "numatytus pažadus arba raskite procedūrą kitam skambučiui.",
      "home.headline.lead":
        "Jūsų laukiančios peržiūros, jūsų juodraščiai ir tai, kam reikia dėmesio jūsų skyriaus procedūrose.",
      "home.headline.admin":
        "Peržiūros, juodraščiai, pavėluotos procedūros ir konsultantų " +
        "pažymėjimai visuose skyriuose bei organizacijos apžvalga.",
      "home.headline.trainer":
        "Supažindinkite naujokus su šiomis procedūromis: atverkite vieną kartu " +
        "arba pradėkite ją ir žingsnis po žingsnio praktikuokite pokalbį.",
      "home.headline.trainee":
        "Išmokite savo skyriaus procedūras: atverkite vieną ir perskaitykite " +
        "arba pradėkite ją ir žingsnis po žingsnio praktikuokite pokalbį.",
      "home.find.label": "Rasti procedūrą",
      "home.find.placeholder": "Grąžinimas, tapatybės patikra, vėluojantis pristatymas…",
      "home.find.submit": "Ieškoti",
      "home.find.hint": "Arba bet kur paspauskite {key} greitajai paieškai.",
      "home.find.hintRun":
        "Arba bet kur paspauskite {key} greitajai paieškai: pasirinkite procedūrą ir Enter pradės pokalbį.",
      "home.runs.step": "{number} žingsnis iš {count}: {title}",
      "home.runs.noRef": "Be kliento nuorodos",
      "home.active.title": "Vykstantys pokalbiai",
      "home.active.all": "Visi vykstantys pokalbiai",
      "home.active.empty": "Vykstančių pokalbių nėra. Ieškokite aukščiau arba paspauskite {key}, kad pradėtumėte.",
      "home.followUps.title": "Tolesni veiksmai šiandien",
      "home.followUps.all":
        "{count, plural, one {Visi tolesni veiksmai (# atviras)} few {Visi " +
        "tolesni veiksmai (# atviri)} other {Visi tolesni veiksmai (# atvirų)}}",
      "home.followUps.overdue": "Pavėluota",
      "home.followUps.today": "Šiandien",
      "home.followUps.empty": "Nieko nelaukia. Pažadai, duoti užbaigiant pokalbį, atsiranda čia jų termino dieną.",
      "home.followUps.emptyLater":
        "{count, plural, one {Šiandien nieko; # tolesnis veiksmas numatytas vėliau.} few {Šiandien nieko; # " +
        "tolesni veiksmai numatyti vėliau.} other {Šiandien nieko; # tolesnių veiksmų numatyta vėliau.}}",
      "home.recent.title": "Naujausi pokalbiai",
      "home.recent.all": "Visi mano vykdymai",
      "home.recent.empty": "Čia atsiras jūsų užbaigti pokalbiai ir jų baigtis.",
      "home.reviews.title": "Jūsų laukiančios peržiūros",
      "home.reviews.titleAll": "Laukiančios peržiūros",
      "home.reviews.all": "Atviros peržiūros",
      "home.reviews.detail": "v{version} · nuo {author} · {department}",
      "home.reviews.empty": "Niekas nelaukia jūsų peržiūros.",
      "home.reviews.emptyAll": "Jokia procedūra nelaukia peržiūros sprendimo.",
      "home.drafts.title": "Jūsų juodraščiai",
      "home.drafts.titleAll": "Atviri juodraščiai",
      "home.drafts.all": "Atverti redaktorių",
      "home.drafts.detail": "v{version} · {department}",
      "home.drafts.detailAll": "v{version} · {department} · {author}",
      "home.drafts.draft": "Juodraštis",
      "home.drafts.inReview": "Peržiūrima",
      "home.drafts.errors": "{count, plural, one {# klaida} few {# klaidos} other {# klaidų}}",
      "home.drafts.empty": "Atvirų juodraščių nėra.",
      "home.drafts.new": "Pradėti naują procedūrą",
      "home.overdue.title": "Pavėluota peržiūra",
      "home.overdue.all": "Peržiūros datos redaktoriuje",
      "home.overdue.detail": "Terminas {date} · {department}",
      "home.overdue.days": "{count, plural, one {vėluoja # dieną} few {vėluoja # dienas} other {vėluoja # dienų}}",
      "home.overdue.empty": "Visų procedūrų peržiūros terminai galioja.",
      "home.overdue.emptyIn": "Visų skyriaus „{department}“ procedūrų peržiūros terminai galioja.",
      "home.flags.title": "Konsultantų pažymėjimai",
      "home.flags.step": "{number} žingsnis, {title}",
      "home.flags.someone": "konsultantas",
      "home.flags.kind.unclear": "Neaišku",
      "home.flags.kind.wrong": "Klaidinga",
      "home.flags.kind.outdated": "Pasenę",
      "home.flags.kind.missingCase": "Trūksta atvejo",
      "home.flags.all":
        "{count, plural, one {Visi pažymėjimai gautuosiuose (# atviras)} few {Visi " +
        "pažymėjimai gautuosiuose (# atviri)} many {Visi pažymėjimai gautuosiuose " +
        "(# atviro)} other {Visi pažymėjimai gautuosiuose (# atvirų)}}",
      "home.flags.empty":
        "Atvirų pažymėjimų nėra. Kai konsultantas pokalbio metu pažymi " +
        "žingsnį kaip neaiškų, klaidingą ar pasenusį, jis atsiranda čia.",
      "home.myFlags.title": "Jūsų pažymėjimai",
      "home.myFlags.empty":
        "Nepažymėjote nė vieno žingsnio. Pokalbio metu naudokite Pažymėti, kai " +
        "žingsnis neaiškus, klaidingas ar pasenęs: vadovo atsakymas atsiras čia.",
      "home.myFlags.state.new": "Naujas",
      "home.myFlags.state.accepted": "Priimtas",
      "home.myFlags.state.done": "Ištaisytas",
      "home.myFlags.state.dismissed": "Atmestas",
      "home.myFlags.reply": "Atsakymas: {reply}",
      "home.myFlags.fixedIn": "Ištaisyta versijoje {version}",
      "home.myFlags.reason": "Atmesta: {reason}",
      "home.ownRuns.title": "Jūsų pokalbiai",
      "home.ownRuns.all": "Visi mano vykdymai",
      "home.org.section": "Organizacija",
      "home.org.title": "Apžvalga",
      "home.org.people": "Aktyvūs žmonės",
      "home.org.departments": "Skyriai",
      "home.org.procedures": "Paskelbtos procedūros",
      "home.org.calls": "Pokalbiai per 7 dienas",
      "home.audit.title": "Naujausi pakeitimai",
      "home.audit.all": "Visas audito žurnalas",
      "home.audit.empty": "Kol kas niekas nepasikeitė.",
      "home.procedures.title": "Procedūros",
      "home.procedures.titleIn": "Skyriaus „{department}“ procedūros",
      "home.procedures.all": "Naršyti biblioteką",
      "home.procedures.empty": "Čia dar nepaskelbta jokia procedūra: jums atvira visa biblioteka.",
      "home.updated.title": "Atnaujinta per 30 dienų",
      "home.updated.all": "Visa biblioteka",
      "home.updated.detail": "v{version} · {department}",
      "home.updated.detailNote": "v{version} · {note}",
      "home.updated.empty": "Per 30 dienų bibliotekoje niekas nepasikeitė.",
      "home.practice.title": "Jūsų praktika",
      "home.practice.empty":
        "Dar nepraktikavote nė vienos procedūros. Atverkite vieną iš sąrašo " +
        "ir paspauskite „Pradėti“, kad eitumėte žingsnis po žingsnio.",
      "home.practice.emptyTrainer":
        "Pradėkite procedūrą, kad ją išbandytumėte taip, kaip ją vykdys " +
        "konsultantai, arba parodytumėte naujokui, kaip vyksta pokalbis.",
    },
    fa: {
      "home.title": "خانه",
      "home.roleIn": "{role} · {department}",
      "home.greeting.morning": "صبح بخیر، {name}",
      "home.greeting.afternoon": "عصر بخیر، {name}",
      "home.greeting.evening": "شب بخیر، {name}",
      "home.headline.agent":
        "تماسی را از همان جایی که رها کردید ادامه دهید، قول‌های امروز را انجام دهید یا روال تماس بعدی را پیدا کنید.",
      "home.headline.lead":
        "بازبینی‌هایی که منتظر شما هستند، پیش‌نویس‌هایتان و آنچه در روال‌های بخش شما نیاز به توجه دارد.",
      "home.headline.admin":
        "بازبینی‌ها، پیش‌نویس‌ها، روال‌های عقب‌افتاده و گزارش‌های کارشناسان در همهٔ بخش‌ها، و نمایی کلی از سازمان.",
      "home.headline.trainer":
        "نیروهای تازه را با این روال‌ها آشنا کنید: یکی را با هم باز " +
        "کنید یا آن را شروع کنید تا یک تماس را گام‌به‌گام تمرین کنید.",
      "home.headline.trainee":
        "روال‌های بخش خود را یاد بگیرید: یکی را باز کنید و بخوانید " +
        "یا آن را شروع کنید تا یک تماس را گام‌به‌گام تمرین کنید.",
      "home.find.label": "یافتن روال",
      "home.find.placeholder": "بازپرداخت، احراز هویت، تأخیر در تحویل…",
      "home.find.submit": "جستجو",
      "home.find.hint": "یا هر جا {key} را بزنید تا جستجوی سریع باز شود.",
      "home.find.hintRun":
        "یا هر جا {key} را بزنید برای جستجوی سریع: روالی را انتخاب کنید و Enter تماس را شروع می‌کند.",
      "home.runs.step": "گام {number} از {count}: {title}",
      "home.runs.noRef": "بدون شناسهٔ مشتری",
      "home.active.title": "تماس‌های در جریان",
      "home.active.all": "همهٔ تماس‌های در جریان",
      "home.active.empty": "هیچ تماسی در جریان نیست. بالا جستجو کنید یا {key} را بزنید تا یکی را شروع کنید.",
      "home.followUps.title": "پیگیری‌های سررسید",
      "home.followUps.all": "{count, plural, one {همهٔ پیگیری‌ها (# باز)} other {همهٔ پیگیری‌ها (# باز)}}",
      "home.followUps.overdue": "عقب‌افتاده",
      "home.followUps.today": "امروز",
      "home.followUps.empty":
        "چیزی سررسید نشده است. قول‌هایی که هنگام جمع‌بندی می‌دهید در روز سررسیدشان اینجا می‌آیند.",
      "home.followUps.emptyLater":
        "{count, plural, one {امروز چیزی سررسید نیست؛ # پیگیری بعداً سررسید " +
        "می‌شود.} other {امروز چیزی سررسید نیست؛ # پیگیری بعداً سررسید می‌شوند.}}",
      "home.recent.title": "تماس‌های اخیر",
      "home.recent.all": "همهٔ اجراهای من",
      "home.recent.empty": "تماس‌هایی که جمع‌بندی می‌کنید همراه با نتیجه‌شان اینجا نمایش داده می‌شوند.",
      "home.reviews.title": "بازبینی‌های منتظر شما",
      "home.reviews.titleAll": "بازبینی‌های در انتظار",
      "home.reviews.all": "بازبینی‌های باز",
      "home.reviews.detail": "نسخهٔ {version} · از {author} · {department}",
      "home.reviews.empty": "کسی منتظر بازبینی شما نیست.",
      "home.reviews.emptyAll": "هیچ روالی منتظر تصمیم بازبینی نیست.",
      "home.drafts.title": "پیش‌نویس‌های شما",
      "home.drafts.titleAll": "پیش‌نویس‌های باز",
      "home.drafts.all": "باز کردن ویرایشگر",
      "home.drafts.detail": "نسخهٔ {version} · {department}",
      "home.drafts.detailAll": "نسخهٔ {version} · {department} · {author}",
      "home.drafts.draft": "پیش‌نویس",
      "home.drafts.inReview": "در بازبینی",
      "home.drafts.errors": "{count, plural, one {# خطا} other {# خطا}}",
      "home.drafts.empty": "هیچ پیش‌نویس بازی نیست.",
      "home.drafts.new": "شروع روال تازه",
      "home.overdue.title": "بازبینی عقب‌افتاده",
      "home.overdue.all": "تاریخ‌های بازبینی در ویرایشگر",
      "home.overdue.detail": "سررسید {date} · {department}",
      "home.overdue.days": "{count, plural, one {# روز تأخیر} other {# روز تأخیر}}",
      "home.overdue.empty": "همهٔ روال‌ها در مهلت بازبینی خود هستند.",
      "home.overdue.emptyIn": "همهٔ روال‌های {department} در مهلت بازبینی خود هستند.",
      "home.flags.title": "گزارش‌های کارشناسان",
      "home.flags.step": "گام {number}، {title}",
      "home.flags.someone": "یک کارشناس",
      "home.flags.kind.unclear": "نامفهوم",
      "home.flags.kind.wrong": "نادرست",
      "home.flags.kind.outdated": "منسوخ",
      "home.flags.kind.missingCase": "حالت جاافتاده",
      "home.flags.all":
        "{count, plural, one {همهٔ گزارش‌ها در صندوق بازخورد (# باز)} other {همهٔ گزارش‌ها در صندوق بازخورد (# باز)}}",
      "home.flags.empty":
        "هیچ گزارش بازی نیست. وقتی کارشناسی در تماس گامی را نامفهوم، " +
        "نادرست یا منسوخ علامت بزند، اینجا نمایش داده می‌شود.",
      "home.myFlags.title": "گزارش‌های شما",
      "home.myFlags.empty":
        "هنوز گامی را علامت نزده‌اید. وقتی گامی نامفهوم، نادرست یا منسوخ است، در تماس " +
        "از «علامت‌گذاری» استفاده کنید: پاسخ سرپرست شما اینجا نمایش داده می‌شود.",
      "home.myFlags.state.new": "جدید",
      "home.myFlags.state.accepted": "پذیرفته‌شده",
      "home.myFlags.state.done": "اصلاح‌شده",
      "home.myFlags.state.dismissed": "ردشده",
      "home.myFlags.reply": "پاسخ: {reply}",
      "home.myFlags.fixedIn": "در نسخهٔ {version} اصلاح شد",
      "home.myFlags.reason": "رد شد: {reason}",
      "home.ownRuns.title": "تماس‌های شما",
      "home.ownRuns.all": "همهٔ اجراهای من",
      "home.org.section": "سازمان",
      "home.org.title": "در یک نگاه",
      "home.org.people": "افراد فعال",
      "home.org.departments": "بخش‌ها",
      "home.org.procedures": "روال‌های منتشرشده",
      "home.org.calls": "تماس‌ها در ۷ روز گذشته",
      "home.audit.title": "تغییرات اخیر",
      "home.audit.all": "گزارش کامل ممیزی",
      "home.audit.empty": "هنوز چیزی تغییر نکرده است.",
      "home.procedures.title": "روال‌ها",
      "home.procedures.titleIn": "روال‌های {department}",
      "home.procedures.all": "مرور کتابخانه",
      "home.procedures.empty": "هنوز روالی اینجا منتشر نشده است؛ کل کتابخانه در اختیار شماست.",
      "home.updated.title": "به‌روزشده در ۳۰ روز گذشته",
      "home.updated.all": "کل کتابخانه",
      "home.updated.detail": "نسخهٔ {version} · {department}",
      "home.updated.detailNote": "نسخهٔ {version} · {note}",
      "home.updated.empty": "در ۳۰ روز گذشته چیزی در کتابخانه تغییر نکرده است.",
      "home.practice.title": "تمرین‌های شما",
      "home.practice.empty":
        "هنوز روالی را تمرین نکرده‌اید. یکی را از فهرست باز کنید و «شروع» را بزنید تا گام‌به‌گام پیش بروید.",
      "home.practice.emptyTrainer":
        "روالی را شروع کنید تا آن را همان‌طور که کارشناسان اجرا می‌کنند " +
        "تمرین کنید، یا به یک نیروی تازه نشان دهید تماس چگونه پیش می‌رود.",
    },
  },
);
