import { defineCatalog } from "./define";

/** The embedded runbook in a help desk's sidebar (/embed). */
export default defineCatalog(
  {
    "embed.title": "Runbook",
    "embed.openFull": "Open in Stepwise",
    "embed.openFull.hint": "(opens in a new tab)",
    "embed.ticket": "Ticket {id}",
    "embed.noTicket": "No ticket",
    "embed.signedInAs": "Signed in as {name}",
    "embed.loading": "Loading the runbook…",
    "embed.resumed": "You are back on the run already open for this ticket.",
    "embed.other": "Another procedure",
    "embed.find.title": "Find a procedure",
    "embed.find.label": "Search procedures",
    "embed.find.placeholder": "e.g. refund, password reset",
    "embed.find.hint": "Type two letters or more. The run you start is linked to this ticket.",
    "embed.find.start": "Start",
    "embed.find.starting": "Starting…",
    "embed.find.none": "No published procedure matches “{term}”.",
    "embed.find.failed": "The search did not answer. Try again in a moment.",
    "embed.startFailed": "The run could not start: {reason}",
    "embed.noSession.title": "Open the runbook from your help desk",
    "embed.noSession.body":
      "This sidebar needs a fresh launch from the ticket. Reload the ticket view in your help desk to open it again.",
    "embed.refused.what": "What to do",
    "embed.refused.detail": "Details for your administrator: {detail}",
    "embed.refused.missing-token.title": "No launch token",
    "embed.refused.missing-token.body":
      "This page opens only from a help desk, with a signed launch token. Open the ticket in your help desk.",
    "embed.refused.unknown-integration.title": "Unknown help desk",
    "embed.refused.unknown-integration.body":
      "The launch names a help desk Stepwise does not know. Ask your Stepwise administrator to check the integration.",
    "embed.refused.disabled-integration.title": "This help desk is switched off",
    "embed.refused.disabled-integration.body":
      "An administrator has disabled this integration in Stepwise. Ask them to enable it again.",
    "embed.refused.bad-token.title": "The launch token is not valid",
    "embed.refused.bad-token.body":
      "The help desk sent a token Stepwise cannot accept. Reload " +
      "the ticket; if it happens again, tell your administrator.",
    "embed.refused.bad-signature.title": "The launch signature does not match",
    "embed.refused.bad-signature.body":
      "The token was not signed with this integration's current secret. " +
      "Your administrator should check the help desk's set-up.",
    "embed.refused.expired.title": "The launch has expired",
    "embed.refused.expired.body": "Launch links last a few minutes. Reload the ticket to open the runbook again.",
    "embed.refused.wrong-audience.title": "The launch is not meant for Stepwise",
    "embed.refused.wrong-audience.body":
      "The token's audience is not “stepwise”. Your administrator should fix the help desk's signer.",
    "embed.refused.replayed.title": "This launch was already used",
    "embed.refused.replayed.body":
      "Each launch opens the runbook once, so a copied link cannot sign anyone in. Reload the ticket for a new one.",
    "embed.refused.unknown-agent.title": "No Stepwise account for you",
    "embed.refused.unknown-agent.body":
      "Your help desk e-mail address has no account in Stepwise. Ask your Stepwise administrator to add you.",
    "embed.refused.inactive-agent.title": "Your Stepwise account is deactivated",
    "embed.refused.inactive-agent.body": "Ask your Stepwise administrator to reactivate your account.",
    "embed.refused.agent-not-allowed.title": "Your role cannot run procedures",
    "embed.refused.agent-not-allowed.body": "Ask your Stepwise administrator for a role that runs calls.",
    "embed.refused.sop-unavailable.title": "This procedure cannot be run",
    "embed.refused.sop-unavailable.body":
      "The procedure the ticket asks for is not published, or not open to " +
      "you. Pick another one from the quick find, or ask its team lead.",
  },
  {
    el: {
      "embed.title": "Οδηγός κλήσης",
      "embed.openFull": "Άνοιγμα στο Stepwise",
      "embed.openFull.hint": "(ανοίγει σε νέα καρτέλα)",
      "embed.ticket": "Αίτημα {id}",
      "embed.noTicket": "Χωρίς αίτημα",
      "embed.signedInAs": "Συνδεδεμένος ως {name}",
      "embed.loading": "Φόρτωση του οδηγού…",
      "embed.resumed": "Επιστρέψατε στην κλήση που είναι ήδη ανοιχτή για αυτό το αίτημα.",
      "embed.other": "Άλλη διαδικασία",
      "embed.find.title": "Εύρεση διαδικασίας",
      "embed.find.label": "Αναζήτηση διαδικασιών",
      "embed.find.placeholder": "π.χ. επιστροφή χρημάτων, επαναφορά κωδικού",
      "embed.find.hint": "Πληκτρολογήστε δύο γράμματα ή περισσότερα. Η κλήση που ξεκινάτε συνδέεται με αυτό το αίτημα.",
      "embed.find.start": "Έναρξη",
      "embed.find.starting": "Έναρξη…",
      "embed.find.none": "Καμία δημοσιευμένη διαδικασία δεν ταιριάζει με «{term}».",
      "embed.find.failed": "Η αναζήτηση δεν απάντησε. Δοκιμάστε ξανά σε λίγο.",
      "embed.startFailed": "Η κλήση δεν ξεκίνησε: {reason}",
      "embed.noSession.title": "Ανοίξτε τον οδηγό από το help desk σας",
      "embed.noSession.body":
        "Αυτή η πλαϊνή στήλη χρειάζεται νέα εκκίνηση από το αίτημα. " +
        "Φορτώστε ξανά την προβολή του αιτήματος στο help desk.",
      "embed.refused.what": "Τι να κάνετε",
      "embed.refused.detail": "Λεπτομέρειες για τον διαχειριστή σας: {detail}",
      "embed.refused.missing-token.title": "Λείπει το διακριτικό εκκίνησης",
      "embed.refused.missing-token.body":
        "Η σελίδα ανοίγει μόνο από help desk, με υπογεγραμμένο διακριτικό. Ανοίξτε το αίτημα στο help desk σας.",
      "embed.refused.unknown-integration.title": "Άγνωστο help desk",
      "embed.refused.unknown-integration.body":
        "Η εκκίνηση αναφέρει help desk που το Stepwise δεν γνωρίζει. " +
        "Ζητήστε από τον διαχειριστή να ελέγξει τη σύνδεση.",
      "embed.refused.disabled-integration.title": "Αυτό το help desk είναι απενεργοποιημένο",
      "embed.refused.disabled-integration.body":
        "Ένας διαχειριστής απενεργοποίησε αυτή τη σύνδεση στο Stepwise. Ζητήστε του να την ενεργοποιήσει ξανά.",
      "embed.refused.bad-token.title": "Το διακριτικό εκκίνησης δεν είναι έγκυρο",
      "embed.refused.bad-token.body":
        "Το help desk έστειλε διακριτικό που το Stepwise δεν δέχεται. Φορτώστε " +
        "ξανά το αίτημα· αν επαναληφθεί, ενημερώστε τον διαχειριστή.",
      "embed.refused.bad-signature.title": "Η υπογραφή δεν ταιριάζει",
      "embed.refused.bad-signature.body":
        "Το διακριτικό δεν υπογράφηκε με το τρέχον μυστικό αυτής της σύνδεσης. " +
        "Ο διαχειριστής πρέπει να ελέγξει τη ρύθμιση του help desk.",
      "embed.refused.expired.title": "Η εκκίνηση έληξε",
      "embed.refused.expired.body":
        "Οι σύνδεσμοι εκκίνησης διαρκούν λίγα λεπτά. Φορτώστε ξανά το αίτημα για να ανοίξετε τον οδηγό.",
      "embed.refused.wrong-audience.title": "Η εκκίνηση δεν προορίζεται για το Stepwise",
      "embed.refused.wrong-audience.body":
        "Ο αποδέκτης του διακριτικού δεν είναι «stepwise». Ο διαχειριστής " +
        "πρέπει να διορθώσει τον υπογράφοντα του help desk.",
      "embed.refused.replayed.title": "Αυτή η εκκίνηση έχει ήδη χρησιμοποιηθεί",
      "embed.refused.replayed.body":
        "Κάθε εκκίνηση ανοίγει τον οδηγό μία φορά, ώστε ένας αντιγραμμένος " +
        "σύνδεσμος να μη συνδέει κανέναν. Φορτώστε ξανά το αίτημα.",
      "embed.refused.unknown-agent.title": "Δεν έχετε λογαριασμό στο Stepwise",
      "embed.refused.unknown-agent.body":
        "Η διεύθυνση e-mail σας στο help desk δεν έχει λογαριασμό στο " +
        "Stepwise. Ζητήστε από τον διαχειριστή να σας προσθέσει.",
      "embed.refused.inactive-agent.title": "Ο λογαριασμός σας έχει απενεργοποιηθεί",
      "embed.refused.inactive-agent.body":
        "Ζητήστε από τον διαχειριστή του Stepwise να ενεργοποιήσει ξανά τον λογαριασμό σας.",
      "embed.refused.agent-not-allowed.title": "Ο ρόλος σας δεν εκτελεί διαδικασίες",
      "embed.refused.agent-not-allowed.body": "Ζητήστε από τον διαχειριστή έναν ρόλο που εξυπηρετεί κλήσεις.",
      "embed.refused.sop-unavailable.title": "Αυτή η διαδικασία δεν μπορεί να εκτελεστεί",
      "embed.refused.sop-unavailable.body":
        "Η διαδικασία που ζητά το αίτημα δεν είναι δημοσιευμένη ή δεν είναι " +
        "διαθέσιμη σε εσάς. Επιλέξτε άλλη ή ρωτήστε τον υπεύθυνο ομάδας.",
    },
    it: {
      "embed.title": "Guida alla chiamata",
      "embed.openFull": "Apri in Stepwise",
      "embed.openFull.hint": "(si apre in una nuova scheda)",
      "embed.ticket": "Ticket {id}",
      "embed.noTicket": "Nessun ticket",
      "embed.signedInAs": "Accesso come {name}",
      "embed.loading": "Caricamento della guida…",
      "embed.resumed": "Sei tornato alla chiamata già aperta per questo ticket.",
      "embed.other": "Un'altra procedura",
      "embed.find.title": "Trova una procedura",
      "embed.find.label": "Cerca procedure",
      "embed.find.placeholder": "es. rimborso, reimpostare la password",
      "embed.find.hint": "Scrivi almeno due lettere. La chiamata che avvii è collegata a questo ticket.",
      "embed.find.start": "Avvia",
      "embed.find.starting": "Avvio…",
      "embed.find.none": "Nessuna procedura pubblicata corrisponde a «{term}».",
      "embed.find.failed": "La ricerca non ha risposto. Riprova tra un momento.",
      "embed.startFailed": "Impossibile avviare la chiamata: {reason}",
      "embed.noSession.title": "Apri la guida dal tuo help desk",
      "embed.noSession.body":
        "Questa barra laterale ha bisogno di un nuovo avvio dal " +
        "ticket. Ricarica la vista del ticket nel tuo help desk.",
      "embed.refused.what": "Cosa fare",
      "embed.refused.detail": "Dettagli per l'amministratore: {detail}",
      "embed.refused.missing-token.title": "Manca il token di avvio",
      "embed.refused.missing-token.body":
        "Questa pagina si apre solo da un help desk, con un token di avvio firmato. Apri il ticket nel tuo help desk.",
      "embed.refused.unknown-integration.title": "Help desk sconosciuto",
      "embed.refused.unknown-integration.body":
        "L'avvio indica un help desk che Stepwise non conosce. Chiedi " +
        "all'amministratore di Stepwise di controllare l'integrazione.",
      "embed.refused.disabled-integration.title": "Questo help desk è disattivato",
      "embed.refused.disabled-integration.body":
        "Un amministratore ha disattivato questa integrazione in Stepwise. Chiedigli di riattivarla.",
      "embed.refused.bad-token.title": "Il token di avvio non è valido",
      "embed.refused.bad-token.body":
        "L'help desk ha inviato un token che Stepwise non accetta. " +
        "Ricarica il ticket; se succede ancora, avvisa l'amministratore.",
      "embed.refused.bad-signature.title": "La firma non corrisponde",
      "embed.refused.bad-signature.body":
        "Il token non è firmato con il segreto attuale di questa integrazione. " +
        "L'amministratore deve controllare la configurazione dell'help desk.",
      "embed.refused.expired.title": "L'avvio è scaduto",
      "embed.refused.expired.body": "I link di avvio durano pochi minuti. Ricarica il ticket per riaprire la guida.",
      "embed.refused.wrong-audience.title": "L'avvio non è destinato a Stepwise",
      "embed.refused.wrong-audience.body":
        "Il destinatario del token non è «stepwise». L'amministratore deve correggere il firmatario dell'help desk.",
      "embed.refused.replayed.title": "Questo avvio è già stato usato",
      "embed.refused.replayed.body":
        "Ogni avvio apre la guida una sola volta, così un link copiato non " +
        "fa accedere nessuno. Ricarica il ticket per averne uno nuovo.",
      "embed.refused.unknown-agent.title": "Non hai un account Stepwise",
      "embed.refused.unknown-agent.body":
        "Il tuo indirizzo e-mail dell'help desk non ha un account " +
        "in Stepwise. Chiedi all'amministratore di aggiungerti.",
      "embed.refused.inactive-agent.title": "Il tuo account Stepwise è disattivato",
      "embed.refused.inactive-agent.body": "Chiedi all'amministratore di Stepwise di riattivare il tuo account.",
      "embed.refused.agent-not-allowed.title": "Il tuo ruolo non esegue procedure",
      "embed.refused.agent-not-allowed.body": "Chiedi all'amministratore un ruolo che gestisce le chiamate.",
      "embed.refused.sop-unavailable.title": "Questa procedura non si può eseguire",
      "embed.refused.sop-unavailable.body":
        "La procedura richiesta dal ticket non è pubblicata o non è disponibile " +
        "per te. Scegline un'altra o chiedi al responsabile del team.",
    },
    lt: {
      "embed.title": "Skambučio vadovas",
      "embed.openFull": "Atidaryti Stepwise",
      "embed.openFull.hint": "(atsidaro naujame skirtuke)",
      "embed.ticket": "Užklausa {id}",
      "embed.noTicket": "Be užklausos",
      "embed.signedInAs": "Prisijungta kaip {name}",
      "embed.loading": "Įkeliamas vadovas…",
      "embed.resumed": "Grįžote prie šiai užklausai jau atidaryto skambučio.",
      "embed.other": "Kita procedūra",
      "embed.find.title": "Rasti procedūrą",
      "embed.find.label": "Ieškoti procedūrų",
      "embed.find.placeholder": "pvz., grąžinimas, slaptažodžio keitimas",
      "embed.find.hint": "Įveskite bent dvi raides. Pradėtas skambutis susiejamas su šia užklausa.",
      "embed.find.start": "Pradėti",
      "embed.find.starting": "Pradedama…",
      "embed.find.none": "Jokia paskelbta procedūra neatitinka „{term}“.",
      "embed.find.failed": "Paieška neatsakė. Bandykite dar kartą po akimirkos.",
      "embed.startFailed": "Skambučio pradėti nepavyko: {reason}",
      "embed.noSession.title": "Atidarykite vadovą iš savo pagalbos tarnybos sistemos",
      "embed.noSession.body":
        "Šiam šoniniam skydeliui reikia naujo paleidimo iš užklausos. Iš " +
        "naujo įkelkite užklausos rodinį pagalbos tarnybos sistemoje.",
      "embed.refused.what": "Ką daryti",
      "embed.refused.detail": "Išsami informacija administratoriui: {detail}",
      "embed.refused.missing-token.title": "Nėra paleidimo žetono",
      "embed.refused.missing-token.body":
        "Šis puslapis atidaromas tik iš pagalbos tarnybos sistemos " +
        "su pasirašytu žetonu. Atidarykite užklausą savo sistemoje.",
      "embed.refused.unknown-integration.title": "Nežinoma pagalbos tarnybos sistema",
      "embed.refused.unknown-integration.body":
        "Paleidime nurodyta sistema, kurios Stepwise nežino. Paprašykite " +
        "Stepwise administratoriaus patikrinti integraciją.",
      "embed.refused.disabled-integration.title": "Ši integracija išjungta",
      "embed.refused.disabled-integration.body":
        "Administratorius išjungė šią integraciją Stepwise sistemoje. Paprašykite jį vėl ją įjungti.",
      "embed.refused.bad-token.title": "Paleidimo žetonas negalioja",
      "embed.refused.bad-token.body":
        "Sistema atsiuntė žetoną, kurio Stepwise negali priimti. Iš naujo " +
        "įkelkite užklausą; jei kartojasi, praneškite administratoriui.",
      "embed.refused.bad-signature.title": "Parašas nesutampa",
      "embed.refused.bad-signature.body":
        "Žetonas pasirašytas ne dabartine šios integracijos paslaptimi. " +
        "Administratorius turėtų patikrinti sistemos nustatymus.",
      "embed.refused.expired.title": "Paleidimo laikas baigėsi",
      "embed.refused.expired.body": "Paleidimo nuorodos galioja kelias minutes. Iš naujo įkelkite užklausą.",
      "embed.refused.wrong-audience.title": "Paleidimas skirtas ne Stepwise",
      "embed.refused.wrong-audience.body":
        "Žetono gavėjas nėra „stepwise“. Administratorius turėtų pataisyti sistemos pasirašymo nustatymus.",
      "embed.refused.replayed.title": "Šis paleidimas jau panaudotas",
      "embed.refused.replayed.body":
        "Kiekvienas paleidimas atidaro vadovą vieną kartą, todėl nukopijuota " +
        "nuoroda nieko neprijungia. Iš naujo įkelkite užklausą.",
      "embed.refused.unknown-agent.title": "Neturite Stepwise paskyros",
      "embed.refused.unknown-agent.body":
        "Jūsų el. pašto adresas neturi Stepwise paskyros. Paprašykite Stepwise administratoriaus jus pridėti.",
      "embed.refused.inactive-agent.title": "Jūsų Stepwise paskyra išjungta",
      "embed.refused.inactive-agent.body": "Paprašykite Stepwise administratoriaus vėl įjungti jūsų paskyrą.",
      "embed.refused.agent-not-allowed.title": "Jūsų vaidmuo negali vykdyti procedūrų",
      "embed.refused.agent-not-allowed.body": "Paprašykite administratoriaus vaidmens, kuris aptarnauja skambučius.",
      "embed.refused.sop-unavailable.title": "Šios procedūros vykdyti negalima",
      "embed.refused.sop-unavailable.body":
        "Užklausos nurodyta procedūra nepaskelbta arba jums neprieinama. " +
        "Pasirinkite kitą arba kreipkitės į komandos vadovą.",
    },
    fa: {
      "embed.title": "راهنمای تماس",
      "embed.openFull": "باز کردن در Stepwise",
      "embed.openFull.hint": "(در زبانه‌ای تازه باز می‌شود)",
      "embed.ticket": "درخواست {id}",
      "embed.noTicket": "بدون درخواست",
      "embed.signedInAs": "وارد شده به نام {name}",
      "embed.loading": "در حال بارگذاری راهنما…",
      "embed.resumed": "به تماسی برگشتید که برای این درخواست از قبل باز بود.",
      "embed.other": "روال دیگر",
      "embed.find.title": "یافتن روال",
      "embed.find.label": "جستجوی روال‌ها",
      "embed.find.placeholder": "مثلاً بازپرداخت، بازنشانی گذرواژه",
      "embed.find.hint": "دست‌کم دو حرف بنویسید. تماسی که آغاز می‌کنید به این درخواست پیوند می‌خورد.",
      "embed.find.start": "آغاز",
      "embed.find.starting": "در حال آغاز…",
      "embed.find.none": "هیچ روال منتشرشده‌ای با «{term}» جور نیست.",
      "embed.find.failed": "جستجو پاسخ نداد. کمی بعد دوباره امتحان کنید.",
      "embed.startFailed": "تماس آغاز نشد: {reason}",
      "embed.noSession.title": "راهنما را از میز کمک خود باز کنید",
      "embed.noSession.body":
        "این نوار کناری به راه‌اندازی تازه از درخواست نیاز دارد. نمای درخواست را در میز کمک دوباره بارگذاری کنید.",
      "embed.refused.what": "چه باید کرد",
      "embed.refused.detail": "جزئیات برای مدیر شما: {detail}",
      "embed.refused.missing-token.title": "توکن راه‌اندازی وجود ندارد",
      "embed.refused.missing-token.body":
        "این صفحه فقط از میز کمک و با توکن امضاشده باز می‌شود. درخواست را در میز کمک خود باز کنید.",
      "embed.refused.unknown-integration.title": "میز کمک ناشناخته",
      "embed.refused.unknown-integration.body":
        "راه‌اندازی به میز کمکی اشاره می‌کند که Stepwise آن را نمی‌شناسد. از مدیر Stepwise بخواهید اتصال را بررسی کند.",
      "embed.refused.disabled-integration.title": "این میز کمک غیرفعال است",
      "embed.refused.disabled-integration.body":
        "یک مدیر این اتصال را در Stepwise غیرفعال کرده است. از او بخواهید دوباره فعالش کند.",
      "embed.refused.bad-token.title": "توکن راه‌اندازی معتبر نیست",
      "embed.refused.bad-token.body":
        "میز کمک توکنی فرستاد که Stepwise نمی‌پذیرد. درخواست را دوباره بارگذاری کنید؛ اگر تکرار شد، به مدیر خبر دهید.",
      "embed.refused.bad-signature.title": "امضا مطابقت ندارد",
      "embed.refused.bad-signature.body":
        "توکن با رمز فعلی این اتصال امضا نشده است. مدیر شما باید تنظیمات میز کمک را بررسی کند.",
      "embed.refused.expired.title": "مهلت راه‌اندازی گذشته است",
      "embed.refused.expired.body": "پیوندهای راه‌اندازی چند دقیقه اعتبار دارند. درخواست را دوباره بارگذاری کنید.",
      "embed.refused.wrong-audience.title": "این راه‌اندازی برای Stepwise نیست",
      "embed.refused.wrong-audience.body":
        "گیرندهٔ توکن «stepwise» نیست. مدیر شما " + "باید امضاکنندهٔ میز کمک را اصلاح کند.",
      "embed.refused.replayed.title": "این راه‌اندازی قبلاً استفاده شده است",
      "embed.refused.replayed.body":
        "هر راه‌اندازی راهنما را یک بار باز می‌کند تا پیوند کپی‌شده کسی را وارد نکند. درخواست را دوباره بارگذاری کنید.",
      "embed.refused.unknown-agent.title": "حسابی در Stepwise ندارید",
      "embed.refused.unknown-agent.body":
        "نشانی ایمیل شما در میز کمک حسابی در Stepwise ندارد. از مدیر Stepwise بخواهید شما را اضافه کند.",
      "embed.refused.inactive-agent.title": "حساب Stepwise شما غیرفعال است",
      "embed.refused.inactive-agent.body": "از مدیر Stepwise بخواهید حساب شما را دوباره فعال کند.",
      "embed.refused.agent-not-allowed.title": "نقش شما اجازهٔ اجرای روال ندارد",
      "embed.refused.agent-not-allowed.body": "از مدیر نقشی بخواهید که به تماس‌ها پاسخ می‌دهد.",
      "embed.refused.sop-unavailable.title": "این روال قابل اجرا نیست",
      "embed.refused.sop-unavailable.body":
        "روالی که درخواست می‌خواهد منتشر نشده یا برای شما در دسترس " +
        "نیست. روال دیگری انتخاب کنید یا از سرپرست تیم بپرسید.",
    },
  },
);
