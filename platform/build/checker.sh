#!/usr/bin/env bash
# Builds the browser checker (feeds/check/): the feed parser and rules of
# kiosk/core compiled to WebAssembly with Debian's emscripten, and the page
# around them, into one folder ready to publish on any static host or to open
# from disk.
#   platform/build/checker.sh [--build-dir DIR]     (default build; PLACARD_BUILD_DIR too)
# Writes DIR/feeds-check/ (index.html, check.css, check.js, checker.js and
# checker-wasm.js, the WebAssembly compressed in a script); its objects and the C libraries' sources are kept in
# DIR/checker/, so a second run compiles only what changed. libcsv and Gumbo
# come from Debian's source packages (apt-get source, with its own list of
# source suites kept in DIR/checker/apt: the machine's apt set-up is left as
# it is): the release the machine runs first, so they are the versions
# placard-feed links, else the next one.
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${PLACARD_BUILD_DIR:-build}
if [ "${1:-}" = "--build-dir" ]; then build_dir=$2; shift 2; fi
started=$SECONDS

. platform/build/install-packages.sh
install_missing checker "${placard_checker_packages[@]}"

work=$build_dir/checker
out=$build_dir/feeds-check
mkdir -p "$work/src" "$out"
work=$(cd "$work" && pwd)

# The sources of the two C libraries, unpacked once.
fetch_sources() {
  local apt=$work/apt
  local codename; codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  local suites=$codename; [ "$codename" = trixie ] || suites="$codename trixie"
  mkdir -p "$apt/lists/partial" "$apt/parts" "$apt/cache/archives/partial" "$apt/download"
  # The mirror the machine's own apt uses for its release (PLACARD_DEBIAN_MIRROR to choose another).
  local mirror=${PLACARD_DEBIAN_MIRROR:-}
  if [ -z "$mirror" ]; then
    mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
      awk -v c="$codename" 'BEGIN{RS=""} /(^|\n)Types:[^\n]*deb/ {u=""; ok=0; n=split($0, l, "\n")
        for (i = 1; i <= n; i++) { if (l[i] ~ /^URIs:/) { split(l[i], w, " "); u=w[2] }
          if (l[i] ~ /^Suites:/) { m=split(l[i], w, " "); for (j = 2; j <= m; j++) if (w[j] == c) ok=1 } }
        if (ok && u != "") { print u; exit } }')
    [ -n "$mirror" ] || mirror=$(awk -v c="$codename" '$1 == "deb" && $3 == c { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
  fi
  [ -n "$mirror" ] || { echo "checker: apt names no mirror for $codename; set PLACARD_DEBIAN_MIRROR to a Debian mirror's address" >&2; exit 3; }
  cat >"$apt/parts/debian-sources.sources" <<SOURCES
Types: deb-src
URIs: $mirror
Suites: $suites
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  local opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt/parts"
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "APT::Sandbox::User=$(id -un)")
  apt-get "${opts[@]}" -qq update
  local package suite orig
  for package in libcsv gumbo-parser; do
    orig=""
    for suite in $suites; do
      # The .orig tarball is what is built (its checksum checked by apt);
      # a mirror missing the .dsc or Debian's changes does not stop it.
      (cd "$apt/download" && apt-get "${opts[@]}" -qq source --download-only "$package/$suite" >/dev/null 2>&1) || true
      for orig in "$apt/download/${package}_"*.orig.tar.*; do [ -f "$orig" ] && break; done
      [ -f "$orig" ] && break
      orig=""
    done
    [ -n "$orig" ] || { echo "checker: could not fetch the source of $package from Debian ($suites)" >&2; exit 3; }
    echo "checker: $package from $(basename "$orig")"
    mkdir -p "$work/src/$package"
    tar -xf "$orig" -C "$work/src/$package" --strip-components=1
  done
}
[ -f "$work/src/libcsv/libcsv.c" ] && [ -f "$work/src/gumbo-parser/src/gumbo.h" ] || fetch_sources

# Where the compilers look for headers: the C libraries' own, and
# nlohmann_json's by a link (the whole of /usr/include would bring glibc's
# headers in over emscripten's).
mkdir -p "$work/include"
ln -sfn /usr/include/nlohmann "$work/include/nlohmann"
cp -u "$work/src/libcsv/csv.h" "$work/src/gumbo-parser/src/gumbo.h" "$work/src/gumbo-parser/src/tag_enum.h" \
  "$work/include/" 2>/dev/null || cp -u "$work/src/libcsv/csv.h" "$work/src/gumbo-parser/src/gumbo.h" "$work/include/"

# The characters the screen's fonts have, as the kiosk finds them here.
/usr/bin/python3 platform/build/screen-glyphs.py kiosk/render/fonts.cpp "$work/screen_glyphs_table.cpp.new"
cmp -s "$work/screen_glyphs_table.cpp.new" "$work/screen_glyphs_table.cpp" 2>/dev/null ||
  mv "$work/screen_glyphs_table.cpp.new" "$work/screen_glyphs_table.cpp"
