#!/usr/bin/env python3
"""The rooms of kiosk/core and the order they stand in (CONTRIBUTING.md,
"The house"). Every #include in kiosk/core points to its own room or to a room
on a lower floor, and no two modules (a .h and its .cpp) include each other,
directly or round a longer loop. The shell's folders stand in an order too:
the core at the bottom, the program and the tool at the top.

    check_rooms.py [KIOSK_DIR]    exit 0 when the house is in order, 1 with
                                  one line per include that breaks it
"""
import os
import re
import sys

# Bottom to top. Rooms on one floor do not include each other.
FLOORS = [
    ["."],                 # result.h: errors as values
    ["text", "words"],     # UTF-8, sanitising, bidi, line breaks, fitting; slide words, ICU's dates and numbers
    ["feed", "trust"],     # the feed model and JSON Feed rules; signatures
    ["sheet", "tv"],       # spreadsheets (CSV) made into feeds; the TV's power over HDMI-CEC
    ["plan"],              # a feed planned for one screen: languages, pages, pictures
    ["layout", "schedule"],  # where each line goes; what is on screen when
    ["fetch", "fleet"],    # judging responses, poll policy; the fleet's messages
    ["setup"],             # config, options, status cards, display choice
]
FLOOR_OF = {room: n for n, rooms in enumerate(FLOORS) for room in rooms}
INCLUDE = re.compile(r'^\s*#\s*include\s+"core/([^"]+)"', re.M)

# The folders of kiosk/, bottom to top. Folders on one floor do not include each other.
SHELL = [
    ["core"],              # pure: decides everything, touches nothing
    ["net", "render"],     # downloads (placard-fetch), MQTT (placard-mqtt.so); SDL drawing, fonts, pictures
    ["store"],             # the feed's way in and what is kept of it: files, cache, pictures, the poller
    ["screen"],            # the display and what the kiosk draws on it: slides, fades, status, clock
    ["app"],               # the placard program: its loop, planning, the fleet link, main
    ["tools", "check"],    # placard-feed; the browser checker (feeds/check/), the core compiled to WebAssembly
]
SHELL_FLOOR = {folder: n for n, folders in enumerate(SHELL) for folder in folders}
ANY_INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"', re.M)


def shell_problems(kiosk_dir):
    out = []
    for folder in sorted(os.listdir(kiosk_dir)):
        path = os.path.join(kiosk_dir, folder)
        if not os.path.isdir(path):
            continue
        if folder not in SHELL_FLOOR:
            out.append(f"kiosk/{folder}: folder has no floor: add it to SHELL in {__file__}")
            continue
        for sub, _, names in os.walk(path):
            for name in sorted(names):
                if not name.endswith((".h", ".cpp")):
                    continue
                file_path = os.path.join(sub, name)
                rel = os.path.relpath(file_path, kiosk_dir).replace(os.sep, "/")
                with open(file_path, encoding="utf-8") as f:
                    text = f.read()
                for target in ANY_INCLUDE.findall(text):
                    if target == folder or target not in SHELL_FLOOR:
                        continue
                    if SHELL_FLOOR[target] >= SHELL_FLOOR[folder]:
                        where = "above it" if SHELL_FLOOR[target] > SHELL_FLOOR[folder] else "beside it"
                        out.append(f"kiosk/{rel}: includes from kiosk/{target}/, {where}: "
                                   "move what it needs down, or the file up")
    return out


def room_of(rel):
    return rel.split("/")[0] if "/" in rel else "."


def module_of(rel):
    return os.path.splitext(rel)[0]


def problems(kiosk_dir):
    core = os.path.join(kiosk_dir, "core")
    out = []
    edges = {}
    for folder, _, names in os.walk(core):
        for name in sorted(names):
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, core).replace(os.sep, "/")
            room = room_of(rel)
            if room not in FLOOR_OF:
                out.append(f"kiosk/core/{rel}: room '{room}' has no floor: add it to FLOORS in {__file__}")
                continue
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for target in INCLUDE.findall(text):
                if not os.path.exists(os.path.join(core, target)):
                    out.append(f"kiosk/core/{rel}: includes core/{target}, which does not exist")
                    continue
                to_room = room_of(target)
                if to_room not in FLOOR_OF:
                    continue  # reported above for the file itself
                if to_room != room and FLOOR_OF[to_room] >= FLOOR_OF[room]:
                    where = "above it" if FLOOR_OF[to_room] > FLOOR_OF[room] else "beside it"
                    out.append(f"kiosk/core/{rel}: includes core/{target}, in room '{to_room}' {where}: "
                               "move what it needs down, or the file up")
                a, b = module_of(rel), module_of(target)
                if a != b:
                    edges.setdefault(a, set()).add(b)
    # Modules that reach each other round any loop: the strongly connected
    # parts of the graph (Tarjan's algorithm), each reported once.
    index, low, on_stack, stack, counter = {}, {}, set(), [], [0]

    def connect(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                out.append("modules include each other: " + ", ".join(sorted(part)))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return out


def main():
    kiosk = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "kiosk")
    found = problems(kiosk) + shell_problems(kiosk)
    for line in found:
        print(line)
    if not found:
        print(f"the house is in order: {len(FLOOR_OF) - 1} rooms on {len(FLOORS) - 1} floors above result.h, "
              f"and the shell's {len(SHELL_FLOOR) - 1} folders above the core")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
