import { defineCatalog } from "./define";

/** The API reference page (Admin → Integrations → API reference). The operations' own texts stay English. */
export default defineCatalog(
  {
    "apiref.title": "API reference",
    "apiref.intro":
      "The REST API for help desks, CRMs and provisioning scripts. Everything here " +
      "is generated from the same schemas the server checks requests against.",
    "apiref.download": "OpenAPI 3.1 document (JSON)",
    "apiref.back": "Integrations",
    "apiref.contents": "Contents",
    "apiref.start.title": "Getting started",
    "apiref.start.auth":
      "Create an integration and a token in Integrations, then send it with every " +
      "request as an Authorization header. Each token only has the scopes you gave it.",
    "apiref.start.errors":
      "Errors are problem details (application/problem+json): status, " +
      "title, a detail for a person and the field that was wrong.",
    "apiref.start.paging":
      "Lists take limit (1–100, 25 by default) and offset, and answer with items, total, limit and offset.",
    "apiref.start.limit":
      "Each token may make {count, plural, one {# request} other {# " +
      "requests}} a minute; past that the answer is 429 with Retry-After.",
    "apiref.scopes": "Scopes",
    "apiref.scope": "Scope",
    "apiref.auth.token": "Token or session",
    "apiref.auth.session": "Session only",
    "apiref.auth.public": "Public",
    "apiref.params": "Parameters",
    "apiref.body": "Request body",
    "apiref.responses": "Responses",
    "apiref.example": "Example",
    "apiref.col.name": "Name",
    "apiref.col.in": "In",
    "apiref.col.type": "Type",
    "apiref.col.required": "Required",
    "apiref.col.description": "Description",
    "apiref.col.status": "Status",
    "apiref.yes": "Yes",
    "apiref.no": "No",
    "apiref.operations": "{count, plural, one {# endpoint} other {# endpoints}}",
  },
  {
    el: {
      "apiref.title": "Τεκμηρίωση API",
      "apiref.intro":
        "Το REST API για συστήματα εξυπηρέτησης, CRM και σενάρια δημιουργίας λογαριασμών. Όλα " +
        "εδώ παράγονται από τα ίδια σχήματα με τα οποία ο διακομιστής ελέγχει τα αιτήματα.",
      "apiref.download": "Έγγραφο OpenAPI 3.1 (JSON)",
      "apiref.back": "Ενσωματώσεις",
      "apiref.contents": "Περιεχόμενα",
      "apiref.start.title": "Πρώτα βήματα",
      "apiref.start.auth":
        "Δημιουργήστε μια ενσωμάτωση και ένα διακριτικό στις Ενσωματώσεις και στείλτε το σε κάθε " +
        "αίτημα ως κεφαλίδα Authorization. Κάθε διακριτικό έχει μόνο τα δικαιώματα που του δώσατε.",
      "apiref.start.errors":
        "Τα σφάλματα είναι problem details (application/problem+json): " +
        "κατάσταση, τίτλος, εξήγηση για άνθρωπο και το πεδίο που ήταν λάθος.",
      "apiref.start.paging":
        "Οι λίστες δέχονται limit (1–100, προεπιλογή 25) και offset και απαντούν με items, total, limit και offset.",
      "apiref.start.limit":
        "Κάθε διακριτικό μπορεί να κάνει {count, plural, one {# αίτημα} other {# " +
        "αιτήματα}} το λεπτό· πέρα από αυτό η απάντηση είναι 429 με Retry-After.",
      "apiref.scopes": "Δικαιώματα",
      "apiref.scope": "Δικαίωμα",
      "apiref.auth.token": "Διακριτικό ή σύνδεση",
      "apiref.auth.session": "Μόνο με σύνδεση",
      "apiref.auth.public": "Δημόσιο",
      "apiref.params": "Παράμετροι",
      "apiref.body": "Σώμα αιτήματος",
      "apiref.responses": "Απαντήσεις",
      "apiref.example": "Παράδειγμα",
      "apiref.col.name": "Όνομα",
      "apiref.col.in": "Θέση",
      "apiref.col.type": "Τύπος",
      "apiref.col.required": "Υποχρεωτικό",
      "apiref.col.description": "Περιγραφή",
      "apiref.col.status": "Κατάσταση",
      "apiref.yes": "Ναι",
      "apiref.no": "Όχι",
      "apiref.operations": "{count, plural, one {# σημείο} other {# σημεία}}",
    },
    it: {
      "apiref.title": "Riferimento API",
      "apiref.intro":
        "L'API REST per help desk, CRM e script di provisioning. Tutto qui è " +
        "generato dagli stessi schemi con cui il server verifica le richieste.",
      "apiref.download": "Documento OpenAPI 3.1 (JSON)",
      "apiref.back": "Integrazioni",
      "apiref.contents": "Indice",
      "apiref.start.title": "Per iniziare",
      "apiref.start.auth":
        "Crea un'integrazione e un token in Integrazioni, poi invialo con ogni richiesta " +
        "nell'intestazione Authorization. Ogni token ha solo gli ambiti che gli hai dato.",
      "apiref.start.errors":
        "Gli errori sono problem details (application/problem+json): " +
        "stato, titolo, una spiegazione per le persone e il campo errato.",
      "apiref.start.paging":
        "Gli elenchi accettano limit (1–100, 25 di default) e offset e rispondono con items, total, limit e offset.",
      "apiref.start.limit":
        "Ogni token può fare {count, plural, one {# richiesta} other {# " +
        "richieste}} al minuto; oltre, la risposta è 429 con Retry-After.",
      "apiref.scopes": "Ambiti",
      "apiref.scope": "Ambito",
      "apiref.auth.token": "Token o sessione",
      "apiref.auth.session": "Solo sessione",
      "apiref.auth.public": "Pubblico",
      "apiref.params": "Parametri",
      "apiref.body": "Corpo della richiesta",
      "apiref.responses": "Risposte",
      "apiref.example": "Esempio",
      "apiref.col.name": "Nome",
      "apiref.col.in": "Posizione",
      "apiref.col.type": "Tipo",
      "apiref.col.required": "Obbligatorio",
      "apiref.col.description": "Descrizione",
      "apiref.col.status": "Stato",
      "apiref.yes": "Sì",
      "apiref.no": "No",
      "apiref.operations": "{count, plural, one {# endpoint} other {# endpoint}}",
    },
    lt: {
      "apiref.title": "API žinynas",
      "apiref.intro":
        "REST API pagalbos tarnyboms, CRM ir paskyrų kūrimo scenarijams. Viskas " +
        "čia sugeneruota iš tų pačių schemų, kuriomis serveris tikrina užklausas.",
      "apiref.download": "OpenAPI 3.1 dokumentas (JSON)",
      "apiref.back": "Integracijos",
      "apiref.contents": "Turinys",
      "apiref.start.title": "Pradžia",
      "apiref.start.auth":
        "Sukurkite integraciją ir prieigos raktą skiltyje „Integracijos“ ir siųskite jį su kiekviena " +
        "užklausa Authorization antraštėje. Raktas turi tik tas teises, kurias jam suteikėte.",
      "apiref.start.errors":
        "Klaidos grąžinamos kaip problem details (application/problem+json): " +
        "būsena, pavadinimas, paaiškinimas žmogui ir klaidingas laukas.",
      "apiref.start.paging":
        "Sąrašai priima limit (1–100, numatyta 25) ir offset, o atsakyme yra items, total, limit ir offset.",
      "apiref.start.limit":
        "Kiekvienas raktas gali atlikti {count, plural, one {# užklausą} few {# užklausas} many {# " +
        "užklausos} other {# užklausų}} per minutę; viršijus atsakymas yra 429 su Retry-After.",
      "apiref.scopes": "Teisės",
      "apiref.scope": "Teisė",
      "apiref.auth.token": "Raktas arba sesija",
      "apiref.auth.session": "Tik sesija",
      "apiref.auth.public": "Viešas",
      "apiref.params": "Parametrai",
      "apiref.body": "Užklausos turinys",
      "apiref.responses": "Atsakymai",
      "apiref.example": "Pavyzdys",
      "apiref.col.name": "Pavadinimas",
      "apiref.col.in": "Vieta",
      "apiref.col.type": "Tipas",
      "apiref.col.required": "Privalomas",
      "apiref.col.description": "Aprašymas",
      "apiref.col.status": "Būsena",
      "apiref.yes": "Taip",
      "apiref.no": "Ne",
      "apiref.operations":
        "{count, plural, one {# galinis taškas} few {# galiniai " +
        "taškai} many {# galinio taško} other {# galinių taškų}}",
    },
    fa: {
      "apiref.title": "مرجع API",
      "apiref.intro":
        "REST API برای میزهای پشتیبانی، CRMها و اسکریپت‌های ساخت حساب. همه‌چیز در این " +
        "صفحه از همان طرح‌هایی ساخته می‌شود که سرور درخواست‌ها را با آن‌ها بررسی می‌کند.",
      "apiref.download": "سند OpenAPI 3.1 (JSON)",
      "apiref.back": "یکپارچه‌سازی‌ها",
      "apiref.contents": "فهرست",
      "apiref.start.title": "شروع کار",
      "apiref.start.auth":
        "در «یکپارچه‌سازی‌ها» یک یکپارچه‌سازی و یک توکن بسازید و آن را با هر درخواست در " +
        "سرآیند Authorization بفرستید. هر توکن فقط دسترسی‌هایی را دارد که به آن داده‌اید.",
      "apiref.start.errors":
        "خطاها به شکل problem details (application/problem+json) برمی‌گردند: " +
        "وضعیت، عنوان، توضیحی برای انسان و فیلدی که نادرست بود.",
      "apiref.start.paging":
        "فهرست‌ها limit (۱ تا ۱۰۰، پیش‌فرض ۲۵) و offset می‌پذیرند و با items، total، limit و offset پاسخ می‌دهند.",
      "apiref.start.limit":
        "هر توکن می‌تواند در دقیقه {count, plural, one {# درخواست} other {# " +
        "درخواست}} بفرستد؛ بیش از آن پاسخ 429 همراه با Retry-After است.",
      "apiref.scopes": "دسترسی‌ها",
      "apiref.scope": "دسترسی",
      "apiref.auth.token": "توکن یا نشست",
      "apiref.auth.session": "فقط نشست",
      "apiref.auth.public": "عمومی",
      "apiref.params": "پارامترها",
      "apiref.body": "بدنهٔ درخواست",
      "apiref.responses": "پاسخ‌ها",
      "apiref.example": "نمونه",
      "apiref.col.name": "نام",
      "apiref.col.in": "محل",
      "apiref.col.type": "نوع",
      "apiref.col.required": "الزامی",
      "apiref.col.description": "توضیح",
      "apiref.col.status": "وضعیت",
      "apiref.yes": "بله",
      "apiref.no": "خیر",
      "apiref.operations": "{count, plural, one {# نقطهٔ پایانی} other {# نقطهٔ پایانی}}",
    },
  },
);
