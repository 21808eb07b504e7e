/* matrix: the job list a CI system fans the build out over */

/* goninja matrix [--json] [--by platform|binary] [--shards N | --shard I/N [--targets]] */
int matrix_main(int argc, char **argv);
/* the qemu-user program that runs linux binaries of arch here, or NULL
 * when none is needed (native, 386 on amd64) or none exists */
const char *matrix_qemu(const char *os, const char *arch, const char *hostarch);
