"""placard-wifi: the venue's Wi-Fi from placard-wifi.txt on the boot partition,
turned into a NetworkManager keyfile that only root can read, the text file
(and its password) then removed. Runs the real program (PLACARD_WIFI_BIN) on
scratch folders, as laptops write the file, and reads the keyfile back with
NetworkManager's own keyfile reader (libnm through python3-gi, over GLib's
key file parser), comparing the name and password byte for byte.
platform/vm/vm-test.sh has the NetworkManager daemon read one at boot."""
import os
import stat
import subprocess
import tempfile
import unittest

try:
    import gi
    gi.require_version("GLib", "2.0")
    gi.require_version("NM", "1.0")
    from gi.repository import GLib, NM
except (ImportError, ValueError) as e:  # python3-gi or gir1.2-nm-1.0 missing
    NM = None
    MISSING = str(e)

PROGRAM = os.environ.get("PLACARD_WIFI_BIN", "")
HEX_KEY = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef"


def networkmanager_reads(path):
    """(ssid, psk or None, hidden) as NetworkManager reads the keyfile at path;
    raises GLib.Error where it would refuse it."""
    keyfile = GLib.KeyFile()
    keyfile.load_from_file(path, GLib.KeyFileFlags.NONE)
    connection = NM.keyfile_read(keyfile, os.path.dirname(path), NM.KeyfileHandlerFlags.NONE, None, None)
    if connection is None:
        raise AssertionError(f"NetworkManager's reader refused {path}")
    # The daemon gives a keyfile without a uuid one made from its path.
    if not connection.get_setting_connection().get_uuid():
        connection.get_setting_connection().set_property("uuid", NM.utils_uuid_generate())
    connection.verify()
    connection.verify_secrets()
    wifi, security = connection.get_setting_wireless(), connection.get_setting_wireless_security()
    ssid = bytes(wifi.get_ssid().get_data()).decode("utf-8", "surrogateescape")
    return ssid, (security.get_psk() if security else None), wifi.get_hidden()


