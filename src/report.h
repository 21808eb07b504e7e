/* report: the built matrix at a glance, and out/artifacts.json */

/* goninja report [--json] [options]: exit 0, or 1 when an output is missing */
int report_main(int argc, char **argv);
