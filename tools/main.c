/* main: the faq binary's entry point. */
#include "cli.h"

int main(int argc, char **argv) { return faq_main(argc, argv); }
