"""placard-feed validate on every parsing case of JSONTestSuite: never a crash
or a hang, and every case refused (none of them is a feed), for the right reason:
n_ cases (JSON that must be refused) as not valid JSON or not valid UTF-8, y_
cases (JSON that must be accepted) as JSON that is not a feed.

The cases live outside the project, in ../shared/corpora/jsontestsuite/; where
that folder is absent the test says so and is reported as skipped.
"""
import os
import subprocess
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CASES = ROOT.parent / "shared" / "corpora" / "jsontestsuite" / "test_parsing"
FEED_BIN = os.environ.get("PLACARD_FEED_BIN", str(ROOT / "build" / "kiosk" / "placard-feed"))
PER_FILE_TIMEOUT_SECONDS = 20  # generous: a hang is what is caught, not slowness

PARSER_REFUSALS = ("not valid JSON", "not valid UTF-8", "a number is too large")


class JsonTestSuiteTest(unittest.TestCase):
    def test_every_case_is_refused_without_a_crash(self):
        if not CASES.is_dir():
            self.skipTest("JSONTestSuite is not here (%s); skipped" % CASES)
        cases = sorted(CASES.glob("*.json"))
        self.assertGreater(len(cases), 300)
        for case in cases:
            with self.subTest(case=case.name):
                try:
                    r = subprocess.run([FEED_BIN, "validate", str(case)], capture_output=True,
                                       timeout=PER_FILE_TIMEOUT_SECONDS)
                except subprocess.TimeoutExpired:
                    self.fail("hung for %d s" % PER_FILE_TIMEOUT_SECONDS)
                # A negative code is a signal: a crash.
                self.assertIn(r.returncode, (0, 1), r.stderr[-500:])
                self.assertEqual(r.returncode, 1, "accepted as a feed")
                errors = r.stderr.decode("utf-8", "replace")
                refused_by_parser = any(words in errors for words in PARSER_REFUSALS)
                if case.name.startswith("n_"):
                    self.assertTrue(refused_by_parser, errors)
                elif case.name.startswith("y_"):
                    self.assertFalse(refused_by_parser, errors)


if __name__ == "__main__":
    unittest.main()
