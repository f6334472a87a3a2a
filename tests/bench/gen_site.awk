# gen_site.awk: a generated static site (the output folder of a site generator) for the site
# check (tests/checks/site_lint.sh) and the site benchmark (tests/bench/run.sh).
#
#   awk -v pages=N -v out=DIR [-v defects=1] -f tests/bench/gen_site.awk
#
# Writes N pages as DIR/sNN/pNNNNN.html (one hundred sections) with a header, navigation,
# an article and a footer, as Hugo, Jekyll or Eleventy themes write them. Every third page
# (i % 3 == 0) is a FAQ page: 6 to 10 questions in <details> blocks and a FAQPage JSON-LD
# block that says the same (typographic quotes and entities on one side, plain text on the
# other, as CMS plugins write them). The other pages have no FAQ: prose, a WebSite JSON-LD
# block, headings that are not questions.
#
# defects=1: FAQ page number k = i / 3 gets, by k % 10:
#   1  one answer changed in the markup              markup-differs      1 a page
#   3  one question marked up the page does not show markup-not-visible  1
#   5  one visible question the markup leaves out    markup-missing      1
#   7  the FAQPage only, no visible FAQ              markup-not-visible  one per question
#   9  the JSON-LD block broken (a trailing comma)   jsonld-syntax       1
# and prints, on standard output, the number of each finding a lint of the site must give
# ("RULE COUNT" lines) and "skipped COUNT" (the pages without FAQ).
# Deterministic: the same arguments give the same bytes.
BEGIN {
    if (pages == "" || out == "") { print "usage: awk -v pages=N -v out=DIR [-v defects=1] -f gen_site.awk" > "/dev/stderr"; exit 2 }
    nv = split("ship return exchange repair rent book cancel insure collect track store clean", verb, " ")
    nn = split("bicycle trailer helmet saddle wheel lamp lock basket pump chain tyre bell mudguard rack", noun, " ")
    np = split("account checkout service contact returns workshop", place, " ")
    cmd = "mkdir -p"
    for (s = 0; s < 100; s++) cmd = cmd sprintf(" '%s/s%02d'", out, s)
    if (system(cmd) != 0) exit 2
    for (i = 0; i < pages + 0; i++) page(i)
    if (defects) {
        printf "markup-differs %d\nmarkup-not-visible %d\nmarkup-missing %d\njsonld-syntax %d\nskipped %d\n", \
            c["differs"], c["notvis"], c["missing"], c["syntax"], c["skipped"]
    }
}

function q_of(i, j) { return sprintf("Can I %s the %s of order %d?", verb[(i + j) % nv + 1], noun[(i * 7 + j) % nn + 1], j + 1) }
function a_of(i, j) {
    return sprintf("Yes: open the %s page and choose \"%s\"; it takes %d working days for the %s.", \
        place[(i + j) % np + 1], verb[(i + j) % nv + 1], j % 5 + 2, noun[(i * 7 + j) % nn + 1])
}
# the same answer as a CMS writes it into JSON-LD: typographic quotes
function a_ld(i, j,   s) { s = a_of(i, j); sub(/"/, "\342\200\234", s); sub(/"/, "\342\200\235", s); return s }

# the answer as the markup kept it from an older version of the page
function a_changed(i, j,   s) { s = a_ld(i, j); sub(/working days/, "weeks", s); return s }

function head(f, title, i) {
    print "<!DOCTYPE html>" > f
    print "<html lang=\"en\">" > f
    print "<head>" > f
    print "<meta charset=\"utf-8\">" > f
    print "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" > f
    printf "<title>%s | Example Cycles</title>\n", title > f
    printf "<link rel=\"canonical\" href=\"https://cycles.example/s%02d/p%05d/\">\n", i % 100, i > f
    print "<link rel=\"stylesheet\" href=\"/css/main.css\">" > f
    print "<script>window.dataLayer = window.dataLayer || []; /* <details><summary>Not content?</summary></details> */</script>" > f
}

