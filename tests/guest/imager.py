"""What Raspberry Pi Imager writes on a card for its OS customisation, and
the checks that the booted image took it: the host name, user, SSH key, time
zone and Wi-Fi."""

import hashlib

# What Raspberry Pi Imager 2.0 writes on bootfs for its OS customisation (its
# CustomisationGenerator): cloud-init's user-data, a netplan network-config
# with the Wi-Fi's key as a 64-digit PSK, meta-data with a fresh instance id,
# and "ds=nocloud;i=ID" and the Wi-Fi country added to cmdline.txt.
IMAGER_ID = "rpi-imager-1765015200000"
IMAGER_HOST = "room-xxiv-screen"
IMAGER_USER = "amina"
IMAGER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIINuwiOZU8bSMwjGgVk4IoGT1kkEndlFoR1hQsbt4pRs amina@laptop"
IMAGER_HASH = "$6$placardtest$AJ4L/fA8JeVj65DTx0Zrxu2E9FSt8o.vRXCoKdVnb42CT9iYATBcNeNJcBh2Symo1Mc/.DCzX542ylVUyoYTJ0"
IMAGER_WIFI = ("Palais Wi-Fi", "geneva-side-event")
IMAGER_PSK = hashlib.pbkdf2_hmac("sha1", IMAGER_WIFI[1].encode(), IMAGER_WIFI[0].encode(), 4096, 32).hex()
IMAGER_TZ = "Europe/Zurich"
IMAGER_USER_DATA = f"""#cloud-config
manage_resolv_conf: false
hostname: {IMAGER_HOST}
manage_etc_hosts: true
packages:
- avahi-daemon
apt:
  preserve_sources_list: true
  conf: |
    Acquire {{
      Check-Date "false";
    }};
timezone: {IMAGER_TZ}
keyboard:
  model: pc105
  layout: "ch"
user:
  name: {IMAGER_USER}
  shell: /bin/bash
  lock_passwd: false
  passwd: "{IMAGER_HASH}"
  ssh_authorized_keys:
    - "{IMAGER_KEY}"
  sudo: ALL=(ALL) NOPASSWD:ALL
ssh_pwauth: false
runcmd:
- [ systemctl, enable, --now, ssh ]
"""
IMAGER_NETWORK_CONFIG = f"""network:
  version: 2
  ethernets:
    eth0:
      dhcp4: true
      dhcp6: true
      optional: true
  wifis:
    wlan0:
      dhcp4: true
      regulatory-domain: "CH"
      access-points:
        "{IMAGER_WIFI[0]}":
          password: "{IMAGER_PSK}"
      optional: true
"""
IMAGER_META_DATA = f"instance-id: {IMAGER_ID}\n"


def imager_settings(g, r):
    """Raspberry Pi Imager's OS customisation, written on bootfs between boots."""
    cmdline = g.out("cat /proc/cmdline")
    status = g.run("cloud-init status --long")[1]
    r.check("cloud-init took Imager's files as a new instance (ds=nocloud;i= on cmdline.txt, meta-data)",
            f"ds=nocloud;i={IMAGER_ID}" in cmdline and g.out("cat /var/lib/cloud/data/instance-id") == IMAGER_ID
            and "status: done" in status, status.strip().replace("\n", " | "))
    name = g.out("hostname")
    r.check("Imager's host name", name == IMAGER_HOST and g.out("cat /etc/hostname") == IMAGER_HOST, name)
    zone = g.out("readlink -f /etc/localtime")
    r.check("Imager's time zone", zone.endswith("/" + IMAGER_TZ), zone)
    shadow = g.out(f"getent shadow {IMAGER_USER} | cut -d: -f2")
    keys = g.run(f"cat /home/{IMAGER_USER}/.ssh/authorized_keys")[1]
    r.check("Imager's user, with its password and SSH key", shadow == IMAGER_HASH and IMAGER_KEY in keys,
            f"password {'set' if shadow == IMAGER_HASH else repr(shadow[:12])}; authorized_keys: {keys.strip()[:60]}")
    ssh = g.run("systemctl is-active ssh.service")[1].strip()
    r.check("SSH on, as Imager asked", ssh == "active", ssh)
    listing = g.out("nmcli -t -f NAME,TYPE connection show")
    wifi = [line.split(":")[0] for line in listing.splitlines() if line.endswith(":802-11-wireless")
            and not line.startswith("placard-wifi:")]
    ssid = psk = priority = ""
    if wifi:
        def get(field):
            return g.out(f"nmcli -s -g {field} connection show '{wifi[0]}'")
        ssid, psk, priority = get("802-11-wireless.ssid"), get("802-11-wireless-security.psk"), get("connection.autoconnect-priority")
    r.check("Imager's Wi-Fi is a NetworkManager connection (through netplan), below placard-wifi.txt's in priority",
            ssid == IMAGER_WIFI[0] and psk == IMAGER_PSK and int(priority or 0) < 10 and "placard-wifi:802-11-wireless" in listing,
            f"connections {listing.replace(chr(10), ' ')}; ssid {ssid!r}, autoconnect-priority {priority}")
