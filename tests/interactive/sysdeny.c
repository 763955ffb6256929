/* sysdeny MODE CMD [ARGS...]: run CMD with a facility iamroot-run needs made
 * unavailable, as on a kernel or in a container that lacks it.
 *
 *   ptrace   ptrace() fails with EPERM
 *   seccomp  seccomp() and prctl(PR_SET_SECCOMP) fail with EINVAL
 *
 * The filter is installed with NO_NEW_PRIVS (no privilege needed) and is
 * inherited by CMD and everything it starts.  Before exec'ing CMD the helper
 * checks that the filter has the intended effect, so that a test using it
 * cannot pass for the wrong reason.  Exit status 99 means the helper itself
 * failed. */
#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

static int die(const char *what, int err)
{
	fprintf(stderr, "sysdeny: %s: %s\n", what, strerror(err));
	return 99;
}

int main(int argc, char **argv)
{
	scmp_filter_ctx ctx;
	int ptrace_mode, rc;

	if (argc < 3 || (strcmp(argv[1], "ptrace") && strcmp(argv[1], "seccomp"))) {
		fprintf(stderr, "usage: sysdeny ptrace|seccomp CMD [ARGS...]\n");
		return 99;
	}
	ptrace_mode = !strcmp(argv[1], "ptrace");

	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return die("seccomp_init", ENOMEM);
	if (ptrace_mode) {
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ptrace), 0);
	} else {
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EINVAL), SCMP_SYS(seccomp), 0);
		if (rc == 0)
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EINVAL), SCMP_SYS(prctl), 1,
					      SCMP_A0(SCMP_CMP_EQ, PR_SET_SECCOMP));
	}
	if (rc < 0)
		return die("seccomp_rule_add", -rc);
	/* seccomp_load sets NO_NEW_PRIVS itself (SCMP_FLTATR_CTL_NNP defaults
	 * to on); say so explicitly all the same. */
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1);
	if (rc < 0)
		return die("seccomp_attr_set", -rc);
	rc = seccomp_load(ctx);
	if (rc < 0)
		return die("seccomp_load", -rc);
	seccomp_release(ctx);

	/* Self-check. */
	if (ptrace_mode) {
		/* Without the filter: ESRCH (no such tracee). */
		errno = 0;
		if (syscall(SYS_ptrace, PTRACE_PEEKUSER, 0, 0, 0) != -1 || errno != EPERM)
			return die("self-check: ptrace() was not refused with EPERM", errno);
	} else {
		unsigned int action = SECCOMP_RET_ALLOW;

		/* Without the filter both succeed. */
		errno = 0;
		if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) != -1 ||
		    errno != EINVAL)
			return die("self-check: seccomp() was not refused with EINVAL", errno);
		errno = 0;
		/* Without the filter: EFAULT (NULL program). */
		if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL, 0, 0) != -1 ||
		    errno != EINVAL)
			return die("self-check: prctl(PR_SET_SECCOMP) was not refused with EINVAL",
				   errno);
		if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
			return die("self-check: prctl() other than PR_SET_SECCOMP broken", errno);
	}

	execvp(argv[2], argv + 2);
	return die(argv[2], errno);
}
