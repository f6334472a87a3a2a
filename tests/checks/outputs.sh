#!/bin/sh
# outputs.sh: where exports and reports go. An export never overwrites its own input; -o onto a
# device or a FIFO writes through it (the device stays a device); -o onto a symbolic link
# replaces the file it names and keeps the link; a refused export and an unreadable input both
# remove the exports an earlier run left; a report that cannot be written is exit 2; `lint DIR`
# skips FIFOs and symbolic links to directories (no hang, no file linted twice).
# Exit 0 pass, 1 fail.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
FAQ=${FAQ:-$top/build/faq}
case $FAQ in /*) ;; *) FAQ="$top/$FAQ" ;; esac
RUN=${RUN:-$FAQ}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { fails=$((fails + 1)); echo "FAIL $*"; }
cd "$tmp" || exit 1

good='Title

What is it?
A thing for the scalp.
'
bad='Title

What is it?
TBD
'
printf '%s' "$good" > good.txt
printf '%s' "$bad" > bad.txt

# 1. The input itself as the target: refused (exit 2), the input unchanged.
for f in good.txt bad.txt; do
  cp "$f" in.txt
  $RUN export --to text -o in.txt in.txt > /dev/null 2> err
  rc=$?
  [ $rc -eq 2 ] || fail "export -o INPUT INPUT ($f): exit $rc, wanted 2"
  grep -q 'is the input itself' err || fail "export -o INPUT ($f): no clear message: $(cat err)"
  cmp -s "$f" in.txt || fail "export -o INPUT ($f): the input changed or vanished"
  mkdir -p d && cp "$f" d/in.txt
  $RUN export --to xml,text -o d/ d/in.txt > /dev/null 2> err
  rc=$?
  [ $rc -eq 2 ] || fail "export -o DIR/ where DIR/NAME.txt is the input ($f): exit $rc, wanted 2"
  cmp -s "$f" d/in.txt || fail "export -o DIR/ ($f): the input changed or vanished"
  [ -e d/in.xml ] && fail "export -o DIR/ onto the input ($f): wrote d/in.xml anyway"
  rm -rf d
done

# 2. A FIFO as the target gets the export; the FIFO stays a FIFO.
mkfifo fifo
timeout 20 cat fifo > from-fifo &
reader=$!
if $RUN export --to jsonld -o fifo good.txt > /dev/null 2> err; then :; else fail "export -o FIFO: exit $? ($(cat err))"; fi
wait $reader
[ -p fifo ] || fail "export -o FIFO: the FIFO was replaced"
$RUN export --to jsonld good.txt > want.jsonld 2> /dev/null
cmp -s from-fifo want.jsonld || fail "export -o FIFO: the reader did not get the export"

# 3. A character device: /dev/null stays a device (the check only reads its type).
if [ -c /dev/null ]; then
  $RUN export --to xml -o /dev/null good.txt > /dev/null 2> err || fail "export -o /dev/null: exit $? ($(cat err))"
  [ -c /dev/null ] || fail "export -o /dev/null replaced /dev/null"
fi

# 4. A symbolic link: the file it names gets the export, the link stays a link.
echo old > real.jsonld
ln -s real.jsonld link.jsonld
$RUN export --to jsonld -o link.jsonld good.txt > /dev/null 2> err || fail "export -o LINK: exit $? ($(cat err))"
[ -L link.jsonld ] || fail "export -o LINK: the link was replaced by a file"
cmp -s real.jsonld want.jsonld || fail "export -o LINK: the linked file does not hold the export"
ln -s nowhere/x.jsonld dangling.jsonld
$RUN export --to jsonld -o dangling.jsonld good.txt > /dev/null 2> err
rc=$?
[ $rc -eq 2 ] || fail "export -o DANGLING-LINK: exit $rc, wanted 2"
grep -q 'symbolic link to nothing' err || fail "export -o DANGLING-LINK: no clear message: $(cat err)"

# 5. Stale exports: removed when the content has errors, and when the input is unreadable.
mkdir out
cp good.txt x.txt
$RUN export --to xml,jsonld,text,html -o out/ x.txt > /dev/null 2>&1 || fail "export of good content failed"
[ "$(ls out | wc -l)" -eq 4 ] || fail "export -o out/ did not write 4 files: $(ls out)"
cp bad.txt x.txt
$RUN export --to xml,jsonld,text,html -o out/ x.txt > /dev/null 2> err
rc=$?
[ $rc -eq 1 ] || fail "refused export: exit $rc, wanted 1"
[ -z "$(ls out)" ] || fail "refused export left stale files: $(ls out)"
cp good.txt x.txt
$RUN export --to xml,jsonld,text,html -o out/ x.txt > /dev/null 2>&1
printf 'Title\0\n' > x.txt
$RUN export --to xml,jsonld,text,html -o out/ x.txt > /dev/null 2> err
rc=$?
[ $rc -eq 2 ] || fail "export of an unreadable input: exit $rc, wanted 2"
[ -z "$(ls out)" ] || fail "export of an unreadable input left stale files: $(ls out)"
grep -q 'x.txt:1:6: error: NUL' err || fail "unreadable input: no positioned message: $(cat err)"

# 6. A report that cannot be written is an I/O error (exit 2), in every format.
if [ -c /dev/full ]; then
  for fmt in human json sarif github junit; do
    $RUN lint --format $fmt bad.txt > /dev/full 2> err
    rc=$?
    [ $rc -eq 2 ] || fail "lint --format $fmt > /dev/full: exit $rc, wanted 2"
    grep -q 'cannot write' err || fail "lint --format $fmt > /dev/full: no message"
  done
fi

# 7. lint DIR with a FIFO and symbolic-link loops among the files: bounded, each file once.
mkdir -p tree/sub
cp bad.txt tree/a.txt
cp bad.txt tree/sub/b.txt
ln -s . tree/self
ln -s .. tree/sub/up
mkfifo tree/c.txt
timeout 20 $RUN lint tree > lint.out 2>&1
rc=$?
[ $rc -eq 1 ] || fail "lint DIR with links and a FIFO: exit $rc, wanted 1 ($(head -3 lint.out))"
n=$(grep -c 'missing-answer' lint.out)
[ "$n" -eq 2 ] || fail "lint DIR with links: $n findings, wanted 2 (each file once): $(cat lint.out)"

[ $fails -eq 0 ] || exit 1
echo "outputs: all cases pass"
exit 0
