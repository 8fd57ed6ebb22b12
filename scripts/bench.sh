#!/usr/bin/env bash
# Corpus-scale benchmark: prints figures, asserts nothing (targets are read by people, not tests).
#
#   scripts/bench.sh [DOCS]      (default 200 documents; `make bench` runs it)
#
# Builds a corpus of DOCS PDFs of 5 to 60 pages each from the fixtures' pages (qpdf), then measures:
#   - pages per second of the whole pipeline (cotejo ingest, 1 and 2 jobs) and of pdftotext -layout;
#   - peak memory (largest resident set of the batch's processes) at 10, 100 and 1,000 documents;
#   - the re-run time of the unchanged corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-200}
OUT=output/bench
deps=""
for p in qpdf poppler-utils time bc; do dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "ok installed" || deps="$deps $p"; done
if [ -n "$deps" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $deps >/dev/null
fi
swift build -c release --product cotejo >/dev/null
BIN="$(swift build -c release --show-bin-path)/cotejo"
rm -rf "$OUT"; mkdir -p "$OUT/corpus" "$OUT/small"

# The fixtures' pages, as (file, page) pairs; each document draws its own mix, so each is unique.
mapfile -t SOURCES < <(for f in fixtures/000.pdf fixtures/001.pdf fixtures/003.pdf fixtures/004.pdf; do
  n=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}'); for p in $(seq 1 "$n"); do echo "$f $p"; done; done)
RANDOM=20261121
make_doc() { # $1 = output path, $2 = page count
  local args=() k pick
  for ((k = 0; k < $2; k++)); do pick=${SOURCES[$((RANDOM % ${#SOURCES[@]}))]}; args+=("${pick% *}" "${pick#* }"); done
  qpdf --empty --pages "${args[@]}" -- "$1"
}
for ((i = 1; i <= DOCS; i++)); do make_doc "$OUT/corpus/doc$(printf %04d $i).pdf" $((5 + RANDOM % 56)); done
for ((i = 1; i <= 1000; i++)); do make_doc "$OUT/small/doc$(printf %04d $i).pdf" $((1 + RANDOM % 3)); done
PAGES=$(for f in "$OUT"/corpus/*.pdf; do pdfinfo "$f" | awk '/^Pages:/ {print $2}'; done | paste -sd+ | bc)
echo "corpus: $DOCS PDFs, $PAGES pages (from the fixtures' layouts); memory corpus: 1000 PDFs of 1-3 pages"

now() { date +%s.%N; }
rate() { echo "scale=1; $1 / $2" | bc; }

t0=$(now); for f in "$OUT"/corpus/*.pdf; do pdftotext -layout "$f" /dev/null; done; t1=$(now)
PDFTOTEXT=$(echo "$t1 - $t0" | bc)
echo "pdftotext -layout:       $(printf %.1f "$PDFTOTEXT") s  $(rate "$PAGES" "$PDFTOTEXT") pages/s"

for jobs in 1 2; do
  rm -f "$OUT"/j$jobs.sqlite*
  t0=$(now); "$BIN" ingest -q --jobs $jobs --db "$OUT/j$jobs.sqlite" "$OUT/corpus" 2>/dev/null || true; t1=$(now)
  T=$(echo "$t1 - $t0" | bc); eval "T$jobs=$T"
  echo "cotejo ingest --jobs $jobs: $(printf %.1f "$T") s  $(rate "$PAGES" "$T") pages/s  ($(echo "scale=2; $T / $PDFTOTEXT" | bc)x pdftotext's time)"
done
echo "speed-up 1 -> 2 jobs:    $(echo "scale=2; $T1 / $T2" | bc)x"
# Like for like: pdftotext reads the text layer only, so the same run with OCR of images of text
# off (pipeline ocr.mode never) is the ratio the speed target is stated in.
printf 'name: bench-text-layer\nocr:\n  mode: never\n' > "$OUT/text_layer.yaml"
rm -f "$OUT"/tl.sqlite*
t0=$(now); "$BIN" ingest -q --jobs 1 --pipeline "$OUT/text_layer.yaml" --db "$OUT/tl.sqlite" "$OUT/corpus" 2>/dev/null || true; t1=$(now)
T=$(echo "$t1 - $t0" | bc)
echo "text layer only (OCR of images off), 1 job: $(printf %.1f "$T") s  $(rate "$PAGES" "$T") pages/s  ($(echo "scale=2; $T / $PDFTOTEXT" | bc)x pdftotext's time)"
# Real PDFs (the shared corpus's and the table benchmark's, when they are next to the project): the
# mixed corpus the speed target is stated on. Text layer only, one job, in workers as a batch reads
# them, against pdftotext -layout on the same files in the same run; CPU time (user + system, the
# workers' included) as well as wall time, since a shared machine's wall time wanders.
REAL_DIRS=${REAL_DIRS:-"../shared/corpus ../shared/bench/tables/pdfs"}
mkdir -p "$OUT/real"
n=0
for d in $REAL_DIRS; do
  [ -d "$d" ] || continue
  while IFS= read -r f; do n=$((n + 1)); cp "$f" "$OUT/real/$(printf %03d $n)_$(basename "$f")"; done < <(find "$d" -name '*.pdf' | sort)
done
if [ "$n" -gt 0 ]; then
  RPAGES=$(for f in "$OUT"/real/*.pdf; do pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'; done | paste -sd+ | bc)
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$OUT/real.pt" bash -c 'for f in "$0"/*.pdf; do pdftotext -layout "$f" /dev/null 2>/dev/null; done' "$OUT/real"
  t1=$(now)
  rm -f "$OUT"/real.sqlite*
  /usr/bin/time -f "%U %S" -o "$OUT/real.ct" "$BIN" ingest -q --jobs 1 --pipeline "$OUT/text_layer.yaml" --db "$OUT/real.sqlite" "$OUT/real" >/dev/null 2>&1 || true
  t2=$(now)
  python3 - "$n" "$RPAGES" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$OUT/real.pt" "$OUT/real.ct" <<'PY'
import sys
n, pages, wall_p, wall_c = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
cpu = [sum(map(float, open(f).read().split()[-2:])) for f in sys.argv[5:7]]
print(f"real PDFs, {n} files, {pages} pages, text layer, 1 job: pdftotext -layout {wall_p:.1f} s wall, {cpu[0]:.1f} s CPU; "
      f"cotejo {wall_c:.1f} s wall, {cpu[1]:.1f} s CPU: {wall_c / wall_p:.2f}x pdftotext's wall time, {cpu[1] / cpu[0]:.2f}x its CPU time")
PY
fi

# Short documents show what a child process per document would cost: the batch's workers are
# long-lived, so isolation should cost little over reading in-process.
mkdir -p "$OUT/short"; cp "$OUT"/small/doc00[0-9][0-9].pdf "$OUT"/small/doc0100.pdf "$OUT/short/" 2>/dev/null
for mode in isolated in-process; do
  flag=""; [ "$mode" = in-process ] && flag="--no-isolation"
  rm -f "$OUT"/short.sqlite*
  t0=$(now); "$BIN" ingest -q --jobs 1 $flag --db "$OUT/short.sqlite" "$OUT/short" 2>/dev/null || true; t1=$(now)
  echo "100 PDFs of 1-3 pages, 1 job, $mode: $(printf %.1f "$(echo "$t1 - $t0" | bc)") s"
done
t0=$(now); "$BIN" ingest -q --jobs 2 --db "$OUT/j2.sqlite" "$OUT/corpus" 2>/dev/null; t1=$(now)
R=$(echo "$t1 - $t0" | bc)
echo "unchanged re-run:        $(printf %.2f "$R") s  ($(echo "scale=2; 100 * $R / $T2" | bc) % of the first run)"

mkdir -p "$OUT/m10" "$OUT/m100"
cp "$OUT"/small/doc000[1-9].pdf "$OUT"/small/doc0010.pdf "$OUT/m10/"
cp "$OUT"/small/doc00[0-9][0-9].pdf "$OUT"/small/doc0100.pdf "$OUT/m100/" 2>/dev/null
# GNU time's figure is the largest resident set among the batch's processes (parent and workers).
for set in m10 m100 small; do
  rm -f "$OUT/$set.sqlite"*
  n=$(ls "$OUT/$set" | wc -l)
  /usr/bin/time -f "%M" -o "$OUT/$set.mem" "$BIN" ingest -q --jobs 2 --db "$OUT/$set.sqlite" "$OUT/$set" >/dev/null 2>&1 || true
  echo "peak memory, $n documents: $(( $(tail -1 "$OUT/$set.mem") / 1024 )) MB"
done

# OCR: fixture pages rendered as 200-dpi gray PNG images, as a scanner gives them, read by OCR.
mkdir -p "$OUT/scans"
for f in fixtures/000.pdf fixtures/003.pdf fixtures/004.pdf; do
  pdftoppm -r 200 -gray -png -f 1 -l 2 "$f" "$OUT/scans/$(basename "$f" .pdf)"
done
N=$(ls "$OUT/scans" | wc -l)
rm -f "$OUT/scans.sqlite"*
t0=$(now); "$BIN" ingest -q --jobs 1 --db "$OUT/scans.sqlite" "$OUT/scans" >/dev/null 2>&1 || true; t1=$(now)
T=$(echo "$t1 - $t0" | bc)
echo "OCR, $N scanned pages (1 job): $(printf %.1f "$T") s  $(echo "scale=2; $T / $N" | bc) s per page"
OCR_PER_PAGE=$(echo "scale=3; $T / $N" | bc)

# Cost model (issue 16): what one core does in a day, and the cores 10^5 documents a day need, at
# this corpus's mean document length, born-digital and scanned (every page read by OCR).
python3 - "$DOCS" "$PAGES" "$T1" "$T2" "$OCR_PER_PAGE" <<'PY'
import math, sys
docs, pages, t1, t2, ocr = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
per_page, per_doc, mean_pages = t1 / pages, t1 / docs, pages / docs
print(f"cost at 1 job: {per_doc:.3f} s per document, {1000 * per_page:.1f} ms per page ({mean_pages:.1f} pages per document)")
print(f"cost at 2 jobs: {t2 / docs:.3f} s per document of wall time ({t1 / t2:.2f}x the 1-job rate)")
day = 86400
rows = [("born-digital PDF", per_doc), ("scanned PDF (OCR on every page)", per_doc + mean_pages * ocr)]
print("| documents | s per document (1 core) | documents per day per core | cores for 100,000 documents a day |")
print("| --- | --- | --- | --- |")
for name, cost in rows:
    print(f"| {name} | {cost:.2f} | {day / cost:,.0f} | {math.ceil(100000 * cost / day)} |")
PY

# Born-digital pages never pay for OCR: none of the corpus's pages was read by it.
python3 - "$OUT/j2.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
total, ocr = db.execute("SELECT count(*), coalesce(sum(ocr), 0) FROM pages").fetchone()
print(f"pages read by OCR in the born-digital corpus: {ocr} of {total}")
PY

# Workbooks: a follow-up sheet of ROWS activities × 40 columns (scripts/make_workbook.py), read in
# this process with no limits, so that the figures show the reading's own cost. Flat rows per second
# from 5,000 to 40,000 rows means the reading is linear in the sheet.
mkdir -p "$OUT/sheets"
for rows in ${SHEET_ROWS:-5000 10000 20000 40000}; do
  python3 scripts/make_workbook.py "$OUT/sheets/s$rows.xlsx" "$rows" 40
  rm -f "$OUT/sheets/s$rows.sqlite"*
  t0=$(now)
  /usr/bin/time -f "%M" -o "$OUT/sheets/s$rows.mem" "$BIN" ingest -q --no-isolation --jobs 1 \
    --db "$OUT/sheets/s$rows.sqlite" "$OUT/sheets/s$rows.xlsx" >/dev/null 2>&1 || true
  t1=$(now)
  T=$(echo "$t1 - $t0" | bc)
  echo "workbook, $rows rows × 40 columns: $(printf %.1f "$T") s  $(echo "$rows / $T" | bc) rows per second  peak $(( $(tail -1 "$OUT/sheets/s$rows.mem") / 1024 )) MB"
done
# The same sheets as a batch reads them: in a worker, under the default limits (1,024 MB of address
# space, 120 s), so that the figures include sending the cells back to the batch.
for rows in ${SHEET_ROWS_ISOLATED:-10000 30000}; do
  [ -f "$OUT/sheets/s$rows.xlsx" ] || python3 scripts/make_workbook.py "$OUT/sheets/s$rows.xlsx" "$rows" 40
  rm -f "$OUT/sheets/i$rows.sqlite"*
  t0=$(now)
  /usr/bin/time -f "%M" -o "$OUT/sheets/i$rows.mem" "$BIN" ingest -q --jobs 1 \
    --db "$OUT/sheets/i$rows.sqlite" "$OUT/sheets/s$rows.xlsx" >/dev/null 2>&1 || true
  t1=$(now)
  T=$(echo "$t1 - $t0" | bc)
  STATUS=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select status from documents').fetchone()[0])" "$OUT/sheets/i$rows.sqlite" 2>/dev/null || echo "?")
  echo "workbook in a worker, $rows rows × 40 columns: $(printf %.1f "$T") s  $(echo "$rows / $T" | bc) rows per second  peak $(( $(tail -1 "$OUT/sheets/i$rows.mem") / 1024 )) MB  ($STATUS)"
done
