/* static-hello: a statically linked program (no interpreter, no libc.so)
 * prints a line and checks stat("/") is a directory and a missing path gives
 * ENOENT. */
#include "prog.h"

#include <sys/auxv.h>
#include <sys/stat.h>

int main(void)
{
	struct stat st;

	if (getauxval(AT_BASE) != 0)
		fail("loaded with an interpreter: not a static binary");
	check(stat("/", &st) == 0, "stat /");
	check(S_ISDIR(st.st_mode), "/ is not a directory (mode 0%o)", (unsigned)st.st_mode);
	check(stat("/nonexistent/iamroot-test", &st) == -1 && errno == ENOENT,
	      "stat of a missing path did not fail with ENOENT");
	printf("hello from a static binary\n");
	return 0;
}
