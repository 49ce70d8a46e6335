#!/usr/bin/python3
"""Issue 17 items 9 and 10 and the export of undated events, each a check that failed before
the fix.

  /usr/bin/python3 tests/cli/test_corpus_findings.py <path-to-newsgraph>

 9 analysis of the bundled corpus and of sentences built on the same rules:
   - a place word inside a multiword capitalised name of a body is no place ("European Farmers'
     Alliance" is not Alliance, Ohio; "the Kenya Wildlife Service" is not Kenya);
   - name particles (van, de, von, bin, al ...) stay inside a person's name ("Pieter Van Damme");
   - the Brussels protest event has Brussels as its place ("into the centre of Brussels");
   - a day-month without a year resolves to the nearest date the tense allows: forward after
     future cues ("will", "is due to", a scheduled "vote"), back in the past tense.
10 ad labels and other furniture lines in languages other than English are dropped by extract
   (the Arabic corpus page's three "إعلان"; a page with labels in ten languages).
 export: an undated event is exported with date null (jsonl), empty (csv) and empty SQLDATE (gdelt),
   as `code` writes it — never 0.
Exit 0 pass, 1 fail, 77 skip (no binary).
"""
import csv
import io
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_everyday import CORPUS, check, problems, run  # noqa: E402  (same folder: one harness)


def analyze(ng, *args):
    rc, out, err = run(ng, "analyze", *args, "--format", "jsonl")
    docs = [json.loads(l) for l in out.splitlines() if l.strip()]
    check(rc == 0 and len(docs) == 1, f"analyze {args[:2]}: rc {rc}, one document ({err.strip()[:200]})")
    return docs[0] if docs else {"entities": [], "places": [], "dates": []}


def resolved(doc, text):
    return [d.get("resolved") for d in doc["dates"] if text in d["text"]]


def item9_names(ng):
    doc = analyze(ng, os.path.join(CORPUS, "01_wp-generatepress-protest.html"))
    ents = doc["entities"]
    places = {p["name"] for p in doc["places"]}
    check("Alliance" not in places and not any(e["text"] == "Alliance" and e["kind"] == "location" for e in ents),
          f"9: 'European Farmers' Alliance' is no place (places: {sorted(places)})")
    orgs = [e["text"] for e in ents if e["kind"] == "organization"]
    check(any("Farmers" in o and "Alliance" in o for o in orgs), f"9: the Alliance is an organisation: {orgs}")
    persons = {e["name"] for e in ents if e["kind"] == "person"}
    check("Pieter Van Damme" in persons and "Pieter Van" not in persons, f"9: 'Pieter Van Damme' whole: {persons}")
    check("Brussels" in places, "9: Brussels is still a place of the page")

    # The same rules on other names (positive and negative controls).
    doc = analyze(ng, "--text", "Officials of the Kenya Wildlife Service met in Nairobi. Ludwig von Mises wrote "
                  "books, said Maria de la Cruz. Troops left Kenya on Monday.", "--date", "2024-04-18")
    locs = [e["text"] for e in doc["entities"] if e["kind"] == "location"]
    check(locs.count("Kenya") == 1 and "Nairobi" in locs, f"9: Kenya inside 'Kenya Wildlife Service' is no place, "
          f"Kenya alone and Nairobi are: {locs}")
    persons = {e["name"] for e in doc["entities"] if e["kind"] == "person"}
    check({"Ludwig von Mises", "Maria de la Cruz"} <= persons, f"9: particles inside names: {persons}")


def item9_event_place(ng):
    rc, out, err = run(ng, "code", os.path.join(CORPUS, "01_wp-generatepress-protest.html"))
    ev = [json.loads(l) for l in out.splitlines() if l.strip()]
    protest = [e for e in ev if e["plover"] == "PROTEST" and e["source"] and e["source"]["text"] == "farmers"
               and e["sentence"] == 1]
    check(rc == 0 and protest, f"9: the farmers' protest in Brussels is coded (rc {rc}, {len(ev)} events)")
    check(all((e["place"] or {}).get("name", "").startswith("Brussels") for e in protest) and protest,
          f"9: the protest's place is Brussels: {[e['place'] for e in protest]}")
    check(not any(e["source"] and e["source"]["text"] == "Brussels" for e in ev),
          "9: Brussels after 'into the centre of' is where, not who (no BELGOV source)")