rm -f "$work/screen_glyphs_table.cpp.new"

# The slide words table, which names the words a feed's own wording replaces.
cmake -DIN=assets/slide-words.json -DOUT="$work/slide_words_table.cpp.new" -DNAME=embedded_slide_words \
  -P platform/build/cmake/embed.cmake
cmp -s "$work/slide_words_table.cpp.new" "$work/slide_words_table.cpp" 2>/dev/null ||
  mv "$work/slide_words_table.cpp.new" "$work/slide_words_table.cpp"
rm -f "$work/slide_words_table.cpp.new"

# Only what reading and checking a feed needs: no fonts, drawing, network,
# signatures (libsodium) or ICU (the browser's Intl gives the time zones and
# the plural forms).
core=(
  core/text/text.cpp core/text/decimal.cpp core/words/slide_words.cpp
  core/feed/exact_number.cpp core/feed/feed_parse.cpp core/feed/feed_placard.cpp core/feed/feed_report.cpp
  core/feed/feed_rules.cpp core/feed/feed_words.cpp core/feed/html_text.cpp core/feed/image_header.cpp
  core/feed/json_check.cpp core/feed/json_read.cpp core/feed/json_text.cpp core/feed/markup_text.cpp
  core/feed/rfc3339.cpp core/feed/time_zone.cpp core/feed/withheld_name.cpp
  core/sheet/csv_quotes.cpp core/sheet/csv_table.cpp core/sheet/feed_csv.cpp core/sheet/feed_format.cpp
  core/sheet/sheet_cells.cpp
  core/plan/plan.cpp core/schedule/schedule.cpp
  check/checker_main.cpp check/browser_time_zones.cpp check/browser_locale_format.cpp check/screen_glyphs.cpp
)
source_dir=$(pwd)
{
  echo "# Generated by platform/build/checker.sh"
  echo "cxxflags = -std=c++20 -Oz -fexceptions -Wall -Wextra -Wpedantic -Wshadow -Werror -I$source_dir/kiosk -I$work/include"
  echo "cflags = -Oz -std=gnu99 -w -I$work/include"
  echo "rule cxx"
  echo "  command = em++ \$cxxflags -MD -MF \$out.d -c \$in -o \$out"
  echo "  depfile = \$out.d"
  echo "  deps = gcc"
  echo "  description = em++ \$in"
  echo "rule cc"
  echo "  command = emcc \$cflags -c \$in -o \$out"
  echo "  description = emcc \$in"
  echo "rule link"
  echo "  command = em++ -Oz -fexceptions \$in -o checker.js -sMODULARIZE=1 -sEXPORT_NAME=PlacardChecker" \
       "-sENVIRONMENT=web -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0" \
       "-sEXPORTED_FUNCTIONS=_placard_check,_placard_parse_time,_placard_read_limit,_malloc,_free" \
       "-sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8,HEAPU8"
  echo "  description = linking \$out"
  objects=()
  for f in "${core[@]}"; do
    o=obj/${f//\//_}.o; objects+=("$o")
    echo "build $o: cxx $source_dir/kiosk/$f"
  done
  for f in screen_glyphs_table slide_words_table; do
    o=obj/$f.o; objects+=("$o")
    echo "build $o: cxx $work/$f.cpp"
  done
  o=obj/libcsv.o; objects+=("$o")
  echo "build $o: cc $work/src/libcsv/libcsv.c"
  for f in "$work"/src/gumbo-parser/src/*.c; do
    o=obj/gumbo_$(basename "$f" .c).o; objects+=("$o")
    echo "build $o: cc $f"
  done
  echo "build checker.js checker.wasm: link ${objects[*]}"
} >"$work/build.ninja.new"
cmp -s "$work/build.ninja.new" "$work/build.ninja" 2>/dev/null || mv "$work/build.ninja.new" "$work/build.ninja"
rm -f "$work/build.ninja.new"
# Debian's node-acorn, for emscripten's JavaScript optimiser, where a Node.js from elsewhere does not look.
export NODE_PATH=${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs
nice ninja -C "$work" -j "${PLACARD_CHECKER_JOBS:-2}"

# The WebAssembly, compressed, in a script: a page opened from disk may load
# scripts but not fetch files (Chromium refuses file:// fetches), and gzip
# makes it a third of its size; check.js unpacks it with the browser's
# DecompressionStream and hands it to checker.js.
if [ ! -f "$work/checker-wasm.js" ] || [ "$work/checker.wasm" -nt "$work/checker-wasm.js" ]; then
  { printf 'var placardCheckerWasm = "'; gzip -9 -n -c "$work/checker.wasm" | base64 -w0; printf '";\n'; } \
    >"$work/checker-wasm.js"
fi
rm -f "$out"/*
cp feeds/check/index.html feeds/check/check.css feeds/check/check.js "$work/checker.js" "$work/checker-wasm.js" "$out/"
size=$(cat "$out"/* | wc -c)
echo "checker: the page is in $out/ ($((size / 1024)) KiB), built in $((SECONDS - started)) s"
