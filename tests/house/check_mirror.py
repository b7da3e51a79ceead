#!/usr/bin/env python3
"""tests/ mirrors the code (tests/CMakeLists.txt maps its folders). Every room
of kiosk/core has its folder of unit tests in tests/core/ and every folder
there is a room; the shell's unit tests sit in a folder named for the kiosk/
folder they test (render/, store/, screen/, app/, tools/); every C++ test file is built by a CMakeLists.txt and every
Python test module is run by one, so that none is left behind by a move; no
test case's name has a semicolon (ctest would run it as tests that run nothing); and
the top of tests/ holds folders only, besides its CMakeLists.txt.

    check_mirror.py [SOURCE_DIR]    exit 0 when the mirror holds, 1 with one
                                    line per thing out of place
"""
import os
import re
import sys


def folders(path):
    return sorted(n for n in os.listdir(path) if os.path.isdir(os.path.join(path, n)) and n != "__pycache__")


def files_under(top, pattern):
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if re.fullmatch(pattern, name):
                yield os.path.join(dirpath, name)


def cmake_text(tests):
    """Every CMakeLists.txt under tests/, by folder."""
    return {os.path.dirname(p): open(p, encoding="utf-8").read() for p in files_under(tests, r"CMakeLists\.txt")}


def problems(source):
    core = os.path.join(source, "kiosk", "core")
    tests = os.path.join(source, "tests")
    out = []

    rooms = folders(core)
    mirrored = folders(os.path.join(tests, "core"))
    for room in rooms:
        if room not in mirrored:
            out.append(f"kiosk/core/{room} has no tests/core/{room}/")
        elif not any(files_under(os.path.join(tests, "core", room), r"test_.*\.cpp")):
            out.append(f"tests/core/{room}/ has no test_*.cpp")
    for folder in mirrored:
        if folder not in rooms:
            out.append(f"tests/core/{folder}/ is not a room of kiosk/core")

    # C++ tests outside core/ and the harnesses (fuzz, soak, bench) test one folder of the shell.
    shell = set(folders(os.path.join(source, "kiosk"))) - {"core"}
    for folder in folders(tests):
        if folder in ("core", "support", "fuzz", "soak", "bench"):
            continue
        if any(files_under(os.path.join(tests, folder), r"test_.*\.cpp")) and folder not in shell:
            out.append(f"tests/{folder}/ holds C++ tests but kiosk/{folder}/ does not exist: "
                       "name the folder for the part of kiosk/ it tests")

    lists = cmake_text(tests)
    # A C++ test file is built when a CMakeLists.txt in its folder or above names its path from there.
    for path in files_under(tests, r"test_.*\.cpp"):
        named = False
        folder = os.path.dirname(path)
        while folder.startswith(tests):
            rel = os.path.relpath(path, folder)
            if folder in lists and re.search(r"(^|[\s(/])" + re.escape(rel) + r"($|[\s)])", lists[folder], re.M):
                named = True
                break
            folder = os.path.dirname(folder)
        if not named:
            out.append(f"{os.path.relpath(path, source)} is built by no CMakeLists.txt")
    # A Python test module is run when a CMakeLists.txt names it as a module.
    everything = "\n".join(lists.values())
    for path in files_under(tests, r"test_.*\.py"):
        module = os.path.splitext(os.path.basename(path))[0]
        if not re.search(r"\b" + re.escape(module) + r"(\.|\s|$)", everything, re.M):
            out.append(f"{os.path.relpath(path, source)} is run by no CMakeLists.txt")

    # ctest runs each doctest case by its name, and its list splits a name at a
    # semicolon: the case would be registered as two tests that run nothing.
    for path in files_under(tests, r".*\.(cpp|h)"):
        text = open(path, encoding="utf-8").read()
        for match in re.finditer(r'TEST_CASE\("((?:[^"\\]|\\.)*)"', text):
            if ";" in match.group(1):
                line = text.count("\n", 0, match.start()) + 1
                out.append(f"{os.path.relpath(path, source)}:{line}: the test case's name has a semicolon, which "
                           "splits it into tests that run nothing under ctest; write a comma")

    for name in sorted(os.listdir(tests)):
        if not os.path.isdir(os.path.join(tests, name)) and name != "CMakeLists.txt":
            out.append(f"tests/{name} is not in a folder")
    return out


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    found = problems(source)
    for line in found:
        print(line)
    if not found:
        print(f"the mirror holds: {len(folders(os.path.join(source, 'kiosk', 'core')))} rooms of kiosk/core, "
              "each with its tests/core/ folder")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
