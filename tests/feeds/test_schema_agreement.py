"""The JSON Schema editors use (feeds/placard.schema.json) and the validator the
screens use (placard-feed validate) agree on which feeds are valid.

Both must accept every feed in feeds/, feeds/examples/, tests/feeds/valid/ and
the examples in feeds/FORMAT.md, and both must refuse every feed in
tests/feeds/invalid/ (each breaks one rule and is named for it), except the
rules in VALIDATOR_ONLY, which a JSON Schema cannot express: for those the
schema must accept the feed, so that the list stays true.

The feeds in tests/feeds/tolerated/ break a rule of the format as blog
software does (a mailto: author, a date without seconds, a text too long):
the schema, which says what to write, refuses them; the validator, like a
feed reader, accepts them with a warning at the place, except those in
SCHEMA_CANNOT_TELL, which both accept.
"""
import json
import os
import re
import subprocess
import tempfile
import unittest
from pathlib import Path

try:
    import jsonschema
except ImportError:  # a failure, not a skip: platform/build/setup.sh installs it
    jsonschema = None

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCHEMA = ROOT / "feeds" / "placard.schema.json"
FEED_BIN = os.environ.get("PLACARD_FEED_BIN", str(ROOT / "build" / "kiosk" / "placard-feed"))

# Invalid feeds that only the validator refuses, and why a schema cannot.
VALIDATOR_ONLY = {
    "expires-before-starts": "a schema cannot compare two dates",
    "expires-equals-starts": "a schema cannot compare two dates, here in different time zones",
    "nesting-too-deep": "a schema has no limit on nesting depth",
    "text-direction-override": "forbidding a character in every text field of the schema would need a pattern on each",
    "tally-value-not-held-exactly": "a schema sees the number after a JSON parser has read it, already rounded",
    # JSON Schema sees the document after a JSON parser has kept one of the
    # two members; the validator reads the text and refuses the second.
    "duplicate-member-content-text": "a schema sees only the parsed document, where one of the two members is gone",
    "duplicate-member-placard-priority": "a schema sees only the parsed document, where one of the two members is gone",
}

# Tolerated feeds that the schema accepts too, and why it cannot tell.
SCHEMA_CANNOT_TELL = {
    "duplicate-id": "a schema cannot compare one item's id with another's",
    "date-impossible": "a pattern cannot know that 30 February does not exist",
    "item-html-text-too-long": "the 4,000-character limit applies to the text left after HTML is reduced",
}

# Invalid feeds too large to keep as files, made by generated_feeds().
GENERATED_VALIDATOR_ONLY = {
    "body-over-4-mib": "a schema cannot measure the file",
    "string-over-64-kib-in-extension": "the schema does not describe other programs' extension keys",
}


def base_feed(items):
    return {"version": "https://jsonfeed.org/version/1.1", "title": "Generated test feed", "items": items}


def generated_feeds():
    """name -> (feed, pointer of the expected error, refused by the schema too)."""
    many = [{"id": str(i), "title": "x"} for i in range(2001)]
    long_summary = [{"id": "s1", "content_text": "x", "summary": "y" * 65537}]
    big_items = [{"id": str(i), "content_text": "z" * 2100} for i in range(2000)]
    extension = base_feed([{"id": "s1", "content_text": "x"}])
    extension["_other_reader"] = "w" * 65537
    return {
        "items-over-2000": (base_feed(many), "/items", True),
        "string-over-64-kib": (base_feed(long_summary), "/items/0/summary", True),
        "body-over-4-mib": (base_feed(big_items), "", False),
        "string-over-64-kib-in-extension": (extension, "/_other_reader", False),
    }


def feed_files(folder):
    return sorted(p for p in folder.glob("*.json") if p != SCHEMA)


def validate(path):
    """placard-feed validate --json on one file: (exit code, that file's report).

    --no-clock: the examples are of an event in 2013, and the format's rules,
    not today's date, are what both must agree on."""
    r = subprocess.run([FEED_BIN, "validate", "--json", "--no-clock", str(path)], capture_output=True, timeout=60)
    report = json.loads(r.stdout.decode("utf-8"))
    assert len(report) == 1, report
    return r.returncode, report[0]


