/* exit-code N: exits with status N (0-255). */
#include "prog.h"

int main(int argc, char **argv)
{
	char *end;
	long n;

	if (argc != 2)
		fail("usage: exit-code N");
	errno = 0;
	n = strtol(argv[1], &end, 10);
	if (errno || *end || end == argv[1] || n < 0 || n > 255)
		fail("bad exit code '%s'", argv[1]);
	return (int)n;
}
