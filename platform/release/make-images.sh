#!/usr/bin/env bash
# Renders the pictures in images/ with the real fonts:
#   images/demo/        every demo slide at 1920x1080 (shown in the README)
#   images/portrait/    the first statement and tally on a screen turned 90 degrees
#   images/languages/   the language samples (six UN languages, Hebrew, Hindi, mixed),
#                       and images/languages-sheet.png with all of them on one page;
#                       words-sheet.png and words-portrait.png: a tally and a post in each UN
#                       language, their slide words; statements-sheet.png and statements-portrait.png:
#                       a statement in each UN language
#   images/withheld/    a contact sheet of statements whose speakers are withheld
#   images/reference/   small renders the render regression test compares against
# Run it after an intended change to how slides look, then look at the result
# and commit it:   platform/release/make-images.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
platform/build/setup.sh >/dev/null
build_dir=${PLACARD_BUILD_DIR:-build}
feed_tool="$build_dir/kiosk/placard-feed"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

rm -rf images/demo images/portrait images/languages images/reference
"$feed_tool" preview demo --out images/demo --size 1920x1080
"$feed_tool" preview demo --out images/portrait --size 1920x1080 --rotation 90
find images/portrait -name 'slide-*.png' ! -name slide-001.png ! -name slide-004.png -delete
rm -f images/portrait/layout.json
"$feed_tool" preview tests/samples/languages.json --out images/languages --size 1920x1080 \
  --sheet images/languages-sheet.png
"$feed_tool" preview tests/samples/slide-words.json --out "$scratch/words" --size 1920x1080 \
  --sheet images/languages/words-sheet.png >/dev/null
"$feed_tool" preview tests/samples/slide-words.json --out "$scratch/words-portrait" --size 1080x1920 \
  --sheet images/languages/words-portrait.png >/dev/null
"$feed_tool" preview feeds/examples/multilingual.json --out "$scratch/statements" --size 1920x1080 \
  --sheet images/languages/statements-sheet.png >/dev/null
"$feed_tool" preview feeds/examples/multilingual.json --out "$scratch/statements-portrait" --size 1080x1920 \
  --sheet images/languages/statements-portrait.png >/dev/null
"$feed_tool" preview feeds/examples/withheld.json --out "$scratch/withheld" --size 1920x1080 \
  --sheet images/withheld/sheet.png >/dev/null

mkdir -p images/reference
for spec in "demo demo" "tests/samples/languages.json languages"; do
  set -- $spec
  "$feed_tool" preview "$1" --out "$scratch/$2" --size 960x540 >/dev/null
  for f in "$scratch/$2"/slide-*.png; do
    n=${f##*/slide-}
    cp "$f" "images/reference/$2-$n"
  done
done
echo "make-images: images/ updated; look at them before committing"
