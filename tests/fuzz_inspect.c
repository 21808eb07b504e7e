/* libFuzzer target for inspect: parsing any input must neither crash, hang
 * nor leak, and what it returns must be printable by check.  Seeds are in
 * tests/fuzz/inspect (regenerate with INSPECT_SEED_DIR, see test_inspect.c). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../src/inspect.h"
#include "../src/util.h"
#include "../src/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *allow[] = {"KERNEL32.dll", "/usr/lib/*", "lib[a-c]*.so.[0-9]"};
	struct check_report rep = {.path = "fuzz"};
	struct check_opts o = {.allow = allow, .nallow = 3};
	struct buf b = {0};

	if (inspect_parse(data, size, &rep.res) == NULL) {
		rep.parsed = true;
		for (size_t i = 0; i < rep.res.nimages; i++) {
			struct inspect_image *im = &rep.res.images[i];

			if (!im->arch || !im->os || (im->bits != 32 && im->bits != 64))
				abort();
			for (size_t j = 0; j < im->nneeded; j++)
				check_allowed(&o, im->needed[j], true);
			for (size_t j = 0; j < im->nversions; j++)
				if (!im->versions[j].file || !im->versions[j].name)
					abort();
			check_highest(im, "GLIBC_");
		}
		if (rep.res.nimages == 0)
			abort();
		check_describe(&rep, &b);
		check_json(&rep, &b);
	}
	buf_free(&b);
	inspect_free(&rep.res);
	return 0;
}
