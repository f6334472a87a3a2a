/* cli: the command line; main() calls faq_main. */
#ifndef FAQ_CLI_H
#define FAQ_CLI_H

/* Runs faq with argv; returns the exit status (0, 1 or 2). */
int faq_main(int argc, char **argv);

#endif
