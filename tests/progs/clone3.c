/* clone3 [PROG]: raw clone3 syscalls: a fork-like child (exit_signal SIGCHLD)
 * that exits 42, and on x86_64 a CLONE_VM|CLONE_VFORK child on its own stack
 * that writes to the shared memory and exits 43, then one that execs PROG
 * (default /bin/true).  Checks wait statuses and the shared write.  Exits 77
 * when the kernel has no clone3.  Proves a supervisor follows clone3
 * children. */
#include "prog.h"

#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef CLONE_VM
#define CLONE_VM 0x00000100
#endif
#ifndef CLONE_VFORK
#define CLONE_VFORK 0x00004000
#endif

/* struct clone_args, version 0 (64 bytes), as in linux/sched.h. */
struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls;
};

static int wait_exit(pid_t child, const char *what)
{
	int status;

	check(waitpid(child, &status, 0) == child, "%s: waitpid %d", what, (int)child);
	if (!WIFEXITED(status))
		fail("%s: child did not exit normally (status 0x%x)", what, status);
	return WEXITSTATUS(status);
}

#ifdef __x86_64__
/* clone3 where the child starts on a new stack: it cannot return through
 * libc's syscall(), so the child branch calls fn(arg) and exits with its
 * result without touching the parent's stack. */
static long clone3_run(struct clone3_args *ca, int (*fn)(void *), void *arg)
{
	register long rax __asm__("rax") = SYS_clone3;
	register void *r12 __asm__("r12") = (void *)fn;
	register void *r13 __asm__("r13") = arg;

	__asm__ volatile(
		"syscall\n\t"
		"test %%rax, %%rax\n\t"
		"jnz 1f\n\t"
		"xor %%ebp, %%ebp\n\t"
		"and $-16, %%rsp\n\t"
		"mov %%r13, %%rdi\n\t"
		"call *%%r12\n\t"
		"mov %%eax, %%edi\n\t"
		"mov $60, %%eax\n\t"	/* SYS_exit */
		"syscall\n\t"
		"hlt\n"
		"1:\n\t"
		: "+r"(rax)
		: "D"(ca), "S"(sizeof(*ca)), "r"(r12), "r"(r13)
		: "rcx", "r11", "memory");
	return rax;
}

static volatile int shared_word;
static char child_stack[64 * 1024] __attribute__((aligned(16)));

/* Runs in the CLONE_VM child: raw syscalls only, no libc state. */
static int vm_child(void *arg)
{
	if (syscall(SYS_getpid) == (long)(intptr_t)arg)
		return 99;	/* same pid as the parent: not a new process */
	shared_word = 0x5eed;
	return 43;
}

static int exec_child(void *arg)
{
	char *const argv[] = { arg, NULL };
	char *const envp[] = { NULL };

	syscall(SYS_execve, arg, argv, envp);
	return 127;
}

static void vm_children(const char *prog)
{
	struct clone3_args ca = {
		.flags = CLONE_VM | CLONE_VFORK,
		.exit_signal = SIGCHLD,
		.stack = (uint64_t)(uintptr_t)child_stack,
		.stack_size = sizeof(child_stack),
	};
	long child;
	int st;

	child = clone3_run(&ca, vm_child, (void *)(intptr_t)getpid());
	if (child < 0)
		fail("clone3(CLONE_VM|CLONE_VFORK): %s", strerror((int)-child));
	/* CLONE_VFORK: the child has exited (or exec'd) before we run. */
	if (shared_word != 0x5eed)
		fail("clone3(CLONE_VM|CLONE_VFORK): child's write not seen by the parent");
	st = wait_exit((pid_t)child, "clone3(CLONE_VM|CLONE_VFORK)");
	if (st != 43)
		fail("clone3(CLONE_VM|CLONE_VFORK): exit status %d, expected 43%s", st,
		     st == 99 ? " (child had the parent's pid)" : "");

	child = clone3_run(&ca, exec_child, (void *)prog);
	if (child < 0)
		fail("clone3(CLONE_VM|CLONE_VFORK) + exec: %s", strerror((int)-child));
	st = wait_exit((pid_t)child, "clone3(CLONE_VM|CLONE_VFORK) + exec");
	if (st != 0)
		fail("clone3(CLONE_VM|CLONE_VFORK) + exec %s: exit status %d, expected 0",
		     prog, st);
}
#endif

int main(int argc, char **argv)
{
	struct clone3_args ca = { .exit_signal = SIGCHLD };
	pid_t parent = getpid();
	long child;
	int st;

	child = syscall(SYS_clone3, &ca, sizeof(ca));
	if (child < 0 && errno == ENOSYS) {
		fprintf(stderr, "clone3: ENOSYS, skipped\n");
		return EXIT_SKIP;
	}
	check(child >= 0, "clone3 fork-like");
	if (child == 0)
		_exit(syscall(SYS_getpid) != parent && getppid() == parent ? 42 : 99);
	st = wait_exit((pid_t)child, "clone3 fork-like");
	if (st != 42)
		fail("clone3 fork-like: exit status %d, expected 42%s", st,
		     st == 99 ? " (child's pid or ppid wrong)" : "");
#ifdef __x86_64__
	vm_children(argc > 1 ? argv[1] : "/bin/true");
#else
	(void)argc;
	(void)argv;
#endif
	printf("clone3: ok\n");
	return 0;
}
