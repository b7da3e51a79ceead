"""placard-wifi: the venue's Wi-Fi from placard-wifi.txt on the boot partition,
turned into a NetworkManager keyfile that only root can read, the text file
(and its password) then removed. Runs the real script on scratch folders."""
import configparser
import os
import stat
import subprocess
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "platform", "raspberry-pi", "placard-wifi")


def key_file_value(raw):
    """A value as GLib's key file parser, which NetworkManager reads keyfiles
    with, turns it into a string: whitespace at its start dropped, then \\s,
    \\t, \\n, \\r and \\\\ decoded; any other escape is refused. (platform/vm/vm-test.sh
    has NetworkManager itself read one back.)"""
    escapes = {"s": " ", "t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
    raw = raw.lstrip(" \t")
    out, i = "", 0
    while i < len(raw):
        if raw[i] == "\\":
            if i + 1 >= len(raw) or raw[i + 1] not in escapes:
                raise ValueError(f"not a key file value: {raw!r}")
            out += escapes[raw[i + 1]]
            i += 2
        else:
            out += raw[i]
            i += 1
    return out


class WifiTest(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.boot = os.path.join(self.scratch.name, "boot")
        self.connections = os.path.join(self.scratch.name, "system-connections")
        os.mkdir(self.boot)

    def tearDown(self):
        self.scratch.cleanup()

    def run_script(self, text):
        if text is not None:
            with open(os.path.join(self.boot, "placard-wifi.txt"), "w", newline="") as f:
                f.write(text)
        env = dict(os.environ, PATH="/usr/sbin:/usr/bin:/sbin:/bin")
        env.pop("DBUS_SYSTEM_BUS_ADDRESS", None)
        return subprocess.run(["sh", SCRIPT, self.boot, self.connections], capture_output=True, text=True,
                              timeout=30, env=env)

    def keyfile(self):
        path = os.path.join(self.connections, "placard-wifi.nmconnection")
        parser = configparser.ConfigParser(interpolation=None)
        with open(path) as f:
            parser.read_string(f.read())
        return path, parser

    def test_a_wpa_network_becomes_a_keyfile_only_root_reads_and_the_password_leaves_the_boot_partition(self):
        r = self.run_script("# the venue\r\nssid=Palais Guest\r\npassword=geneva 2026!\r\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        path, k = self.keyfile()
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(k["connection"]["type"], "wifi")
        self.assertEqual(k["connection"]["autoconnect"], "true")
        self.assertEqual(k["wifi"]["ssid"], "Palais Guest")
        self.assertEqual(k["wifi"]["mode"], "infrastructure")
        self.assertEqual(k["wifi-security"]["key-mgmt"], "wpa-psk")
        self.assertEqual(k["wifi-security"]["psk"], "geneva 2026!")
        self.assertEqual(k["ipv4"]["method"], "auto")
        self.assertFalse(os.path.exists(os.path.join(self.boot, "placard-wifi.txt")))
        self.assertIn("Palais Guest", r.stderr)

    def test_backslashes_semicolons_and_edge_spaces_reach_networkmanager_as_written(self):
        ssid, password = " Salle;XX ", " side\\event #2013\\"
        r = self.run_script(f"ssid={ssid}\r\npassword={password}\r\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        path, _ = self.keyfile()
        with open(path) as f:  # as written: configparser would strip the spaces at the ends
            raw = dict(line.rstrip("\n").split("=", 1) for line in f if line[:1].isalpha())
        # In an SSID NetworkManager reads "\\;" as ";" (a bare ";" would separate a list).
        self.assertEqual(key_file_value(raw["ssid"]).replace("\\;", ";"), ssid)
        self.assertEqual(key_file_value(raw["psk"]), password)

    def test_an_open_or_hidden_network(self):
        self.assertEqual(self.run_script("ssid=Open Hall\nhidden=yes\n").returncode, 0)
        _, k = self.keyfile()
        self.assertEqual(k["wifi"]["hidden"], "true")
        self.assertFalse(k.has_section("wifi-security"))

    def test_nothing_to_do_without_the_file(self):
        r = self.run_script(None)
        self.assertEqual(r.returncode, 0)
        self.assertFalse(os.path.exists(self.connections))

    def test_a_wrong_file_is_kept_renamed_and_names_the_fix(self):
        for text, fix in [("password=longenough\n", "no ssid= line"),
                          ("ssid=Hall\npassword=short\n", "8 to 63 characters"),
                          ("ssid=" + "x" * 33 + "\n", "32 bytes"),
                          ("ssid=Hall\nhidden=maybe\n", "hidden= takes yes or no")]:
            with self.subTest(fix=fix):
                r = self.run_script(text)
                self.assertEqual(r.returncode, 1)
                self.assertIn(fix, r.stderr)
                self.assertTrue(os.path.exists(os.path.join(self.boot, "placard-wifi.txt.invalid")))
                self.assertFalse(os.path.exists(os.path.join(self.connections, "placard-wifi.nmconnection")))


if __name__ == "__main__":
    unittest.main()
