# exports.sh: sourced by the export validators; writes the exports they check.
# make_exports FORMAT DIR: runs "$FAQ export --to FORMAT" into DIR on
#   - every file in content/ as it is                         -> DIR/NAME.EXT
#   - the same with --url https://example.com/faq/NAME --lang en -> DIR/NAME-url.EXT
#   - for jsonld, --graph with a Rank Math-style page @id      -> DIR/NAME-graph.jsonld
#   - every tests/cases/export/*.txt with its NAME.args, when that export succeeds -> DIR/case-NAME.EXT
# A content export that fails is reported and makes make_exports return 1.

: "${top:?set top to the repository root before sourcing exports.sh}"

make_exports() {
  fmt=$1; dir=$2; ext=$fmt; rc=0
  [ "$fmt" = text ] && ext=txt
  for f in "$top"/content/*.txt "$top"/content/*.xml; do
    [ -f "$f" ] || continue
    n=$(basename "$f"); n=${n%.*}
    for variant in plain url graph; do
      case $variant in
        plain) set -- ; out="$dir/$n.$ext" ;;
        url) set -- --url "https://example.com/faq/$n" --lang en; out="$dir/$n-url.$ext" ;;
        graph) [ "$fmt" = jsonld ] || continue
               set -- --graph --url "https://example.com/faq/$n#webpage"; out="$dir/$n-graph.$ext" ;;
      esac
      if ! "$FAQ" export --to "$fmt" "$@" "$f" > "$out" 2> "$dir/err"; then
        echo "faq export --to $fmt $* $f failed:"; head -n 20 "$dir/err"; rm -f "$out"; rc=1
      fi
    done
  done
  for f in "$top"/tests/cases/export/*.txt; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .txt)
    args=""
    [ -f "${f%.txt}.args" ] && args=$(cat "${f%.txt}.args")
    # shellcheck disable=SC2086
    (cd "$(dirname "$f")" && "$FAQ" export --to "$fmt" $args "$n.txt") > "$dir/case-$n.$ext" 2>/dev/null ||
      rm -f "$dir/case-$n.$ext"
  done
  return $rc
}
