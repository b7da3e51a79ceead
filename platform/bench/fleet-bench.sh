#!/usr/bin/env bash
# Many screens, measured: a simulation of 1,000 screens (tests/fleet/fleet_sim.py)
# against one Mosquitto and one nginx serving a signed feed with ETags, all on
# 127.0.0.1; last, an item pulled with the real placard-feed screens pull.
# Run by hand, not in CI (about 6 minutes):
#   platform/bench/fleet-bench.sh [--screens N] [--speed X] [--phase-seconds S]
# Writes out/fleet-bench/results.json and prints it. tests/bench/RESULTS.md's "Many
# screens" section quotes these figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
. platform/build/install-packages.sh
install_missing fleet-bench "${placard_packages[@]}" "${fleet_bench_packages[@]}"
platform/build/setup.sh --build-dir build >/dev/null

out=out/fleet-bench
mkdir -p "$out"
work=$(mktemp -d -t placard-fleet-bench-XXXXXX)
chmod 755 "$work"  # nginx's workers and mosquitto run as their own users and read from here
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 16384  # two sockets a screen in the simulator, one in each server

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mqtt_port=$(free_port)
http_port=$(free_port)

# The feed: the demo feed, signed, served with ETags and gzip as any web server would.
mkdir -p "$work/www" "$work/nginx"
build/kiosk/placard-feed keygen --out "$work/bench" >/dev/null
cat > "$work/next-feed.sh" <<SCRIPT
#!/bin/sh
# Raises the feed's sequence and signs it: what an editor's publish does.
set -e
python3 - "$work/www/feed.json" <<'PY'
import json, sys
path = sys.argv[1]
feed = json.load(open(path))
feed["_placard"]["sequence"] = feed["_placard"].get("sequence", 0) + 1
tmp = path + ".tmp"
json.dump(feed, open(tmp, "w"), ensure_ascii=False, indent=2)
PY
"$PWD/build/kiosk/placard-feed" sign "$work/www/feed.json.tmp" --key "$work/bench.key" >/dev/null
mv "$work/www/feed.json.tmp.sig" "$work/www/feed.json.sig.tmp"
mv "$work/www/feed.json.tmp" "$work/www/feed.json"
mv "$work/www/feed.json.sig.tmp" "$work/www/feed.json.sig"
chmod 644 "$work/www/"*
SCRIPT
chmod +x "$work/next-feed.sh"
# An item pulled: the feed without it, its sequence raised and signed, as an editor publishes it.
cat > "$work/pull-item.sh" <<SCRIPT
#!/bin/sh
set -e
python3 - "$work/www/feed.json" "\$1" <<'PY'
import json, sys
path, item = sys.argv[1], sys.argv[2]
feed = json.load(open(path))
feed["items"] = [i for i in feed["items"] if str(i["id"]) != item]
json.dump(feed, open(path + ".pull", "w"), ensure_ascii=False, indent=2)
PY
mv "$work/www/feed.json.pull" "$work/www/feed.json"
"$work/next-feed.sh"
SCRIPT
chmod +x "$work/pull-item.sh"
cp feeds/demo.json "$work/www/feed.json"
"$work/next-feed.sh"

cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
worker_rlimit_nofile 16384;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  types { application/json json; application/octet-stream sig; }
  gzip on;
  gzip_types application/json;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  server {
    listen 127.0.0.1:$http_port;
    root $work/www;
  }
}
CONF
nginx -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
nginx_pid=$!

cat > "$work/mosquitto.conf" <<CONF
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 1000
CONF
mosquitto -c "$work/mosquitto.conf" 2>"$work/mosquitto.log" &
pids+=($!)
mosquitto_pid=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$mqtt_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null && break
  sleep 0.1
done

echo "fleet-bench: load before: $(uptime)"
python3 tests/fleet/fleet_sim.py --mqtt-port "$mqtt_port" --http-port "$http_port" \
  --mosquitto-pid "$mosquitto_pid" --nginx-pid "$nginx_pid" --change-command "$work/next-feed.sh" \
  --pull-command "$work/pull-item.sh" --placard-feed build/kiosk/placard-feed "$@" \
  > "$out/results.json"
echo "fleet-bench: load after: $(uptime)"
echo "fleet-bench: feed $(stat -c %s "$work/www/feed.json") bytes, signature $(stat -c %s "$work/www/feed.json.sig") bytes"
cat "$out/results.json"