@unittest.skipIf(NM is None, "needs python3-gi and gir1.2-nm-1.0: " + ("" if NM else MISSING))
class WifiTest(unittest.TestCase):
    def setUp(self):
        self.assertTrue(PROGRAM, "PLACARD_WIFI_BIN names the built placard-wifi")
        self.scratch = tempfile.TemporaryDirectory()
        self.boot = os.path.join(self.scratch.name, "boot")
        self.connections = os.path.join(self.scratch.name, "system-connections")
        self.keyfile = os.path.join(self.connections, "placard-wifi.nmconnection")
        os.mkdir(self.boot)

    def tearDown(self):
        self.scratch.cleanup()

    def on_card(self, name):
        return os.path.exists(os.path.join(self.boot, name))

    def run_program(self, data):
        """data: the file's bytes (or str, written as UTF-8), None for no file."""
        if data is not None:
            with open(os.path.join(self.boot, "placard-wifi.txt"), "wb") as f:
                f.write(data.encode() if isinstance(data, str) else data)
        env = dict(os.environ, PATH="/usr/sbin:/usr/bin:/sbin:/bin")
        env.pop("DBUS_SYSTEM_BUS_ADDRESS", None)
        return subprocess.run([PROGRAM, self.boot, self.connections], capture_output=True, text=True, errors="replace",
                              timeout=30, env=env)

    def joins(self, data, ssid, psk, hidden=False):
        """The program makes a keyfile from data that NetworkManager reads as
        ssid and psk, and the text file leaves the card."""
        r = self.run_program(data)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(self.keyfile), r.stderr)
        self.assertEqual(networkmanager_reads(self.keyfile), (ssid, psk, hidden))
        self.assertFalse(self.on_card("placard-wifi.txt"))
        return r

    def refuses(self, data, reason):
        """The program writes no keyfile, keeps the file as .invalid, and says why
        in the journal and on the card."""
        r = self.run_program(data)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(reason, r.stderr)
        self.assertFalse(os.path.exists(self.keyfile))
        self.assertTrue(self.on_card("placard-wifi.txt.invalid"))
        self.assertFalse(self.on_card("placard-wifi.txt"))
        with open(os.path.join(self.boot, "placard-wifi-error.txt"), encoding="utf-8-sig", newline="") as f:
            note = f.read()
        self.assertIn(reason, note)
        self.assertIn("\r\n", note)  # Notepad's line ends
        return r

    def test_a_wpa_network_becomes_a_keyfile_only_root_reads_and_the_password_leaves_the_boot_partition(self):
        r = self.joins("# the venue\r\nssid=Palais Guest\r\npassword=geneva 2026!\r\n", "Palais Guest", "geneva 2026!")
        self.assertEqual(stat.S_IMODE(os.stat(self.keyfile).st_mode), 0o600)
        with open(self.keyfile) as f:
            text = f.read()
        for line in ("id=placard-wifi", "type=wifi", "autoconnect=true", "autoconnect-priority=10",
                     "mode=infrastructure", "key-mgmt=wpa-psk", "method=auto"):
            self.assertIn(line + "\n", text)
        self.assertEqual(sorted(os.listdir(self.connections)), ["placard-wifi.nmconnection"])  # no temporary left
        self.assertIn("Palais Guest", r.stderr)

    def test_backslashes_semicolons_and_quoted_edge_spaces_reach_networkmanager_as_written(self):
        self.joins('ssid=" Salle;XX\\ "\r\npassword=" side\\event #2013\\"\r\n', " Salle;XX\\ ", " side\\event #2013\\")

    def test_an_open_or_hidden_network(self):
        self.joins("ssid=Open Hall\nhidden=yes\n", "Open Hall", None, hidden=True)

    def test_nothing_to_do_without_the_file(self):
        r = self.run_program(None)
        self.assertEqual(r.returncode, 0)
        self.assertFalse(os.path.exists(self.connections))

    def test_the_file_saved_as_txt_txt_is_named_on_the_card_and_left_as_it_is(self):
        # Notepad adds .txt to "placard-wifi.txt" and Windows hides it.
        misnamed = os.path.join(self.boot, "placard-wifi.txt.txt")
        with open(misnamed, "w") as f:
            f.write("ssid=Palais Guest\npassword=geneva 2026!\n")
        r = self.run_program(None)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("found placard-wifi.txt.txt on the boot partition (bootfs) but no placard-wifi.txt: "
                      "rename it to placard-wifi.txt (Windows hides the ending .txt", r.stderr)
        self.assertFalse(os.path.exists(self.keyfile))
        self.assertTrue(os.path.exists(misnamed), "the organiser's file stays for them to rename")
        with open(os.path.join(self.boot, "placard-wifi-error.txt"), encoding="utf-8-sig") as f:
            self.assertIn("rename it to placard-wifi.txt", f.read())
        # Renamed, it is used, and the note goes with it.
        os.rename(misnamed, os.path.join(self.boot, "placard-wifi.txt"))
        r = self.run_program(None)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(networkmanager_reads(self.keyfile), ("Palais Guest", "geneva 2026!", False))
        self.assertFalse(self.on_card("placard-wifi-error.txt"))

    def test_help_teaches_the_file(self):
        r = subprocess.run([PROGRAM, "--help"], capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0)
        for words in ("ssid=", "password=", "hidden=yes", "placard-wifi-error.txt", "64 hex digits", "step 5"):
            self.assertIn(words, r.stdout)

    def test_the_note_on_the_card_reads_as_one_sentence(self):
        self.refuses("ssid=Hall\nPasword=geneva 2026!\n", "did you mean password=?")
        with open(os.path.join(self.boot, "placard-wifi-error.txt"), encoding="utf-8-sig") as f:
            self.assertNotIn("?.", f.read())

    # The cases of the issue, each of which the shell script got wrong.
    def test_a_byte_order_mark_before_the_password_line(self):
        self.joins("\ufeffpassword=geneva 2026!\r\nssid=Palais Guest\r\n", "Palais Guest", "geneva 2026!")

    def test_a_byte_order_mark_before_the_name_line(self):
        self.joins("\ufeffssid=Palais Guest\r\npassword=geneva 2026!\r\n", "Palais Guest", "geneva 2026!")

    def test_password_with_a_capital_is_the_password(self):
        self.joins("ssid=Palais Guest\nPassword=geneva 2026!\n", "Palais Guest", "geneva 2026!")
        self.joins("SSID=Palais Guest\nPASSWORD=geneva 2026!\n", "Palais Guest", "geneva 2026!")

    def test_psk_is_the_password(self):
        self.joins("ssid=Palais Guest\npsk=geneva 2026!\n", "Palais Guest", "geneva 2026!")

    def test_a_misspelt_key_is_refused_naming_the_key_it_looks_like(self):
        self.refuses("ssid=Palais Guest\nPasword=geneva 2026!\n",
                     "line 2: Pasword= is not a key this file takes: did you mean password=?")

    def test_spaces_around_the_equals_sign_are_not_part_of_the_name(self):
        self.joins("ssid = Venue Guest \npassword = geneva 2026!\n", "Venue Guest", "geneva 2026!")

    def test_a_windows_ansi_file_is_read_as_windows_1252(self):
        r = self.joins("ssid=Café Genève\r\npassword=crème brûlée\r\n".encode("cp1252"), "Café Genève", "crème brûlée")
        self.assertIn("Windows-1252", r.stderr)

    def test_old_mac_line_ends(self):
        self.joins("ssid=Hall\rpassword=geneva 2026!\r", "Hall", "geneva 2026!")

    def test_notepad_unicode_is_utf16_with_its_mark(self):
        text = "ssid=Café Guest\r\npassword=geneva 2026!\r\n"
        self.joins(b"\xff\xfe" + text.encode("utf-16-le"), "Café Guest", "geneva 2026!")
        self.joins(b"\xfe\xff" + text.encode("utf-16-be"), "Café Guest", "geneva 2026!")

    def test_a_64_hex_digit_key_is_a_raw_psk(self):
        self.joins(f"ssid=Palais Guest\npassword={HEX_KEY}\n", "Palais Guest", HEX_KEY)

    def test_a_wrong_file_is_kept_renamed_and_names_the_fix_on_the_card(self):
        for text, fix in [("password=longenough\n", "no ssid= line"),
                          ("ssid=Hall\npassword=short\n", "a WPA password has 8 to 63 characters; this one has 5"),
                          ("ssid=" + "x" * 33 + "\n", "32 bytes"),
                          ("ssid=Hall\nhidden=maybe\n", "hidden= takes yes or no"),
                          ("ssid=Hall\npassword=\n", "password= has no password after it"),
                          ("ssid=Hall\nsecurity=wpa2\n", "(it takes ssid=, password= and hidden=)"),
                          ("ssid=Hall\npassword=" + "g" * 64 + "\n", "64 hex digits")]:
            with self.subTest(fix=fix):
                self.refuses(text, fix)

    def test_a_later_good_file_replaces_the_network_and_clears_the_mistake(self):
        self.refuses("ssid=Hall\npassword=short\n", "8 to 63 characters")
        self.joins("ssid=Palais Delegates\npassword=human-rights-2013\n", "Palais Delegates", "human-rights-2013")
        self.assertFalse(self.on_card("placard-wifi.txt.invalid"))
        self.assertFalse(self.on_card("placard-wifi-error.txt"))
        self.joins("ssid=Room XXIV\npassword=geneva 2026!\n", "Room XXIV", "geneva 2026!")

    def test_the_text_file_stays_when_no_keyfile_could_be_written(self):
        with open(self.connections, "w") as f:  # a file where the folder should be
            f.write("")
        r = self.run_program("ssid=Palais Guest\npassword=geneva 2026!\n")
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn("is kept", r.stderr)
        self.assertTrue(self.on_card("placard-wifi.txt"))
        self.assertFalse(self.on_card("placard-wifi.txt.invalid"))


if __name__ == "__main__":
    unittest.main()
