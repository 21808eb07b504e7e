/* matrix: the job list a CI system fans the build out over */

/* goninja matrix [--json] [--by platform|binary] [--shards N | --shard I/N [--targets]] */
int matrix_main(int argc, char **argv);
