/* sigkill-self: kill(getpid(), SIGKILL).  A shell reports status 137; if the
 * process survives it says so and exits 1. */
#include "prog.h"

#include <signal.h>

int main(void)
{
	check(kill(getpid(), SIGKILL) == 0, "kill(getpid(), SIGKILL)");
	sleep(1);
	fail("still alive after SIGKILL to itself");
}