function chrome(f) {
    print "<header class=\"site-header\"><a class=\"logo\" href=\"/\">Example Cycles</a>" > f
    print "<nav><ul><li><a href=\"/shop/\">Shop</a></li><li><a href=\"/workshop/\">Workshop</a></li><li><a href=\"/help/\">Help</a></li></ul></nav></header>" > f
}

function foot(f) {
    print "<footer class=\"site-footer\"><p>&copy; Example Cycles &middot; <a href=\"/privacy/\">Privacy</a></p></footer>" > f
    print "<script src=\"/js/main.js\" defer></script>" > f
    print "</body>" > f
    print "</html>" > f
}

function prose(f, i,   p, w) {
    for (p = 0; p < 4; p++) {
        printf "<p>The %s and the %s are checked in the workshop before they leave; ", noun[(i + p) % nn + 1], noun[(i + 3 * p) % nn + 1] > f
        printf "read more on the <a href=\"/s%02d/p%05d/\">%s page</a> &amp; in the handbook, section %d.</p>\n", (i + p) % 100, (i + p + 1) % (pages + 0), place[(i + p) % np + 1], p + 1 > f
    }
}

function page(i,   f, k, nq, j, defect, title, sep) {
    f = sprintf("%s/s%02d/p%05d.html", out, i % 100, i)
    if (i % 3 != 0) { # no FAQ
        title = sprintf("The %s workshop notes %d", noun[i % nn + 1], i)
        head(f, title, i)
        print "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"WebSite\", \"name\": \"Example Cycles\", \"url\": \"https://cycles.example/\"}</script>" > f
        print "</head>" > f
        print "<body>" > f
        chrome(f)
        printf "<main><article><h1>%s</h1>\n", title > f
        prose(f, i)
        printf "<h2>Opening hours</h2>\n<p>Monday to Saturday.</p>\n</article></main>\n" > f
        foot(f)
        close(f)
        c["skipped"]++
        return
    }
    k = int(i / 3)
    defect = defects ? k % 10 : 0
    nq = 6 + i % 5
    title = sprintf("Questions about the %s", noun[i % nn + 1])
    head(f, title, i)
    print "<script type=\"application/ld+json\">" > f
    print "{\"@context\": \"https://schema.org\", \"@type\": \"FAQPage\", \"mainEntity\": [" > f
    sep = ""
    for (j = 0; j < nq; j++) {
        if (defect == 5 && j == nq - 1) continue # left out of the markup
        printf "%s  {\"@type\": \"Question\", \"name\": \"%s\",\n   \"acceptedAnswer\": {\"@type\": \"Answer\", \"text\": \"<p>%s</p>\"}}", \
            sep, q_of(i, j), (defect == 1 && j == 2) ? a_changed(i, j) : a_ld(i, j) > f
        sep = ",\n"
    }
    if (defect == 3)
        printf "%s  {\"@type\": \"Question\", \"name\": \"Do you sell gift vouchers for the %s?\",\n   \"acceptedAnswer\": {\"@type\": \"Answer\", \"text\": \"Yes, in the shop.\"}}", sep, noun[i % nn + 1] > f
    printf "%s\n]}\n</script>\n", defect == 9 ? "," : "" > f
    print "</head>" > f
    print "<body>" > f
    chrome(f)
    printf "<main><article><h1>%s</h1>\n", title > f
    printf "<p>Answers to what customers ask about the %s.</p>\n", noun[i % nn + 1] > f
    if (defect != 7)
        for (j = 0; j < nq; j++) {
            printf "<details class=\"faq-item\"><summary>%s</summary>\n<p>%s</p></details>\n", q_of(i, j), a_of(i, j) > f
        }
    print "</article></main>" > f
    foot(f)
    close(f)
    if (defect == 1) c["differs"]++
    if (defect == 3) c["notvis"]++
    if (defect == 5) c["missing"]++
    if (defect == 7) c["notvis"] += nq
    if (defect == 9) c["syntax"]++
}
