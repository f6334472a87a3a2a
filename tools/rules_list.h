/* rules_list: the rule table, one row per rule, in id order (the order of the catalogue).
     RULE(NAME, "id", pass, check, messages)
   NAME makes R_NAME, the rule's index; pass says when its check runs (see rules_pass in
   rules_impl.h); check is the function that finds it: a whole-document pass takes
   void check(rules_run *), RULES_PASS_TEXT takes void check(rules_run *, size_t from,
   size_t to) over a range of entries. One check may serve several rows (it is run once); a
   rule found outside the engine (by the reader, the schema, the suppression) has pass
   RULES_PASS_NONE and check NULL. messages names the messages its check uses, space
   separated ("" the rule's only, unnamed one; NULL none): the built-in catalogue must define
   each (schema/rules.xml), and a config may override each by name. A new rule is its check in its own file, one row here and
   its texts in schema/rules.xml (with golden cases in tests/cases/rules/). */
RULE(DUPLICATE_ANSWER, "duplicate-answer", RULES_PASS_SIDE, rules_check_dup_answers, "")
RULE(DUPLICATE_QUESTION, "duplicate-question", RULES_PASS_MAIN, rules_check_dup_questions, "")
RULE(FAQPAGE_MULTIPLE, "faqpage-multiple", RULES_PASS_MAIN, rules_check_page, "")
RULE(FAQPAGE_PROFILE, "faqpage-profile", RULES_PASS_MAIN, rules_check_page, "")
RULE(JSONLD_SYNTAX, "jsonld-syntax", RULES_PASS_MAIN, rules_check_page, "")
RULE(MARKUP_DIFFERS, "markup-differs", RULES_PASS_MAIN, rules_check_page, "question answer")
RULE(MARKUP_MISSING, "markup-missing", RULES_PASS_MAIN, rules_check_page, "")
RULE(MARKUP_NOT_VISIBLE, "markup-not-visible", RULES_PASS_MAIN, rules_check_page, "question answer")
RULE(META, "meta-commentary", RULES_PASS_TEXT, rules_check_text_range, "")
RULE(MISSING_ANSWER, "missing-answer", RULES_PASS_ANSWERS, rules_check_answers, "none placeholder")
RULE(NEAR_DUPLICATE, "near-duplicate-question", RULES_PASS_MAIN, rules_check_dup_questions, "")
RULE(AFTER_CONCLUSION, "question-after-conclusion", RULES_PASS_MAIN, rules_check_form, "")
RULE(QUESTION_FORM, "question-form", RULES_PASS_MAIN, rules_check_form, "mark length sentences")
RULE(SCHEMA, "schema", RULES_PASS_NONE, NULL, NULL)
RULE(STRUCTURE, "structure", RULES_PASS_NONE, NULL, NULL)
RULE(CLAIM, "unsupported-claim", RULES_PASS_TEXT, rules_check_text_range, "")
RULE(UNUSED, "unused-suppression", RULES_PASS_NONE, NULL, "unused unknown")
