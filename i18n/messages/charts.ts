import { defineCatalog } from "./define";

/** The chart components (app/components/charts/): chart/table switch, empty charts, summaries, legends, trends. */
export default defineCatalog(
  {
    "charts.view.group": "Show “{title}” as",
    "charts.view.chart": "Chart",
    "charts.view.table": "Table",
    "charts.view.fallback": "Show the figures as a table",
    "charts.empty": "No data in this period",
    "charts.legend": "Legend",
    "charts.target": "Target {value}",
    "charts.total": "Total",
    "charts.secondary": "{label}: {value}",
    "charts.summary.one": "{chart}, {from} – {to}: highest {max} on {at}",
    "charts.summary.stacked":
      "{chart}, {from} – {to}: highest total {max} on {at}; {count, plural, one {# series} other {# series}}: {names}",
    "charts.summary.lines":
      "{chart}, {from} – {to}: highest {max} ({name}) on {at}; " +
      "{count, plural, one {# series} other {# series}}: {names}",
    "charts.summary.empty": "{chart}: no data in this period",
    "charts.trend.moved":
      "{direction, select, up {Up} other {Down}}{verdict, select, better {, better} worse {, worse} other {}}: {text}",
    "charts.trend.better": "better",
    "charts.trend.worse": "worse",
  },
  {
    el: {
      "charts.view.group": "Προβολή «{title}» ως",
      "charts.view.chart": "Γράφημα",
      "charts.view.table": "Πίνακας",
      "charts.view.fallback": "Εμφάνιση των τιμών σε πίνακα",
      "charts.empty": "Δεν υπάρχουν δεδομένα σε αυτή την περίοδο",
      "charts.legend": "Υπόμνημα",
      "charts.target": "Στόχος {value}",
      "charts.total": "Σύνολο",
      "charts.secondary": "{label}: {value}",
      "charts.summary.one": "{chart}, {from} – {to}: υψηλότερη τιμή {max} στις {at}",
      "charts.summary.stacked":
        "{chart}, {from} – {to}: υψηλότερο σύνολο {max} στις {at}· " +
        "{count, plural, one {# σειρά} other {# σειρές}}: {names}",
      "charts.summary.lines":
        "{chart}, {from} – {to}: υψηλότερη τιμή {max} ({name}) στις " +
        "{at}· {count, plural, one {# σειρά} other {# σειρές}}: {names}",
      "charts.summary.empty": "{chart}: δεν υπάρχουν δεδομένα σε αυτή την περίοδο",
      "charts.trend.moved":
        "{direction, select, up {Άνοδος} other {Πτώση}}{verdict, select, " +
        "better {, βελτίωση} worse {, επιδείνωση} other {}}: {text}",
      "charts.trend.better": "καλύτερα",
      "charts.trend.worse": "χειρότερα",
    },
    it: {
      "charts.view.group": "Mostra «{title}» come",
      "charts.view.chart": "Grafico",
      "charts.view.table": "Tabella",
      "charts.view.fallback": "Mostra i valori in una tabella",
      "charts.empty": "Nessun dato in questo periodo",
      "charts.legend": "Legenda",
      "charts.target": "Obiettivo {value}",
      "charts.total": "Totale",
      "charts.secondary": "{label}: {value}",
      "charts.summary.one": "{chart}, {from} – {to}: massimo {max} il {at}",
      "charts.summary.stacked":
        "{chart}, {from} – {to}: totale massimo {max} il {at}; {count, plural, one {# serie} other {# serie}}: {names}",
      "charts.summary.lines":
        "{chart}, {from} – {to}: massimo {max} ({name}) il {at}; " +
        "{count, plural, one {# serie} other {# serie}}: {names}",
      "charts.summary.empty": "{chart}: nessun dato in questo periodo",
      "charts.trend.moved":
        "{direction, select, up {In aumento} other {In calo}}{verdict, " +
        "select, better {, meglio} worse {, peggio} other {}}: {text}",
      "charts.trend.better": "meglio",
      "charts.trend.worse": "peggio",
    },
    lt: {
      "charts.view.group": "Kaip rodyti „{title}“",
      "charts.view.chart": "Diagrama",
      "charts.view.table": "Lentelė",
      "charts.view.fallback": "Rodyti reikšmes lentele",
      "charts.empty": "Šiuo laikotarpiu duomenų nėra",
      "charts.legend": "Legenda",
      "charts.target": "Tikslas: {value}",
      "charts.total": "Iš viso",
      "charts.secondary": "{label}: {value}",
      "charts.summary.one": "{chart}, {from}–{to}: didžiausia reikšmė {max} ({at})",
      "charts.summary.stacked":
        "{chart}, {from}–{to}: didžiausia suma {max} ({at}); {count, " +
        "plural, one {# serija} few {# serijos} other {# serijų}}: {names}",
      "charts.summary.lines":
        "{chart}, {from}–{to}: didžiausia reikšmė {max} ({name}, {at}); {count, " +
        "plural, one {# serija} few {# serijos} other {# serijų}}: {names}",
      "charts.summary.empty": "{chart}: šiuo laikotarpiu duomenų nėra",
      "charts.trend.moved":
        "{direction, select, up {Padidėjo} other {Sumažėjo}}{verdict, " +
        "select, better {, geriau} worse {, blogiau} other {}}: {text}",
      "charts.trend.better": "geriau",
      "charts.trend.worse": "blogiau",
    },
    fa: {
      "charts.view.group": "نمایش «{title}» به‌صورت",
      "charts.view.chart": "نمودار",
      "charts.view.table": "جدول",
      "charts.view.fallback": "نمایش مقادیر به‌صورت جدول",
      "charts.empty": "در این دوره داده‌ای نیست",
      "charts.legend": "راهنما",
      "charts.target": "هدف: {value}",
      "charts.total": "مجموع",
      "charts.secondary": "{label}: {value}",
      "charts.summary.one": "{chart}، {from} تا {to}: بیشترین مقدار {max} در {at}",
      "charts.summary.stacked":
        "{chart}، {from} تا {to}: بیشترین مجموع {max} در {at}؛ {count, plural, one {# سری} other {# سری}}: {names}",
      "charts.summary.lines":
        "{chart}، {from} تا {to}: بیشترین مقدار {max} ({name}) در " +
        "{at}؛ {count, plural, one {# سری} other {# سری}}: {names}",
      "charts.summary.empty": "{chart}: در این دوره داده‌ای نیست",
      "charts.trend.moved":
        "{direction, select, up {افزایش} other {کاهش}}{verdict, " +
        "select, better {، بهتر} worse {، بدتر} other {}}: {text}",
      "charts.trend.better": "بهتر",
      "charts.trend.worse": "بدتر",
    },
  },
);