class SchemaAgreementTest(unittest.TestCase):
    def setUp(self):
        if jsonschema is None:
            self.fail("the Python module jsonschema is missing: install Debian's python3-jsonschema "
                      "(platform/build/setup.sh does), then configure again")
        self.schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        self.validator = jsonschema.Draft202012Validator(self.schema)

    def schema_errors(self, path):
        try:
            # RFC 8259 lets a parser ignore a byte order mark; the validator warns about it.
            doc = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as e:
            return ["not JSON: %s" % e]
        return [e.message for e in self.validator.iter_errors(doc)]

    def assert_accepted_by_both(self, path, warnings_expected):
        code, report = validate(path)
        self.assertEqual(code, 0, report["errors"])
        self.assertTrue(report["valid"])
        self.assertEqual(bool(report["warnings"]), warnings_expected, report["warnings"])
        self.assertEqual(self.schema_errors(path), [])

    def test_schema_is_a_valid_2020_12_schema(self):
        self.assertEqual(self.schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
        jsonschema.Draft202012Validator.check_schema(self.schema)

    def test_every_property_has_a_description(self):
        # Conditions and alternatives restate properties described elsewhere.
        restating = {"if", "then", "else", "anyOf"}

        def walk(node, where):
            if isinstance(node, dict):
                for key, sub in node.get("properties", {}).items():
                    self.assertIn("description", sub, "%s/properties/%s" % (where, key))
                for key, sub in node.items():
                    if key not in restating:
                        walk(sub, "%s/%s" % (where, key))
            elif isinstance(node, list):
                for i, sub in enumerate(node):
                    walk(sub, "%s/%d" % (where, i))
        walk(self.schema, "")

    def test_examples_pass_both_with_no_warnings(self):
        examples = feed_files(ROOT / "feeds") + feed_files(ROOT / "feeds" / "examples")
        names = {p.name for p in examples}
        for required in ("demo.json", "tallies.json", "multilingual.json", "urgent.json", "scheduled.json"):
            self.assertIn(required, names)
        for path in examples:
            with self.subTest(feed=str(path.relative_to(ROOT))):
                self.assert_accepted_by_both(path, warnings_expected=False)

    def test_format_md_snippets_pass_both_with_no_warnings(self):
        # The reference's own examples: the whole feed as it is, the items in a feed of their own.
        text = (ROOT / "feeds" / "FORMAT.md").read_text(encoding="utf-8")
        snippets = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.S)]
        feeds = [s for s in snippets if "version" in s]
        items = [s for s in snippets if "version" not in s]
        self.assertEqual(len(feeds), 1)
        self.assertGreaterEqual(len(items), 6)
        feeds.append({"version": "https://jsonfeed.org/version/1.1", "title": "FORMAT.md items", "items": items})
        with tempfile.TemporaryDirectory() as tmp:
            for i, doc in enumerate(feeds):
                path = Path(tmp) / ("snippet-%d.json" % i)
                path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
                with self.subTest(snippet=i):
                    self.assert_accepted_by_both(path, warnings_expected=False)

    def test_valid_feeds_pass_both(self):
        files = feed_files(HERE / "valid")
        self.assertGreater(len(files), 10)
        for path in files:
            with self.subTest(feed=path.name):
                self.assert_accepted_by_both(path, warnings_expected=path.name.startswith("warning-"))

    def test_invalid_feeds_are_refused_by_both(self):
        files = feed_files(HERE / "invalid")
        self.assertGreater(len(files), 50)
        for path in files:
            with self.subTest(feed=path.name):
                code, report = validate(path)
                self.assertEqual(code, 1, report)
                self.assertFalse(report["valid"])
                try:
                    expected = json.loads(path.read_bytes()).get("_expect_error_at", "")
                except (UnicodeDecodeError, ValueError):
                    expected = ""  # not JSON at all: the error is about the whole document
                pointers = [e["pointer"] for e in report["errors"]]
                self.assertIn(expected, pointers)
                for e in report["errors"]:
                    self.assertTrue(e["pointer"] == "" or e["pointer"].startswith("/"), e)
                    self.assertTrue(e["message"], e)
                if path.stem in VALIDATOR_ONLY:
                    self.assertEqual(self.schema_errors(path), [],
                                     "the schema now refuses %s: remove it from VALIDATOR_ONLY" % path.name)
                else:
                    self.assertNotEqual(self.schema_errors(path), [], "the schema accepts %s" % path.name)

    def test_tolerated_feeds_warn_and_the_schema_refuses(self):
        files = feed_files(HERE / "tolerated")
        self.assertGreater(len(files), 15)
        for path in files:
            with self.subTest(feed=path.name):
                code, report = validate(path)
                self.assertEqual(code, 0, report)
                self.assertTrue(report["valid"])
                expected = json.loads(path.read_bytes())["_expect_warning_at"]
                self.assertIn(expected, [w["pointer"] for w in report["warnings"]])
                if path.stem in SCHEMA_CANNOT_TELL:
                    self.assertEqual(self.schema_errors(path), [],
                                     "the schema now refuses %s: remove it from SCHEMA_CANNOT_TELL" % path.name)
                else:
                    self.assertNotEqual(self.schema_errors(path), [], "the schema accepts %s" % path.name)

    def test_every_validator_only_rule_has_its_feed(self):
        for name in VALIDATOR_ONLY:
            self.assertTrue((HERE / "invalid" / (name + ".json")).is_file(), name)
        for name in SCHEMA_CANNOT_TELL:
            self.assertTrue((HERE / "tolerated" / (name + ".json")).is_file(), name)

    def test_generated_limits(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name, (doc, pointer, schema_refuses) in generated_feeds().items():
                with self.subTest(feed=name):
                    self.assertEqual(schema_refuses, name not in GENERATED_VALIDATOR_ONLY)
                    path = Path(tmp) / (name + ".json")
                    path.write_text(json.dumps(doc), encoding="utf-8")
                    code, report = validate(path)
                    self.assertEqual(code, 1, report)
                    self.assertIn(pointer, [e["pointer"] for e in report["errors"]])
                    self.assertEqual(self.schema_errors(path) != [], schema_refuses)


if __name__ == "__main__":
    unittest.main()