def item9_dates(ng):
    doc = analyze(ng, os.path.join(CORPUS, "13_wp-astra-venezuela-sanctions-explainer.html"))
    check(doc.get("publication_date") == "2024-04-18", f"9: page 13 is dated 2024-04-18 ({doc.get('publication_date')})")
    check(resolved(doc, "28 July") == ["2024-07-28"], f"9: 'the 28 July vote' is the coming one: {resolved(doc, '28 July')}")
    check(resolved(doc, "31 May") == ["2024-05-31"], f"9: 'must be wound down by 31 May' is ahead: {resolved(doc, '31 May')}")
    check(resolved(doc, "January") == ["2024-01"], f"9: 'reimposed in January' stays behind: {resolved(doc, 'January')}")
    cases = [
        ("The vote is due to take place on 28 July.", "2024-07-28"),
        ("Parliament will vote on 3 June.", "2024-06-03"),
        ("The summit is scheduled for 12 September.", "2024-09-12"),
        ("Talks are expected to resume on 5 May.", "2024-05-05"),
        ("The army said it had attacked the town on 28 July.", "2023-07-28"),
        ("The ministry said the talks ended on 2 April.", "2024-04-02"),
        ("Rebels attacked the town on 20 December.", "2023-12-20"),
        ("The next vote is on 4 March.", "2025-03-04"),
    ]
    for text, want in cases:
        got = resolved(analyze(ng, "--text", text, "--date", "2024-04-18"), " ")
        check(got == [want], f"9: {text!r} (published 2024-04-18) -> {want}: {got}")


def item10(ng, tmp):
    rc, out, _ = run(ng, "extract", os.path.join(CORPUS, "03_wp-jannah-arabic-sudan-talks.html"))
    lines = [l.strip() for l in out.splitlines()]
    check(rc == 0 and "إعلان" not in lines, f"10: no line is the Arabic ad label alone ({lines.count('إعلان')} left)")
    check(any("إعلان" in l and len(l) > 40 for l in lines), "10: the sentence that uses the word stays")

    labels = ["Publicidad", "Anuncio", "Publicité", "Anzeige", "Werbung", "РЕКЛАМА", "广告", "Advertentie",
              "Pubblicità", "Reklam", "- Reklama -", "إعلان", "Leia também", "Kommentare", "Поделиться",
              "相关新闻", "PARTAGER"]
    prose = ("<p>The negotiators met for a third day in the capital and agreed on a text that both delegations "
             "will take home for approval by their governments before the end of the month.</p>")
    body = "".join(prose.replace("third", f"third ({i})") + f"<div class='x{i}'><span>{l}</span></div>"
                   for i, l in enumerate(labels))
    page = os.path.join(tmp, "labels.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(f"<html><head><title>Talks</title></head><body><article><h1>Talks</h1>{body}</article></body></html>")
    rc, out, _ = run(ng, "extract", page)
    lines = {l.strip() for l in out.splitlines()}
    kept = [l for l in labels if l in lines]
    check(rc == 0 and out.count("The negotiators met") == len(labels), f"10: the prose is kept (rc {rc})")
    check(not kept, f"10: labels in ten languages are dropped (kept: {kept})")


def export_undated(ng, tmp):
    page = os.path.join(tmp, "undated.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write("<html><head><title>Clash near Basra</title></head><body><article><h1>Clash near Basra</h1>"
                "<p>Iranian troops attacked Iraqi soldiers near Basra, the Iraqi defence ministry said in a "
                "statement that gave no figure for the dead and wounded on either side of the border.</p>"
                "<p>The Iraqi government condemned the attack and summoned the Iranian ambassador to explain "
                "the raid, which it called a violation of the country's sovereignty.</p></article></body></html>")
    db = os.path.join(tmp, "undated.db")
    rc, _, err = run(ng, "ingest", page, "--db", db, "--quiet")
    check(rc == 0, f"export: the undated page ingests (rc {rc}: {err.strip()[-200:]})")
    rc, out, _ = run(ng, "export", "--db", db, "--format", "jsonl")
    rows = [json.loads(l) for l in out.splitlines() if l.strip()]
    check(rc == 0 and rows, f"export: the page's events are exported ({len(rows)})")
    check(rows and all(r["date"] is None for r in rows), f"export jsonl: undated events have date null: "
          f"{sorted({repr(r['date']) for r in rows})}")
    rc, out, _ = run(ng, "export", "--db", db, "--format", "csv")
    recs = list(csv.DictReader(io.StringIO(out)))
    check(rc == 0 and recs and all(r["date"] == "" for r in recs), f"export csv: date empty: {sorted({r['date'] for r in recs})}")
    rc, out, _ = run(ng, "export", "--db", db, "--format", "gdelt-events")
    cols = [l.split("\t") for l in out.splitlines() if l.strip()]
    check(rc == 0 and cols and all(c[1] == "" and c[3] == "" for c in cols),
          f"export gdelt: SQLDATE and Year empty: {sorted({(c[1], c[3]) for c in cols})}")
    rc, out, _ = run(ng, "code", page)
    check(all(json.loads(l)["date"] is None for l in out.splitlines() if l.strip()) and out.strip(),
          "export: `code` writes the same events with date null")


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    ng = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="ng-findings-")
    item9_names(ng)
    item9_event_place(ng)
    item9_dates(ng)
    item10(ng, tmp)
    export_undated(ng, tmp)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
