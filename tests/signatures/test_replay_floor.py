"""The replay floor across restarts (feeds/SIGNING.md, "Starting again at a low sequence").

A signed feed is shown only once it is saved in the cache, where its sequence
is the floor a restarted screen starts from; a cache that cannot be written
holds the new feed back, and the banner says so. Lifting a lockout takes
deleting the cache's feed.* files, exactly as SIGNING.md says. Conventions and
environment as in test_signatures.py; the read-only cache needs root (a
bind mount in a mount namespace of its own), else those tests are skipped.
"""

from __future__ import annotations

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_signatures import KioskSignatureTest, SignedFeedCase  # noqa: E402


class ReplayFloorTest(SignedFeedCase):

    def test_unsaved_feed_not_shown(self):
        """A feed whose sequence cannot be saved is not shown: a restart would forget it."""
        body11, ids11, sig11 = self.publish(11)
        self.assertShows(self.poll(), 0, 11, ids11, "verified")
        self.publish(12, n_items=4)
        p = self.poll(read_only_cache=True)
        self.assertShows(p, 3, 11, ids11, "verified, key " + self.key_id("a") + ", but the new feed (sequence 12)")
        self.assertRegex(p.result or "", r"^failed: the new feed \(sequence 12\) is not shown because it cannot be saved")
        # Restarted, with the older signed feed served again: it is what was shown, so it stays.
        self.server.set_feed(body11, 11)
        self.server.signature = sig11
        self.assertShows(self.poll(), 0, 11, ids11)
        # Once the cache can be written again, sequence 12 is shown and kept.
        body12, ids12, _ = self.publish(12, n_items=4)
        self.assertShows(self.poll(), 0, 12, ids12, "verified")
        self.assertEqual(self.cached, body12)

    def test_lifting_a_lockout(self):
        """feeds/SIGNING.md: deleting feed.sequence.json alone does not lift it; deleting feed.* does."""
        _, ids40, _ = self.publish(40)
        self.assertShows(self.poll(), 0, 40, ids40, "verified")
        _, ids2, _ = self.publish(2)  # the URL reused with a sequence started again
        self.assertShows(self.poll(), 1, 40, ids40, "rejected: replayed feed")
        os.remove(os.path.join(self.cache_dir, "feed.sequence.json"))
        self.assertShows(self.poll(), 1, 40, ids40, "rejected: replayed feed")
        for name in os.listdir(self.cache_dir):
            if name.startswith("feed."):
                os.remove(os.path.join(self.cache_dir, name))
        self.assertShows(self.poll(), 0, 2, ids2, "verified")



class KioskReplayFloorTest(KioskSignatureTest):
    """The running kiosk with a cache it cannot write."""

    def test_unsaved_feed_held_back_with_a_banner(self):
        _, ids1, _ = self.prime()
        _, ids2, _ = self.publish(2, n_items=4)
        stats = self.run_kiosk(2.0, read_only_cache=True)
        shown = [s["id"] for s in stats["slides"]]
        self.assertTrue(shown and set(shown) <= set(ids1), f"expected only {ids1}, got {shown}")
        self.assertRegex(stats["state_banner"],
                         r"^New feed not shown: it cannot be saved on this screen \u00b7 showing the feed from \d\d:\d\d$")


# Only the tests above, not the base classes' own, when run as a module.
del KioskSignatureTest, SignedFeedCase

if __name__ == "__main__":
    unittest.main()
