/* static-pie: a static PIE (self-relocating, no interpreter, loaded at a
 * random address) checks it really is ET_DYN, prints a line, and checks
 * stat("/") is a directory and a missing path gives ENOENT. */
#include "prog.h"

#include <elf.h>
#include <link.h>
#include <sys/auxv.h>
#include <sys/stat.h>

extern const ElfW(Ehdr) __ehdr_start;	/* the linker's symbol for our ELF header */

int main(void)
{
	struct stat st;

	if (__ehdr_start.e_type != ET_DYN)
		fail("not built as a static PIE (e_type %u, not ET_DYN)",
		     (unsigned)__ehdr_start.e_type);
	if (getauxval(AT_BASE) != 0)
		fail("loaded with an interpreter: not a static binary");
	check(stat("/", &st) == 0, "stat /");
	check(S_ISDIR(st.st_mode), "/ is not a directory (mode 0%o)", (unsigned)st.st_mode);
	check(stat("/nonexistent/iamroot-test", &st) == -1 && errno == ENOENT,
	      "stat of a missing path did not fail with ENOENT");
	printf("hello from a static PIE\n");
	return 0;
}
