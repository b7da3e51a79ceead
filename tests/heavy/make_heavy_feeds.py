#!/usr/bin/env python3
"""Writes the heaviest feeds that Placard's limits allow, for the tests and
benchmarks that check a valid feed never blanks the screen.

    make_heavy_feeds.py OUT_DIR

prose-60.json       60 statements of 4,000 characters of ordinary prose
no-stops-5.json     5 statements of 4,000 characters without a full stop
long-fields.json    speaker, role and organisation as long as the limits allow
max-items.json      2,000 items, close to the 4 MiB body limit
max-statements.json 2,000 statements of about 1,850 characters, just under the
                    4 MiB body limit (max-statements-b.json: as large, other text)
translated.json     200 statements of 4,000 characters, each with four translations
                    as long, close to 4 MiB: the most text a feed can hold
small.json          3 short statements: the feed a kiosk switches away from

Deterministic: the same files every run, so figures compare between runs.
"""
import json
import sys
from pathlib import Path

WORDS = ("defenders reprisals council mechanisms civil society States visit mandate protection "
         "intimidation cooperation access rights urgent report Geneva accountability witnesses "
         "travel bans detention harassment families lawyers journalists").split()

# Field limits in feeds/FORMAT.md; a feed built to them must validate.
MAX_TEXT = 4000
MAX_NAME = 200
MAX_ROLE = 300


def prose(seed, length, stops=True):
    out, i, size = [], 0, 0
    while size < length + 20:
        word = WORDS[(seed * 31 + i * 17) % len(WORDS)]
        i += 1
        if stops and i % 14 == 0:
            word += "."
        out.append(word)
        size += len(word) + 1
    text = " ".join(out)[:length].rstrip()
    return text


def feed(title, items, sequence=1):
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "language": "en",
        "_placard": {"sequence": sequence, "generated_at": "2026-03-02T09:00:00Z", "refresh_seconds": 60,
                     "event": {"name": title, "hashtag": "#Heavy"}},
        "items": items,
    }


def statement(i, text, **extra):
    item = {"id": f"s{i}", "content_text": text, "authors": [{"name": f"Speaker {i}"}],
            "date_published": "2026-03-02T09:00:00Z",
            "_placard": {"role": "Director", "organisation": "International Service for Human Rights"}}
    item.update(extra)
    return item


def prose_60():
    return feed("Sixty long statements", [statement(i, prose(i, MAX_TEXT)) for i in range(60)])


def no_stops_5():
    return feed("Five statements without a full stop",
                [statement(i, prose(i, MAX_TEXT, stops=False)) for i in range(5)])


def long_fields():
    items = []
    for i in range(40):
        item = statement(i, prose(i, 600))
        item["authors"] = [{"name": ("Name" + str(i) + " ") * (MAX_NAME // 6)}]
        item["authors"][0]["name"] = item["authors"][0]["name"][:MAX_NAME]
        item["_placard"]["role"] = ("Role " * MAX_ROLE)[:MAX_ROLE]
        item["_placard"]["organisation"] = ("Organisation" * MAX_ROLE)[:MAX_ROLE]
        items.append(item)
    return feed("Long speaker fields", items)


def max_items():
    items = []
    for i in range(2000):
        kind = i % 4
        if kind == 3:
            items.append({"id": f"t{i}", "title": "States that have never accepted a visit " + str(i),
                          "content_text": prose(i, 300),
                          "_placard": {"kind": "tally", "value": i % 200, "approximate": True,
                                       "as_of": "2026-03-01", "source": "UN Special Procedures",
                                       "breakdown": [{"label": "Africa", "value": 12}, {"label": "Asia", "value": 9},
                                                     {"label": "Americas", "value": 5}]}})
        else:
            text = prose(i, 1500 + (i * 37) % 400)
            items.append(statement(i, text, _placard={
                "role": "Director", "organisation": "ISHR",
                "translations": [{"language": "fr", "content_text": text[:200]}]}))
    return feed("Two thousand items", items)


def encoded(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def max_statements(variant=0, items=2000, limit=4 * 1024 * 1024 - 4096):
    """As many characters in each of 2,000 statements as keep the feed under the limit."""
    def make(length):
        return feed("Two thousand statements", [statement(i, prose(i + 7 * variant, length - (i * 13) % 40))
                                                for i in range(items)], sequence=1 + variant)
    low, high = 100, MAX_TEXT
    while low < high:  # the longest statements that fit
        mid = (low + high + 1) // 2
        if len(encoded(make(mid))) <= limit:
            low = mid
        else:
            high = mid - 1
    return make(low)


def translated():
    items = []
    for i in range(200):
        item = statement(i, prose(i, MAX_TEXT))
        item["_placard"]["translations"] = [{"language": lang, "content_text": prose(i + k, MAX_TEXT)}
                                            for k, lang in enumerate(("fr", "es", "ru", "ar"), start=1)]
        items.append(item)
    return feed("Long statements in five languages", items)


def small():
    return feed("Small feed", [statement(i, prose(i, 120)) for i in range(3)])


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, make in (("prose-60", prose_60), ("no-stops-5", no_stops_5), ("long-fields", long_fields),
                       ("max-items", max_items), ("max-statements", max_statements),
                       ("max-statements-b", lambda: max_statements(variant=1)), ("translated", translated),
                       ("small", small)):
        data = encoded(make())
        assert len(data) <= 4 * 1024 * 1024, (name, len(data))
        (out / f"{name}.json").write_bytes(data)
        print(f"{name}.json {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
